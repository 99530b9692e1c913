import { describe, expect, it } from 'vitest';
import { compileValidator } from '../validation/validator';
import * as models from './index';

const now = '2026-01-01T00:00:00.000Z';
const uuid = '3b241101-e2bb-4255-8caf-4136c566a962';

describe('models', () => {
  it('compile as JSON Schema with ajv, each with a title for the OpenAPI document', () => {
    const schemas = Object.entries(models).filter(
      ([, value]) => typeof value === 'object' && value !== null && ('type' in value || 'anyOf' in value),
    );
    expect(schemas.length).toBeGreaterThan(20);
    // A recursive model refers to itself as the OpenAPI component of its title, as the document publishes it.
    const components = { schemas: { RunTreeNode: models.RunTreeNode } };
    for (const [name, schema] of schemas) {
      expect(() => compileValidator({ ...(schema as object), components }), name).not.toThrow();
      expect(JSON.stringify(schema)).not.toContain('"$id"');
    }
    expect((models.AgentDefinition as { title?: string }).title).toBe('Agent');
    expect((models.AgentCreate as { title?: string }).title).toBe('AgentCreate');
  });

  it('accept names of letters, digits, _ . - up to 64 characters and nothing else', () => {
    const name = compileValidator(models.Name);
    for (const ok of ['a', 'http_get', 'v1.2-x', 'A'.repeat(64)]) expect(name.issues(ok), ok).toEqual([]);
    for (const bad of ['', '-a', '_a', 'a b', 'ä', 'a/b', 'A'.repeat(65)])
      expect(name.issues(bad), bad).not.toEqual([]);
  });

  it('tell an agent step from a tool step and reject a step that is neither', () => {
    const step = compileValidator(models.WorkflowStep);
    expect(step.issues({ id: 'a', agent: 'writer', task: 'Write' })).toEqual([]);
    expect(
      step.issues({ id: 'b', tool: 'http_get', parameters: { url: 'x' }, onError: 'retry', retries: 2 }),
    ).toEqual([]);
    expect(step.issues({ id: 'c', agent: 'writer' })).not.toEqual([]);
    expect(
      step.issues({ id: 'd', agent: 'writer', task: 'x', tool: 'http_get', parameters: {} }),
    ).not.toEqual([]);
  });

  it('describe stored runs, schedules and firings, and reject an empty task', () => {
    const run = {
      id: uuid,
      kind: 'agent',
      target: 'researcher',
      status: 'running',
      input: { task: 't' },
      output: null,
      error: null,
      scheduleId: null,
      promptTokens: 0,
      completionTokens: 0,
      toolCalls: 0,
      toolErrors: 0,
      createdAt: now,
      startedAt: now,
      finishedAt: null,
      heartbeatAt: null,
    };
    expect(compileValidator(models.Run).issues(run)).toEqual([]);
    expect(
      compileValidator(models.ScheduleCreate).issues({ target: { kind: 'agent', name: 'a' }, every: '15m' }),
    ).toEqual([]);
    expect(compileValidator(models.Every).issues('15')).not.toEqual([]);
    expect(compileValidator(models.AgentExecutionRequest).issues({ task: '' })).not.toEqual([]);
    expect(
      compileValidator(models.PaginationQuery, { useDefaults: true, coerceTypes: true }).assert({
        limit: '20',
      }),
    ).toEqual({
      limit: 20,
    });
  });
});
