import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError } from '../errors/conflict-error';
import { NotFoundError } from '../errors/not-found-error';
import { UnprocessableError } from '../errors/unprocessable-error';
import { ValidationError } from '../errors/validation-error';
import { reply } from '../testing/index';
import {
  flaky,
  startWorkflowTestKit,
  toolCalls,
  type WorkflowTestKit,
} from './workflow-test-kit.test-support';

let kit: WorkflowTestKit;

beforeEach(async () => {
  kit = await startWorkflowTestKit();
});
afterEach(async () => {
  await kit.close();
});

async function issuesOf(work: Promise<unknown>) {
  const error = await work.catch((caught: unknown) => caught);
  expect(ValidationError.isInstance(error)).toBe(true);
  return (error as ValidationError).issues;
}

describe('workflow definitions', () => {
  it('rejects references to later steps, undeclared inputs, {previous} in the first step, unknown tools and duplicate ids', async () => {
    const issues = await issuesOf(
      kit.agentry.workflows.create({
        name: 'bad',
        description: 'Broken on purpose.',
        steps: [
          { id: 'first', tool: 'echo', parameters: { value: '{previous} and {steps.second.output}' } },
          { id: 'second', tool: 'echo', parameters: { value: '{inputs.city}' } },
          { id: 'second', tool: 'nope', parameters: {} },
          { id: 'fourth', tool: 'flaky', parameters: { label: ['not', 'a', 'string'] } },
        ],
      }),
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        {
          pointer: '/steps/0/parameters/value',
          message: expect.stringContaining('{previous} cannot be used in the first step'),
        },
        {
          pointer: '/steps/0/parameters/value',
          message: expect.stringContaining("step 'second', which is not an earlier step"),
        },
        {
          pointer: '/steps/1/parameters/value',
          message: expect.stringContaining("input 'city', which is not declared"),
        },
        { pointer: '/steps/2/id', message: expect.stringContaining("'second' is already used by /steps/1") },
        { pointer: '/steps/2/tool', message: "no tool is called 'nope'" },
        { pointer: '/steps/3/parameters/label', message: expect.any(String) },
      ]),
    );
    expect(await kit.agentry.repositories.workflows.find('bad')).toBeUndefined();
  });

  it('checks input names, schemas and defaults', async () => {
    const issues = await issuesOf(
      kit.agentry.workflows.create({
        name: 'inputs',
        description: 'Bad inputs.',
        inputs: {
          'a.b': {},
          count: { default: 'many', schema: { type: 'integer' } },
          odd: { schema: { type: 'no-such-type' } },
        },
        steps: [{ id: 'go', tool: 'echo', parameters: { value: 1 } }],
      }),
    );
    expect(issues.map((issue) => issue.pointer)).toEqual([
      '/inputs/a.b',
      '/inputs/count/default',
      '/inputs/odd/schema',
    ]);
  });

  it('accepts a variable where the tool schema wants another type, and checks only literal values', async () => {
    const workflow = await kit.agentry.workflows.create({
      name: 'typed',
      description: 'Label from an input.',
      inputs: { label: { default: 'x', schema: { type: 'string' } } },
      steps: [{ id: 'go', tool: 'flaky', parameters: { label: '{inputs.label}' } }],
    });
    expect(workflow).toMatchObject({ name: 'typed', enabled: true, generated: false });
  });
});

describe('running workflows', () => {
  it('passes outputs forward with their types and records each step', async () => {
    await kit.agentry.workflows.create({
      name: 'chain',
      description: 'Echo twice.',
      inputs: { city: { default: 'Oslo' } },
      steps: [
        { id: 'one', tool: 'echo', parameters: { value: { city: '{inputs.city}', n: 1 } } },
        {
          id: 'two',
          tool: 'echo',
          parameters: { value: '{steps.one.output.echoed}', text: 'in {previous}' },
        },
      ],
    });
    const run = await kit.agentry.workflows.run('chain', { inputs: { city: 'Bergen' } });
    expect(run.status).toBe('succeeded');
    expect(run.output).toEqual({ echoed: { city: 'Bergen', n: 1 } });
    const stored = await kit.agentry.runs.get(run.id);
    expect(stored.steps.map((step) => [step.stepId, step.status, step.input])).toEqual([
      ['one', 'succeeded', { parameters: { value: { city: 'Bergen', n: 1 } } }],
      [
        'two',
        'succeeded',
        { parameters: { value: { city: 'Bergen', n: 1 }, text: 'in {"echoed":{"city":"Bergen","n":1}}' } },
      ],
    ]);
    const listed = await kit.agentry.runs.list({ workflow: 'chain' });
    expect(listed.items.map((item) => item.id)).toEqual([run.id]);
  });

  it('onError stop fails the run at the failing step and runs nothing after it', async () => {
    flaky.failuresLeft = 1;
    await kit.agentry.workflows.create({
      name: 'stops',
      description: 'Fails.',
      steps: [
        { id: 'fail', tool: 'flaky', parameters: { label: 'a' } },
        { id: 'never', tool: 'echo', parameters: { value: 1 } },
      ],
    });
    const run = await kit.agentry.workflows.run('stops');
    expect(run.status).toBe('failed');
    expect(run.error).toEqual({
      code: 'TOOL_FAILED',
      message: expect.stringContaining("Step 'fail' failed"),
    });
    expect(toolCalls.map((call) => call.tool)).toEqual(['flaky']);
  });

  it('onError continue records the failure, goes on, and a later reference to the failed output fails clearly', async () => {
    flaky.failuresLeft = 1;
    await kit.agentry.workflows.create({
      name: 'continues',
      description: 'Fails then goes on.',
      steps: [
        { id: 'fail', tool: 'flaky', parameters: { label: 'a' }, onError: 'continue' },
        { id: 'after', tool: 'echo', parameters: { value: 'still here' }, onError: 'continue' },
        { id: 'uses', tool: 'echo', parameters: { value: '{steps.fail.output}' } },
      ],
    });
    const run = await kit.agentry.workflows.run('continues');
    const stored = await kit.agentry.runs.get(run.id);
    expect(stored.steps.map((step) => [step.stepId, step.status])).toEqual([
      ['fail', 'failed'],
      ['after', 'succeeded'],
      ['uses', 'failed'],
    ]);
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('VARIABLE_UNRESOLVED');
    expect(run.error?.message).toContain("{steps.fail.output} has no value: step 'fail' failed");
  });

  it('onError retry tries again with backoff and succeeds, or stops after the last retry', async () => {
    flaky.failuresLeft = 2;
    await kit.agentry.workflows.create({
      name: 'retries',
      description: 'Retries.',
      steps: [
        {
          id: 'try',
          tool: 'flaky',
          parameters: { label: 'done' },
          onError: 'retry',
          retries: 2,
          retryBackoffMs: 1,
        },
      ],
    });
    const ok = await kit.agentry.workflows.run('retries');
    expect(ok).toMatchObject({ status: 'succeeded', output: 'done' });
    expect((await kit.agentry.runs.get(ok.id)).steps[0]?.metadata).toMatchObject({ attempts: 3 });

    flaky.failuresLeft = 5;
    const failed = await kit.agentry.workflows.run('retries');
    expect(failed.status).toBe('failed');
    expect(toolCalls.filter((call) => call.tool === 'flaky')).toHaveLength(6);
  });

  it('refuses a disabled workflow with a conflict, and bad inputs with pointers, before recording a run', async () => {
    await kit.agentry.workflows.create({
      name: 'off',
      description: 'Off.',
      inputs: { count: { schema: { type: 'integer' } } },
      steps: [{ id: 'go', tool: 'echo', parameters: { value: '{inputs.count}' } }],
    });
    expect(await issuesOf(kit.agentry.workflows.run('off', { inputs: { count: 'x', extra: 1 } }))).toEqual([
      { pointer: '/inputs/extra', message: "'extra' is not an input of this workflow" },
      { pointer: '/inputs/count', message: 'must be integer' },
    ]);
    await kit.agentry.workflows.setEnabled('off', false);
    const refused = await kit.agentry.workflows
      .run('off', { inputs: { count: 1 } })
      .catch((error: unknown) => error);
    expect(ConflictError.isInstance(refused) && refused.code).toBe('INVALID_STATE');
    const refusedTask = await kit.agentry.workflows
      .runTask({ kind: 'workflow', name: 'off' }, { count: 1 }, {})
      .catch((error: unknown) => error);
    expect(ConflictError.isInstance(refusedTask)).toBe(true);
    expect((await kit.agentry.runs.list({ workflow: 'off' })).items).toEqual([]);
  });
});

describe('scheduled tasks', () => {
  it('starts a workflow with the schedule input as its inputs, linked to the firing, and returns at once', async () => {
    await kit.agentry.workflows.create({
      name: 'scheduled',
      description: 'Echo the input.',
      inputs: { who: { schema: { type: 'string' } } },
      steps: [{ id: 'say', tool: 'echo', parameters: { value: 'hello {inputs.who}' } }],
    });
    const link = { scheduleId: randomUUID(), firingId: 'firing-1' };
    const started = await kit.agentry.workflows.runTask(
      { kind: 'workflow', name: 'scheduled' },
      { who: 'Ada' },
      link,
    );
    expect(started).toMatchObject({ kind: 'workflow', target: 'scheduled', ...link });
    const finished = await kit.agentry.runs.waitFor(started.id);
    expect(finished).toMatchObject({ status: 'succeeded', output: { echoed: 'hello Ada' } });
  });

  it('refuses a missing agent or workflow with NotFoundError before recording a run', async () => {
    for (const target of [
      { kind: 'agent', name: 'ghost' },
      { kind: 'workflow', name: 'ghost' },
    ] as const) {
      const error = await kit.agentry.workflows
        .runTask(target, { task: 'x' }, {})
        .catch((caught: unknown) => caught);
      expect(NotFoundError.isInstance(error)).toBe(true);
    }
    expect((await kit.agentry.runs.list()).items).toEqual([]);
  });
});

describe('natural-language workflows', () => {
  const goodDraft = { steps: [{ id: 'say', tool: 'echo', parameters: { value: 'hello' } }] };
  const badDraft = { steps: [{ id: 'say', tool: 'echo', parameters: { value: '{previous}' } }] };

  it('compiles the description into validated steps constrained by a schema of the registered tools', async () => {
    kit.ollama.enqueue(reply.json(goodDraft));
    const workflow = await kit.agentry.workflows.create({ name: 'nl', description: 'Say hello.' });
    expect(workflow).toMatchObject({ generated: true, steps: goodDraft.steps });
    const [request] = kit.ollama.chatRequests();
    expect(JSON.stringify(request?.format)).toContain('"const":"echo"');
    expect(request?.messages?.[0]?.content).toContain('- flaky: Fails while failuresLeft');
  });

  it('drafts the steps again when the description of a generated workflow changes, but not once edited by hand', async () => {
    kit.ollama.enqueue(reply.json(goodDraft));
    await kit.agentry.workflows.create({ name: 'nl', description: 'Say hello.' });
    const redrafted = { steps: [{ id: 'bye', tool: 'echo', parameters: { value: 'bye' } }] };
    kit.ollama.enqueue(reply.json(redrafted));
    const changed = await kit.agentry.workflows.update('nl', { description: 'Say bye.' });
    expect(changed).toMatchObject({ generated: true, steps: redrafted.steps });

    const edited = await kit.agentry.workflows.update('nl', { steps: goodDraft.steps });
    expect(edited.generated).toBe(false);
    const renamed = await kit.agentry.workflows.update('nl', { description: 'Say hello again.' });
    expect(renamed).toMatchObject({ generated: false, steps: goodDraft.steps });
    expect(kit.ollama.chatRequests()).toHaveLength(2);
  });

  it('sends an invalid draft back with its problems and keeps the corrected one', async () => {
    kit.ollama.enqueue(reply.json(badDraft), reply.json(goodDraft));
    const draft = await kit.agentry.workflows.draft({ description: 'Say hello.' });
    expect(draft).toEqual({ steps: goodDraft.steps });
    const correction = kit.ollama.chatRequests()[1]?.messages?.at(-1)?.content;
    expect(correction).toContain('/steps/0/parameters/value: {previous} cannot be used in the first step');
  });

  it('gives up with an unprocessable error listing the problems after two invalid drafts', async () => {
    kit.ollama.enqueue(reply.json(badDraft), reply.text('not json'));
    const error = await kit.agentry.workflows
      .draft({ description: 'Say hello.' })
      .catch((caught: unknown) => caught);
    expect(UnprocessableError.isInstance(error)).toBe(true);
    expect((error as UnprocessableError).issues).toEqual([
      { pointer: '', message: expect.stringContaining('not JSON') },
    ]);
    expect(await kit.agentry.repositories.workflows.find('nl')).toBeUndefined();
  });
});
