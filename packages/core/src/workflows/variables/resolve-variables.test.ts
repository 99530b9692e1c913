import { describe, expect, it } from 'vitest';
import { findVariables } from './find-variables';
import { resolveVariables, type StepOutcome, type VariableValues } from './resolve-variables';

const values: VariableValues = {
  inputs: { city: 'Oslo', limit: 3 },
  steps: new Map<string, StepOutcome>([
    ['fetch', { status: 'succeeded', output: { status: 200, body: { items: [{ title: 'First' }] } } }],
    ['summarise', { status: 'succeeded', output: 'Short summary' }],
    ['broken', { status: 'failed', message: 'TOOL_TIMEOUT: took too long' }],
    ['json-text', { status: 'succeeded', output: '{"answer": 42}' }],
  ]),
  previousStepId: 'summarise',
};

describe('workflow variables', () => {
  it('keeps the type of a string that is exactly one variable', () => {
    expect(resolveVariables('{inputs.limit}', values)).toBe(3);
    expect(resolveVariables('{steps.fetch.output.body}', values)).toEqual({ items: [{ title: 'First' }] });
  });

  it('writes values into text, objects as JSON, and follows paths into arrays', () => {
    expect(
      resolveVariables('Weather in {inputs.city}: {steps.fetch.output.body.items.0.title}', values),
    ).toBe('Weather in Oslo: First');
    expect(resolveVariables('Data: {steps.fetch.output.body}', values)).toBe(
      'Data: {"items":[{"title":"First"}]}',
    );
  });

  it('fills {previous} and {result_from_previous_step} with the previous step output', () => {
    expect(resolveVariables({ text: '{previous}', again: ['{result_from_previous_step}!'] }, values)).toEqual(
      {
        text: 'Short summary',
        again: ['Short summary!'],
      },
    );
  });

  it('reads paths inside an agent answer that is JSON text', () => {
    expect(resolveVariables('{steps.json-text.output.answer}', values)).toBe(42);
  });

  it('turns {{ and }} into literal braces and leaves non-variable braces alone', () => {
    expect(resolveVariables('{{inputs.city}} is {inputs.city}; {"a": 1}', values)).toBe(
      '{inputs.city} is Oslo; {"a": 1}',
    );
  });

  it('fails clearly instead of using an empty string when a value is missing', () => {
    expect(() => resolveVariables('{steps.fetch.output.body.missing}', values)).toThrow(
      "{steps.fetch.output.body.missing} has no value: 'body' has no 'missing'.",
    );
    expect(() => resolveVariables('{steps.broken.output}', values)).toThrow(
      /step 'broken' failed \(TOOL_TIMEOUT/,
    );
    expect(() => resolveVariables('{inputs.country}', values)).toThrow(/input 'country' was not given/);
    expect(() => resolveVariables('{previous}', { ...values, previousStepId: undefined })).toThrow(
      /there is no previous step/,
    );
  });

  it('finds variables with the pointer of the string holding them, and reports unknown ones', () => {
    const found = findVariables(
      { url: 'https://x/{inputs.city}', nested: ['{weather}'] },
      '/steps/0/parameters',
    );
    expect(found.uses.map((use) => [use.pointer, use.variable.text])).toEqual([
      ['/steps/0/parameters/url', '{inputs.city}'],
    ]);
    expect(found.issues).toEqual([
      {
        pointer: '/steps/0/parameters/nested/0',
        message: expect.stringContaining('{weather} is not a known variable'),
      },
    ]);
  });
});
