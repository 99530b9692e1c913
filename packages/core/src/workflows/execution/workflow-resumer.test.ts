import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Agentry } from '../../agentry/create-agentry';
import type { Run } from '../../models/run';
import { startWorkflowTestKit, toolCalls, type WorkflowTestKit } from '../workflow-test-kit.test-support';

let kit: WorkflowTestKit;

beforeEach(async () => {
  kit = await startWorkflowTestKit();
});
afterEach(async () => {
  await kit.close();
});

const longAgo = '2000-01-01T00:00:00.000Z';

async function ended(agentry: Agentry, id: string): Promise<Run> {
  for (;;) {
    const run = await agentry.repositories.runs.get(id);
    if (run.status !== 'running' && run.status !== 'queued') return run;
    await new Promise((wait) => setTimeout(wait, 20));
  }
}

async function queuedRun(agentry: Agentry, createdAt: string): Promise<Run> {
  const run = await agentry.repositories.runs.create({
    kind: 'workflow',
    target: 'once',
    input: { inputs: {} },
  });
  await agentry.database.knex('runs').where({ id: run.id }).update({ created_at: createdAt });
  return run;
}

describe('WorkflowResumer and runs left queued', () => {
  beforeEach(async () => {
    await kit.agentry.workflows.create({
      name: 'once',
      description: 'Echo once.',
      steps: [{ id: 'only', tool: 'echo', parameters: { value: 'x' } }],
    });
  });

  it('starts a run whose process died before starting it, on exactly one of two replicas', async () => {
    const abandoned = await queuedRun(kit.agentry, longAgo);
    const [one, two] = [await kit.replica(), await kit.replica()];
    await Promise.all([one.start(), two.start()]);

    const finished = await ended(one, abandoned.id);
    expect(finished).toMatchObject({ status: 'succeeded', output: { echoed: 'x' } });
    expect(finished.startedAt).not.toBeNull();
    expect(toolCalls.filter((call) => call.tool === 'echo')).toHaveLength(1);
    expect((await one.runs.get(abandoned.id)).steps).toHaveLength(1);
  });

  it('leaves a run queued just now alone: its process may be about to start it', async () => {
    const fresh = await queuedRun(kit.agentry, new Date().toISOString());
    await (await kit.replica()).start();
    expect((await kit.agentry.repositories.runs.get(fresh.id)).status).toBe('queued');
    expect(toolCalls.filter((call) => call.tool === 'echo')).toHaveLength(0);
  });
});
