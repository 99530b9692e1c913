import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTGRES_TEST_URL, postgresAvailable, uniqueSchemaName } from '../../../../test-support/postgres';
import { silentLogger } from '../logging/logger';
import { ScriptedTaskRunner } from '../scheduler/scripted-task-runner.test-support';
import { openDatabase } from '../storage/database';
import { createRepositories, type Repositories } from '../storage/repositories';
import { openTestDatabase, type TestDatabase } from '../storage/test-database';
import { TriggerDispatcher } from './trigger-dispatcher';

const postgresUp = await postgresAvailable('@agentry/core trigger dispatcher on PostgreSQL');

for (const { dialect, available } of [
  { dialect: 'sqlite' as const, available: true },
  { dialect: 'postgres' as const, available: postgresUp },
]) {
  describe.skipIf(!available)(`trigger firings on ${dialect}`, () => {
    let test: TestDatabase;
    let repositories: Repositories;
    let runner: ScriptedTaskRunner;
    let offsetMs = 0;

    beforeAll(async () => {
      test = await openTestDatabase(dialect, {
        postgresUrl: POSTGRES_TEST_URL,
        schema: uniqueSchemaName('triggers'),
      });
      repositories = createRepositories(test.db);
      runner = new ScriptedTaskRunner(repositories.runs);
    });
    afterAll(async () => {
      await test.cleanup();
    });

    const dispatcher = (instanceId: string, repos = repositories) =>
      new TriggerDispatcher({
        repositories: repos,
        runner,
        instanceId,
        intervalMs: () => 1000,
        logger: silentLogger,
        now: () => new Date(Date.now() + offsetMs),
      });

    async function trigger(target: string, maxRetries = 0) {
      const at = new Date().toISOString();
      return repositories.triggers.create({
        id: randomUUID(),
        name: `t-${randomUUID().slice(0, 8)}`,
        kind: 'webhook',
        target: { kind: 'agent', name: target },
        input: { task: 'Handle {event.payload.n}' },
        enabled: true,
        maxRetries,
        retryBackoffMs: 0,
        webhook: { allowUnsigned: true, maxBodyBytes: 1000, rateLimitPerMinute: 60 },
        createdAt: at,
        updatedAt: at,
      });
    }

    async function runsOf(firingId: string) {
      return test.db.knex('runs').where({ firing_id: firingId }).select('id', 'status', 'input');
    }

    it('starts one run when two processes tick at once', async () => {
      // PostgreSQL: a connection pool of its own. SQLite: the same connection (better-sqlite3 blocks the
      // event loop while it waits for a lock, so two connections in one process would wait on each other).
      const second =
        dialect === 'postgres'
          ? await openDatabase({ url: test.url, schema: test.schema, poolMax: 4 })
          : test.db;
      try {
        const { id } = await trigger('racer');
        const { firing } = await repositories.triggerFirings.record(id, 'evt-1', { payload: { n: 1 } });
        const a = dispatcher('a');
        const b = dispatcher('b', createRepositories(second));
        await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
        await Promise.all([a.tick(), b.tick()]);
        const runs = await runsOf(firing.id);
        expect(runs).toHaveLength(1);
        expect((await repositories.triggerFirings.get(firing.id)).status).toBe('executed');
      } finally {
        if (second !== test.db) await second.close();
      }
    });

    it('retries a failed run as the trigger says, then records it executed', async () => {
      const { id } = await trigger('flaky', 1);
      runner.script('flaky', 'failed');
      const { firing } = await repositories.triggerFirings.record(id, 'evt-2', { payload: { n: 2 } });
      const a = dispatcher('a');
      await a.tick();
      expect((await repositories.triggerFirings.get(firing.id)).status).toBe('received');
      await a.tick();
      const done = await repositories.triggerFirings.get(firing.id);
      expect(done).toMatchObject({ status: 'executed', attempts: 2 });
      expect(await runsOf(firing.id)).toHaveLength(2);
    });

    it('takes over the firing of a dead process after its lease and follows its run instead of starting another', async () => {
      const { id } = await trigger('slow');
      runner.script('slow', 'running');
      const { firing } = await repositories.triggerFirings.record(id, 'evt-3', { payload: { n: 3 } });
      await dispatcher('dead').tick(); // claims, starts the run, then is never ticked again
      const [started] = await runsOf(firing.id);
      expect(started?.status).toBe('running');

      const survivor = dispatcher('survivor');
      await survivor.tick();
      expect((await repositories.triggerFirings.get(firing.id)).claimedBy).toBe('dead');

      offsetMs += 31_000; // past the dead process's lease
      await survivor.tick();
      expect((await repositories.triggerFirings.get(firing.id)).claimedBy).toBe('survivor');
      await repositories.runs.update(started?.id as string, { status: 'succeeded' });
      await survivor.tick();
      expect(await repositories.triggerFirings.get(firing.id)).toMatchObject({
        status: 'executed',
        runId: started?.id,
      });
      expect(await runsOf(firing.id)).toHaveLength(1);
    });
  });
}
