import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError } from '../errors/index';
import { dialects, useTestDatabase } from '../storage/dialect-suites.test-support';
import { createRepositories, type Repositories } from '../storage/repositories';
import type { RunEvent } from './run-event';
import { RunManager } from './run-manager';

describe.each(dialects)('RunManager on $dialect', ({ dialect, available }) => {
  describe.skipIf(!available)('with a migrated database', () => {
    const target = useTestDatabase(dialect, 'run-manager');
    let repositories: Repositories;
    let manager: RunManager;
    beforeAll(() => {
      repositories = createRepositories(target.db);
      manager = new RunManager({ runs: repositories.runs, steps: repositories.runSteps, replayPollMs: 20 });
    });
    afterAll(async () => {
      await manager.stop();
    });

    it('takes a run from queued to succeeded with numbered steps and publishes each stage in order', async () => {
      const run = await manager.create({ kind: 'workflow', target: 'flow', input: { x: 1 } });
      const events: RunEvent[] = [];
      await manager.subscribe(run.id, (event) => events.push(event));
      await manager.markRunning(run.id);
      const [a, b] = await Promise.all([
        manager.appendStep(run.id, { kind: 'step', status: 'running', stepId: 'a' }),
        manager.appendStep(run.id, { kind: 'step', status: 'running', stepId: 'b' }),
      ]);
      expect([a!.seq, b!.seq].sort()).toEqual([0, 1]);
      manager.publish(run.id, 'token', { seq: 0, text: 'hi' });
      await manager.updateStep(run.id, a!.seq, { status: 'succeeded', output: 'A' });
      await manager.updateStep(run.id, b!.seq, { status: 'succeeded', output: 'B' });
      const done = await manager.finish(run.id, 'succeeded', { result: 'AB' }, null, { promptTokens: 5 });
      expect(done).toMatchObject({
        status: 'succeeded',
        output: { result: 'AB' },
        promptTokens: 5,
        error: null,
      });
      expect(events.map((event) => event.type)).toEqual([
        'run.started',
        'step.started',
        'step.started',
        'token',
        'step.finished',
        'step.finished',
        'run.finished',
      ]);
      expect(events.map((event) => event.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      const stored = await manager.get(run.id);
      expect(stored.steps.map((step) => [step.stepId, step.status, step.output])).toEqual([
        [a!.stepId, 'succeeded', a!.stepId === 'a' ? 'A' : 'B'],
        [b!.stepId, 'succeeded', b!.stepId === 'a' ? 'A' : 'B'],
      ]);
      expect(stored.steps.every((step) => step.finishedAt !== null)).toBe(true);
    });

    it('stores the tool counts a run ends with and sends them in its final event', async () => {
      const run = await manager.create({ kind: 'agent', target: 'counted', input: {} });
      const events: RunEvent[] = [];
      await manager.subscribe(run.id, (event) => events.push(event));
      await manager.markRunning(run.id);
      await manager.finish(run.id, 'succeeded', 'done', null, { toolCalls: 1, toolErrors: 1 });
      expect(await manager.get(run.id)).toMatchObject({ status: 'succeeded', toolCalls: 1, toolErrors: 1 });
      expect(events.at(-1)).toMatchObject({
        type: 'run.finished',
        data: { run: { status: 'succeeded', toolCalls: 1, toolErrors: 1 } },
      });
    });

    it('replays a finished run from storage and ends with its final event', async () => {
      const run = await manager.create({ kind: 'agent', target: 'replayed', input: {} });
      await manager.markRunning(run.id);
      const step = await manager.appendStep(run.id, { kind: 'llm', status: 'running' });
      await manager.updateStep(run.id, step.seq, { status: 'failed', error: { code: 'X', message: 'x' } });
      await manager.finish(run.id, 'failed', null, { code: 'X', message: 'x' });
      const events: RunEvent[] = [];
      await manager.subscribe(run.id, (event) => events.push(event));
      expect(events.map((event) => event.type)).toEqual([
        'run.started',
        'step.started',
        'step.finished',
        'run.failed',
      ]);
      expect((events.at(-1)!.data as { run: { error: unknown } }).run.error).toEqual({
        code: 'X',
        message: 'x',
      });
    });

    it('cancels a running run: stored cancelled at once, signal aborted, later finish keeps it cancelled', async () => {
      const run = await manager.create({ kind: 'agent', target: 'cancelled', input: {} });
      await manager.markRunning(run.id);
      const signal = manager.signalFor(run.id);
      const cancelled = await manager.cancel(run.id);
      expect(cancelled).toMatchObject({ status: 'cancelled', error: { code: 'RUN_CANCELLED' } });
      expect(signal.aborted).toBe(true);
      const after = await manager.finish(run.id, 'succeeded', 'too late');
      expect(after.status).toBe('cancelled');
      const again = await manager.cancel(run.id).catch((error: unknown) => error);
      expect(ConflictError.isInstance(again)).toBe(true);
    });

    it('cancels a queued run so it never starts', async () => {
      const run = await manager.create({ kind: 'agent', target: 'queued', input: {} });
      await manager.cancel(run.id);
      await expect(manager.markRunning(run.id)).rejects.toThrow(/cancelled/);
    });

    it('lists runs by agent, workflow and status', async () => {
      const page = await manager.list({ agent: 'cancelled', status: 'cancelled' });
      expect(page.items.map((run) => run.target)).toEqual(['cancelled']);
      expect((await manager.list({ workflow: 'flow' })).items).toHaveLength(1);
      expect((await manager.list({ workflow: 'cancelled' })).items).toHaveLength(0);
    });

    it('marks agent runs with a stale heartbeat failed as interrupted, leaving fresh ones alone', async () => {
      const stale = await repositories.runs.create({ kind: 'agent', target: 'crashed', input: {} });
      await repositories.runs.update(stale.id, {
        status: 'running',
        startedAt: '2020-01-01T00:00:00.000Z',
        heartbeatAt: '2020-01-01T00:00:00.000Z',
      });
      const fresh = await repositories.runs.create({ kind: 'agent', target: 'elsewhere', input: {} });
      const now = new Date().toISOString();
      await repositories.runs.update(fresh.id, { status: 'running', startedAt: now, heartbeatAt: now });
      const other = new RunManager({
        runs: repositories.runs,
        steps: repositories.runSteps,
        intervalMs: 60_000,
      });
      await other.start();
      await other.stop();
      expect(await repositories.runs.get(stale.id)).toMatchObject({
        status: 'failed',
        error: { code: 'RUN_INTERRUPTED' },
      });
      expect((await repositories.runs.get(fresh.id)).status).toBe('running');
    });

    it('marks agent runs left queued by a dead process failed as interrupted, leaving fresh ones alone', async () => {
      const old = '2020-01-01T00:00:00.000Z';
      const neverStarted = await repositories.runs.create({
        kind: 'agent',
        target: 'queued-crash',
        input: {},
      });
      await target.db.knex('runs').where({ id: neverStarted.id }).update({ created_at: old });
      const lastBeatOld = await repositories.runs.create({ kind: 'agent', target: 'queued-beat', input: {} });
      await repositories.runs.update(lastBeatOld.id, { heartbeatAt: old });
      const waiting = await repositories.runs.create({ kind: 'agent', target: 'queued-now', input: {} });
      const workflow = await repositories.runs.create({ kind: 'workflow', target: 'queued-flow', input: {} });
      await target.db.knex('runs').where({ id: workflow.id }).update({ created_at: old });
      const other = new RunManager({
        runs: repositories.runs,
        steps: repositories.runSteps,
        intervalMs: 60_000,
      });
      await other.start();
      await other.stop();
      for (const id of [neverStarted.id, lastBeatOld.id]) {
        const run = await repositories.runs.get(id);
        expect(run).toMatchObject({ status: 'failed', error: { code: 'RUN_INTERRUPTED' } });
        expect(run.error?.message).toMatch(/before it started/);
      }
      expect((await repositories.runs.get(waiting.id)).status).toBe('queued');
      expect((await repositories.runs.get(workflow.id)).status).toBe('queued'); // the workflow resumer's
    });

    it('keeps its own queued runs alive with heartbeats, so other replicas leave them queued', async () => {
      const beating = new RunManager({
        runs: repositories.runs,
        steps: repositories.runSteps,
        intervalMs: 20,
      });
      await beating.start();
      const run = await beating.create({ kind: 'agent', target: 'queued-here', input: {} });
      // Wait for a heartbeat well after creation, then look for runs queued longer than half that gap:
      // this run qualifies by its age, and only its heartbeat keeps it alive.
      const createdAt = Date.parse(run.createdAt);
      while (
        Date.parse((await repositories.runs.get(run.id)).heartbeatAt ?? run.createdAt) <
        createdAt + 300
      ) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const replica = new RunManager({
        runs: repositories.runs,
        steps: repositories.runSteps,
        intervalMs: 60_000,
        staleAfterMs: Date.now() - createdAt - 150,
      });
      await replica.start();
      await replica.stop();
      expect((await repositories.runs.get(run.id)).status).toBe('queued');
      await beating.stop();
    });

    it('holds deferred steps in memory (shown by get) and writes each once, with other writes, at a checkpoint', async () => {
      const run = await manager.create({ kind: 'agent', target: 'deferred', input: {} });
      await manager.markRunning(run.id);
      const step = await manager.appendStep(run.id, { kind: 'llm', status: 'running' }, { defer: true });
      expect((await repositories.runSteps.listForRun(run.id)).items).toEqual([]);
      expect((await manager.get(run.id)).steps.map((held) => held.status)).toEqual(['running']);
      await manager.updateStep(run.id, step.seq, { status: 'succeeded', output: { content: 'hi' } });
      await manager.checkpoint(run.id, (trx) =>
        repositories.memory
          .insert([{ agent: 'deferred', runId: run.id, seq: 0, role: 'user', content: 'task' }], trx)
          .then(() => undefined),
      );
      const stored = await repositories.runSteps.listForRun(run.id);
      expect(stored.items).toMatchObject([{ seq: 0, status: 'succeeded', output: { content: 'hi' } }]);
      expect(stored.items[0]?.finishedAt).not.toBeNull();
      expect((await repositories.memory.list({ runId: run.id })).items).toHaveLength(1);
      expect((await manager.get(run.id)).steps).toHaveLength(1);
    });

    it('writes the deferred steps of a run cancelled meanwhile when it finishes', async () => {
      const run = await manager.create({ kind: 'agent', target: 'deferred-cancel', input: {} });
      await manager.markRunning(run.id);
      const step = await manager.appendStep(run.id, { kind: 'tool', status: 'running' }, { defer: true });
      await manager.cancel(run.id);
      await manager.updateStep(run.id, step.seq, { status: 'cancelled' });
      const ended = await manager.finish(run.id, 'cancelled', null);
      expect(ended.status).toBe('cancelled');
      expect((await manager.get(run.id)).steps.map((stored) => stored.status)).toEqual(['cancelled']);
      expect((await repositories.runSteps.listForRun(run.id)).items).toHaveLength(1);
    });

    it('resumes a running run claimed from a dead process: live signal, steps numbered after the stored ones', async () => {
      const run = await repositories.runs.create({ kind: 'workflow', target: 'adopted', input: {} });
      await repositories.runs.update(run.id, { status: 'running', startedAt: new Date().toISOString() });
      await repositories.runSteps.create({ runId: run.id, seq: 0, kind: 'step', status: 'succeeded' });
      expect(manager.signalFor(run.id).aborted).toBe(true);
      await manager.resume(run.id);
      const signal = manager.signalFor(run.id);
      expect(signal.aborted).toBe(false);
      const next = await manager.appendStep(run.id, { kind: 'step', status: 'running' });
      expect(next.seq).toBe(1);
      await manager.cancel(run.id);
      expect(signal.aborted).toBe(true);
    });

    it('refreshes the heartbeat of its running runs and aborts one that was ended by another replica', async () => {
      const beating = new RunManager({
        runs: repositories.runs,
        steps: repositories.runSteps,
        intervalMs: 20,
      });
      await beating.start();
      const run = await beating.create({ kind: 'agent', target: 'beating', input: {} });
      const started = await beating.markRunning(run.id);
      const signal = beating.signalFor(run.id);
      while ((await repositories.runs.get(run.id)).heartbeatAt === started.heartbeatAt) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await repositories.runs.update(run.id, { status: 'cancelled' });
      // The next beat may already have aborted it while the update's answer travelled back.
      if (!signal.aborted) {
        await new Promise<void>((resolve) =>
          signal.addEventListener('abort', () => resolve(), { once: true }),
        );
      }
      await beating.stop();
      expect(signal.aborted).toBe(true);
    });

    it('follows a run executed elsewhere by polling storage until it ends', async () => {
      const run = await repositories.runs.create({ kind: 'workflow', target: 'remote', input: {} });
      await repositories.runs.update(run.id, { status: 'running', startedAt: new Date().toISOString() });
      const events: RunEvent[] = [];
      const ended = new Promise<void>((resolve) => {
        void manager.subscribe(run.id, (event) => {
          events.push(event);
          if (event.type === 'run.finished') resolve();
        });
      });
      await repositories.runSteps.create({ runId: run.id, seq: 0, kind: 'step', status: 'succeeded' });
      await repositories.runs.update(run.id, { status: 'succeeded', output: 'ok' });
      await ended;
      expect(events.map((event) => event.type)).toEqual([
        'run.started',
        'step.started',
        'step.finished',
        'run.finished',
      ]);
    });
  });
});
