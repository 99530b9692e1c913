import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Agentry } from '../agentry/create-agentry';
import type { Run } from '../models/run';
import { reply } from '../testing/index';
import {
  gate,
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

const longAgo = '2000-01-01T00:00:00.000Z';

async function until<T>(check: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((wait) => setTimeout(wait, 20));
  }
}

function ended(agentry: Agentry, id: string): Promise<Run> {
  return until(async () => {
    const run = await agentry.repositories.runs.get(id);
    return run.status === 'running' || run.status === 'queued' ? undefined : run;
  });
}

const calls = (tool: string) => toolCalls.filter((call) => call.tool === tool).length;

describe('durable workflow runs', () => {
  it('stopping mid-step leaves the run resumable, and another process finishes it without repeating done steps', async () => {
    await kit.agentry.workflows.create({
      name: 'three',
      description: 'Echo, wait, echo.',
      steps: [
        { id: 'first', tool: 'echo', parameters: { value: 'one' } },
        { id: 'middle', tool: 'wait', parameters: {} },
        { id: 'last', tool: 'echo', parameters: { value: '{steps.first.output.echoed} again' } },
      ],
    });
    const run = await kit.agentry.workflows.run('three', {}, { async: true });
    await until(async () => (calls('wait') === 1 ? true : undefined));
    await kit.agentry.stop();

    const replica = await kit.replica();
    const left = await replica.runs.get(run.id);
    expect(left.status).toBe('running');
    expect(left.steps.map((step) => [step.stepId, step.status])).toEqual([
      ['first', 'succeeded'],
      ['middle', 'running'],
    ]);
    await replica.database.knex('runs').where({ id: run.id }).update({ heartbeat_at: longAgo });
    gate.closed = false;
    await replica.start();

    expect(await ended(replica, run.id)).toMatchObject({
      status: 'succeeded',
      output: { echoed: 'one again' },
    });
    expect(calls('echo')).toBe(2);
    expect(calls('wait')).toBe(2);
  });

  it('a run left by a process that stopped is resumed by the next start at once, not after its heartbeat limit', async () => {
    await kit.agentry.workflows.create({
      name: 'two',
      description: 'Wait, then echo.',
      steps: [
        { id: 'middle', tool: 'wait', parameters: {} },
        { id: 'last', tool: 'echo', parameters: { value: 'done' } },
      ],
    });
    const run = await kit.agentry.workflows.run('two', {}, { async: true });
    await until(async () => (calls('wait') === 1 ? true : undefined));
    await kit.agentry.stop(); // its run stays `running`, heartbeat fresh; its owner lock is released

    const replica = await kit.replica();
    gate.closed = false;
    await replica.start();
    expect(await ended(replica, run.id)).toMatchObject({ status: 'succeeded', output: { echoed: 'done' } });
  });

  it('a workflow whose agent step waits for an approval survives a restart: decided on the new process, it goes on from that step', async () => {
    await kit.agentry.agents.create({
      name: 'asker',
      role: 'Echoer',
      goals: [],
      backstory: '',
      tools: ['echo'],
      memoryTurns: 0,
      approval: { default: 'always' },
    });
    await kit.agentry.workflows.create({
      name: 'approve-then-echo',
      description: 'An agent step that needs an approval, then a tool step using its answer.',
      steps: [
        { id: 'ask', agent: 'asker', task: 'Echo hi' },
        { id: 'last', tool: 'echo', parameters: { value: '{steps.ask.output} done' } },
      ],
    });
    kit.ollama.enqueue(reply.toolCalls([{ name: 'echo', arguments: { value: 'hi' } }]));
    const run = await kit.agentry.workflows.run('approve-then-echo', {}, { async: true });
    const approval = await until(async () => {
      const children = await kit.agentry.runs.list({ parentRunId: run.id, status: 'waiting_approval' });
      const child = children.items[0];
      return child && (await kit.agentry.approvals.list({ runId: child.id })).items[0];
    });
    await kit.agentry.stop(); // the workflow run stays `running`, its step waiting; the process is gone

    const replica = await kit.replica();
    await replica.start();
    kit.ollama.enqueue(reply.text('Echoed hi.'));
    expect(await replica.approvals.decide(approval.id, { decision: 'approve' }, 'ops')).toMatchObject({
      status: 'approved',
    });
    expect(await ended(replica, run.id)).toMatchObject({
      status: 'succeeded',
      output: { echoed: 'Echoed hi. done' },
    });
    expect(toolCalls.map((call) => call.params)).toEqual([{ value: 'hi' }, { value: 'Echoed hi. done' }]);
    const children = await replica.runs.list({ parentRunId: run.id });
    expect(children.items.map((child) => [child.id, child.status])).toEqual([[approval.runId, 'succeeded']]);
    const steps = (await replica.runs.get(run.id)).steps;
    expect(steps.map((step) => [step.stepId, step.status, step.metadata.childRunId])).toEqual([
      ['ask', 'succeeded', approval.runId],
      ['last', 'succeeded', undefined],
    ]);
  });

  it('of two replicas starting together, exactly one resumes an abandoned run', async () => {
    await kit.agentry.workflows.create({
      name: 'once',
      description: 'Echo once.',
      steps: [{ id: 'only', tool: 'echo', parameters: { value: 'x' } }],
    });
    const abandoned = await kit.agentry.repositories.runs.create({
      kind: 'workflow',
      target: 'once',
      input: { inputs: {} },
      status: 'running',
    });
    await kit.agentry.repositories.runs.update(abandoned.id, { startedAt: longAgo, heartbeatAt: longAgo });

    const [one, two] = [await kit.replica(), await kit.replica()];
    await Promise.all([one.start(), two.start()]);

    expect(await ended(one, abandoned.id)).toMatchObject({ status: 'succeeded' });
    expect(calls('echo')).toBe(1);
    expect((await one.runs.get(abandoned.id)).steps).toHaveLength(1);
  });

  it('a run whose heartbeat is fresh is left alone: its process may be alive', async () => {
    await kit.agentry.workflows.create({
      name: 'alive',
      description: 'Echo.',
      steps: [{ id: 'only', tool: 'echo', parameters: { value: 'x' } }],
    });
    const busy = await kit.agentry.repositories.runs.create({
      kind: 'workflow',
      target: 'alive',
      input: { inputs: {} },
      status: 'running',
    });
    const now = new Date().toISOString();
    await kit.agentry.repositories.runs.update(busy.id, { startedAt: now, heartbeatAt: now });
    await (await kit.replica()).start();
    expect((await kit.agentry.repositories.runs.get(busy.id)).status).toBe('running');
    expect(calls('echo')).toBe(0);
  });

  it('cancelling a run aborts the step in progress and runs nothing after it', async () => {
    await kit.agentry.workflows.create({
      name: 'cancellable',
      description: 'Wait, then echo.',
      steps: [
        { id: 'hold', tool: 'wait', parameters: {} },
        { id: 'after', tool: 'echo', parameters: { value: 'never' } },
      ],
    });
    const run = await kit.agentry.workflows.run('cancellable', {}, { async: true });
    await until(async () => (calls('wait') === 1 ? true : undefined));
    await kit.agentry.runs.cancel(run.id);

    const finished = await ended(kit.agentry, run.id);
    expect(finished).toMatchObject({ status: 'cancelled', error: { code: 'RUN_CANCELLED' } });
    const steps = await until(async () => {
      const stored = await kit.agentry.runs.get(run.id);
      return stored.steps[0]?.status === 'running' ? undefined : stored.steps;
    });
    expect(steps.map((step) => [step.stepId, step.status])).toEqual([['hold', 'cancelled']]);
    expect(calls('echo')).toBe(0);
  });
});
