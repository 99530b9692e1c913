import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../errors/index';
import { dialects, useTestDatabase } from '../dialect-suites.test-support';
import { RunRepository } from './run-repository';
import { RunStepRepository } from './run-step-repository';

/** Values whose JSON must survive storage unchanged on both engines. */
const trickyOutputs: unknown[] = [
  'plain text',
  '123',
  'true',
  '',
  0,
  -1.5,
  1e21,
  9007199254740991,
  true,
  false,
  [],
  {},
  [1, 'two', null, { three: [3] }],
  { nested: { deeply: { list: [{ a: 1 }, { b: 'ü ✓ 🚀' }] } }, 'key with spaces': 'x', quote: '"\\' },
];

describe.each(dialects)('RunRepository on $dialect', ({ dialect, available }) => {
  describe.skipIf(!available)('with a migrated database', () => {
    const target = useTestDatabase(dialect, 'runs');
    const runs = () => new RunRepository(target.db);
    const steps = () => new RunStepRepository(target.db);

    it('records a queued run with empty results and reads it back', async () => {
      const run = await runs().create({ kind: 'agent', target: 'researcher', input: { task: 'Find X' } });
      expect(run).toMatchObject({
        kind: 'agent',
        target: 'researcher',
        status: 'queued',
        input: { task: 'Find X' },
        output: null,
        error: null,
        scheduleId: null,
        promptTokens: 0,
        toolCalls: 0,
        toolErrors: 0,
        startedAt: null,
      });
      expect(await runs().get(run.id)).toEqual(run);
    });

    it.each(trickyOutputs.map((output) => [JSON.stringify(output), output]))(
      'keeps output %s identical',
      async (_label, output) => {
        const run = await runs().create({ kind: 'workflow', target: 'json', input: {} });
        const done = await runs().update(run.id, { status: 'succeeded', output });
        expect(done.output).toEqual(output);
        expect((await runs().get(run.id)).output).toEqual(output);
      },
    );

    it('stores U+0000 as is on SQLite and as U+FFFD on PostgreSQL, which cannot hold it', async () => {
      const output = { body: 'a\u0000b', literal: 'not a nul: \\u0000', 'k\u0000': ['\u0000'] };
      const run = await runs().create({ kind: 'agent', target: 'nul', input: {}, model: 'm\u0000' });
      const stored = await runs().update(run.id, { output });
      const expected =
        dialect === 'postgres'
          ? { body: 'a\uFFFDb', literal: 'not a nul: \\u0000', 'k\uFFFD': ['\uFFFD'] }
          : output;
      expect(stored.output).toEqual(expected);
      expect(stored.model).toBe(dialect === 'postgres' ? 'm\uFFFD' : 'm\u0000');
    });

    it('lists newest first, pages across runs created in the same millisecond, and filters', async () => {
      const scheduleId = randomUUID();
      const created = [];
      for (let index = 0; index < 7; index += 1) {
        created.push(
          await runs().create({ kind: 'workflow', target: 'paged', input: { index }, scheduleId }),
        );
      }
      await runs().update(created[2]!.id, { status: 'failed', error: { code: 'X', message: 'boom' } });
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await runs().list({ target: 'paged' }, { limit: 3, cursor });
        seen.push(...page.items.map((run) => run.id));
        cursor = page.nextCursor;
      } while (cursor);
      const expected = [...created]
        .sort((a, b) =>
          a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1,
        )
        .map((run) => run.id);
      expect(seen).toEqual(expected);
      const failed = await runs().list({ kind: 'workflow', target: 'paged', status: 'failed' });
      expect(failed.items.map((run) => run.error)).toEqual([{ code: 'X', message: 'boom' }]);
      expect((await runs().list({ scheduleId, status: ['queued', 'failed'] })).items).toHaveLength(7);
    });

    it('changes a run only from an expected status', async () => {
      const run = await runs().create({ kind: 'agent', target: 'cas', input: {} });
      expect(await runs().updateIfStatus(run.id, ['running'], { status: 'cancelled' })).toBeUndefined();
      const cancelled = await runs().updateIfStatus(run.id, ['queued', 'running'], { status: 'cancelled' });
      expect(cancelled?.status).toBe('cancelled');
    });

    it('finds running runs whose heartbeat stopped', async () => {
      const stale = await runs().create({ kind: 'agent', target: 'stale', input: {} });
      await runs().update(stale.id, {
        status: 'running',
        startedAt: '2020-01-01T00:00:00Z',
        heartbeatAt: '2020-01-01T00:00:05Z',
      });
      const fresh = await runs().create({ kind: 'agent', target: 'stale', input: {} });
      await runs().update(fresh.id, { status: 'running', startedAt: new Date().toISOString() });
      const found = await runs().claims.listStale('2021-01-01T00:00:00.000Z');
      expect(found.map((run) => run.id)).toContain(stale.id);
      expect(found.map((run) => run.id)).not.toContain(fresh.id);
    });

    it('lets exactly one of several concurrent claims take over a stale run, and none a fresh one', async () => {
      const stale = await runs().create({ kind: 'workflow', target: 'claimed', input: {} });
      await runs().update(stale.id, {
        status: 'running',
        startedAt: '2020-01-01T00:00:00Z',
        heartbeatAt: '2020-01-01T00:00:05Z',
      });
      const before = '2021-01-01T00:00:00.000Z';
      const now = new Date().toISOString();
      const claims = await Promise.all(
        Array.from({ length: 5 }, () => runs().claims.claimStale(stale.id, before, { heartbeatAt: now })),
      );
      expect(claims.filter((claim) => claim !== undefined)).toHaveLength(1);
      expect((await runs().get(stale.id)).heartbeatAt).toBe(now);
      expect(await runs().claims.claimStale(stale.id, before, { heartbeatAt: now })).toBeUndefined();
    });

    it('records steps in order, updates them, and deletes them with their run', async () => {
      const run = await runs().create({ kind: 'agent', target: 'stepper', input: {} });
      const first = await steps().create({
        runId: run.id,
        kind: 'llm',
        status: 'running',
        metadata: { model: 'm' },
      });
      const second = await steps().create({
        runId: run.id,
        kind: 'tool',
        name: 'http_get',
        status: 'running',
        input: { url: 'x' },
      });
      expect([first.seq, second.seq]).toEqual([0, 1]);
      await steps().update(run.id, 1, { status: 'succeeded', output: 'body', metadata: { durationMs: 5 } });
      const page = await steps().listForRun(run.id, { limit: 1 });
      expect(page.items.map((step) => step.seq)).toEqual([0]);
      const rest = await steps().listForRun(run.id, { cursor: page.nextCursor });
      expect(rest.items[0]).toMatchObject({
        seq: 1,
        name: 'http_get',
        output: 'body',
        metadata: { durationMs: 5 },
      });
      await runs().delete(run.id);
      expect((await steps().listForRun(run.id)).items).toEqual([]);
      await expect(runs().get(run.id)).rejects.toThrow(NotFoundError);
    });
  });
});
