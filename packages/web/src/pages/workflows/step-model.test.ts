import { describe, expect, it } from 'vitest';
import { apiSteps, emptyStep, stepDraft, variablesIn } from './step-model';

describe('workflow step drafts', () => {
  it('round-trips agent and tool steps, keeping fields the editor does not show', () => {
    const agentStep = { id: 'fetch', agent: 'reader', task: 'Read {inputs.url}', onError: 'retry' as const };
    const toolStep = { id: 'mail', tool: 'send_email', parameters: { subject: '{steps.fetch.output}' } };
    const drafts = [stepDraft(agentStep), stepDraft(toolStep)];
    expect(drafts.map((d) => d.kind)).toEqual(['agent', 'tool']);
    expect(apiSteps(drafts)).toEqual({ ok: true, steps: [agentStep, toolStep] });
  });

  it('names the step whose parameters are not a JSON object', () => {
    const bad = { ...emptyStep(1), kind: 'tool' as const, tool: 'http_get', parameters: '[1' };
    expect(apiSteps([emptyStep(0), bad])).toEqual({
      ok: false,
      errors: { 1: 'Parameters must be a JSON object.' },
    });
  });

  it('lists the variables a task uses, once each, ignoring literal braces', () => {
    expect(variablesIn('Sum {inputs.topic} and {previous}, then {inputs.topic} {{not}}')).toEqual([
      '{inputs.topic}',
      '{previous}',
    ]);
  });
});
