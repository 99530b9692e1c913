import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, useTestDatabase } from '../storage/dialect-suites.test-support';
import { createRepositories, type Repositories } from '../storage/repositories';
import type { RunEvent } from './run-event';
import { RunManager } from './run-manager';

describe.each(dialects)('replaying refused tool calls on $dialect', ({ dialect, available }) => {
  describe.skipIf(!available)('with a migrated database', () => {
    const target = useTestDatabase(dialect, 'refused-replay');
    let repositories: Repositories;
    let manager: RunManager;
    beforeAll(() => {
      repositories = createRepositories(target.db);
      manager = new RunManager({
        runs: repositories.runs,
        steps: repositories.runSteps,
        memory: repositories.memory,
        replayPollMs: 20,
      });
    });
    afterAll(async () => {
      await manager.stop();
    });

    it('puts each refusal after the llm step of its reply, or after the tool step of the call before it', async () => {
      const run = await manager.create({ kind: 'agent', target: 'refuser', input: {} });
      await manager.markRunning(run.id);
      const llm = await manager.appendStep(run.id, {
        kind: 'llm',
        status: 'running',
        metadata: { iteration: 1 },
      });
      await manager.updateStep(run.id, llm.seq, { status: 'succeeded', metadata: { iteration: 1 } });
      const tool = await manager.appendStep(run.id, {
        kind: 'tool',
        name: 'get_weather',
        status: 'running',
        metadata: { iteration: 1 },
      });
      await manager.updateStep(run.id, tool.seq, { status: 'succeeded', metadata: { iteration: 1 } });
      const entry = (
        seq: number,
        role: 'user' | 'tool_call' | 'tool_output',
        content: string,
        metadata = {},
      ) => ({
        agent: 'refuser',
        runId: run.id,
        seq,
        role,
        content,
        metadata,
      });
      await manager.finish(run.id, 'succeeded', 'done', null, {}, (trx) =>
        repositories.memory
          .append(
            [
              entry(0, 'user', 'Paris?'),
              entry(1, 'tool_output', 'Unknown tool "nope".', { tool: 'nope', iteration: 1, ok: false }),
              entry(2, 'tool_call', '{}', { tool: 'get_weather', iteration: 1 }),
              entry(3, 'tool_output', 'Sunny', { tool: 'get_weather', iteration: 1, ok: true }),
              entry(4, 'tool_output', 'Bad arguments.', { tool: 'get_time', iteration: 1, ok: false }),
            ],
            trx,
          )
          .then(() => undefined),
      );
      const events: RunEvent[] = [];
      await manager.subscribe(run.id, (event) => events.push(event));
      expect(
        events.map((event) => {
          const data = event.data as { step?: { kind: string }; tool?: string; text?: string };
          return event.type === 'tool.result'
            ? [event.type, data.tool, data.text]
            : [event.type, data.step?.kind];
        }),
      ).toEqual([
        ['run.started', undefined],
        ['step.started', 'llm'],
        ['step.finished', 'llm'],
        ['tool.result', 'nope', 'Unknown tool "nope".'],
        ['step.started', 'tool'],
        ['step.finished', 'tool'],
        ['tool.result', 'get_time', 'Bad arguments.'],
        ['run.finished', undefined],
      ]);
      expect(events[3]?.data).toEqual({ tool: 'nope', ok: false, text: 'Unknown tool "nope".' });
    });
  });
});
