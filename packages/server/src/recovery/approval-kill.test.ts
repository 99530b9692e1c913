import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRepositories, openDatabase } from '@agentry/core';
import { reply, type ScriptedOllama, startScriptedOllama } from '@agentry/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dropSchema,
  postgresAvailable,
  postgresSchemaUrl,
  uniqueSchemaName,
} from '../../../../test-support/postgres';
import { buildCliIfStale } from '../testing/build-cli';
import { type SpawnedServer, spawnServer } from '../testing/spawn-server';
import type { CrashRecoveryDatabase } from './crash-recovery.test-support';

// biome-ignore lint/suspicious/noExplicitAny: the tests read JSON whose shape they assert.
type Json = any;

const pause = (ms: number) => new Promise((wait) => setTimeout(wait, ms));

async function runOf(server: SpawnedServer, id: string): Promise<Json> {
  return (await (await server.request(`/api/v1/runs/${id}`)).json()) as Json;
}

/** Polls run `id` on `server` until its status is one of `statuses`; returns it. */
async function untilStatus(server: SpawnedServer, id: string, statuses: string[]): Promise<Json> {
  for (let i = 0; i < 1000; i++) {
    const run = await runOf(server, id);
    if (statuses.includes(run.status)) return run;
    await pause(20);
  }
  throw new Error(`run ${id} never became ${statuses.join(' or ')}`);
}

const ENDED = ['succeeded', 'failed', 'cancelled'];
/** How a run fails whose process died after its approved call had started (docs/approvals.md, "Exactly once"). */
const CALL_INTERRUPTED = 'APPROVED_CALL_INTERRUPTED';

/**
 * Approvals' exactly-once with real `agentry serve` processes on one database: kill -9 while a run
 * waits; two live replicas; kill -9 right after the decision. The approved call is an `http_get` of a
 * loopback server that counts the requests of each path, so its executions are counted exactly.
 */
function approvalKillScenarios(open: () => Promise<CrashRecoveryDatabase>, close: () => Promise<void>): void {
  let ollama: ScriptedOllama;
  let where: CrashRecoveryDatabase;
  let site: Server;
  let siteHost: string;
  const hits = new Map<string, number>();
  const servers: SpawnedServer[] = [];
  const spawn = async () => {
    const server = await spawnServer({ ...where, ollamaUrl: ollama.url });
    servers.push(server);
    await server.ready();
    return server;
  };

  /** Starts a run on `server` that fetches `path` of the counting site; resolves it once it waits. */
  async function waitingRun(
    server: SpawnedServer,
    path: string,
  ): Promise<{ runId: string; approvalId: string }> {
    const response = await server.request('/api/v1/agents/fetcher/run', {
      method: 'POST',
      json: { task: `Fetch http://${siteHost}${path}`, async: true },
    });
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as Json;
    await untilStatus(server, id, ['waiting_approval']);
    const listed = (await (await server.request(`/api/v1/approvals?runId=${id}`)).json()) as Json;
    expect(listed.items).toMatchObject([{ tool: 'http_get', status: 'pending' }]);
    return { runId: id, approvalId: listed.items[0].id };
  }

  const approve = (server: SpawnedServer, approvalId: string) =>
    server.request(`/api/v1/approvals/${approvalId}`, { method: 'POST', json: { decision: 'approve' } });

  beforeAll(async () => {
    buildCliIfStale();
    site = createServer((request, response) => {
      hits.set(request.url ?? '', (hits.get(request.url ?? '') ?? 0) + 1);
      if (!request.url?.startsWith('/hang')) response.end(`fetched ${request.url}`); // else: never answers
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteHost = `127.0.0.1:${(site.address() as AddressInfo).port}`;
    ollama = await startScriptedOllama();
    ollama.respondWith((request) => {
      const messages = request.body.messages ?? [];
      if (messages.at(-1)?.role === 'tool') return reply.text('Fetched.');
      const url = /http:\/\/\S+/.exec(messages.map((message) => message.content).join('\n'))?.[0] ?? '';
      return reply.toolCalls([{ name: 'http_get', arguments: { url } }]);
    });
    where = await open();
  }, 600_000);
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.kill()));
    await ollama?.close();
    site?.closeAllConnections();
    await new Promise((resolve) => site?.close(resolve));
    await close();
  });

  it('a run waiting for approval survives kill -9; approved on the restarted server, the call runs once', async () => {
    const first = await spawn();
    const agent = {
      name: 'fetcher',
      role: 'Fetcher',
      goals: [],
      backstory: '',
      tools: ['http_get'],
      memoryTurns: 0,
      approval: { default: 'always' },
    };
    expect((await first.request('/api/v1/agents', { method: 'POST', json: agent })).status).toBe(201);
    const config = await first.request('/api/v1/agents/fetcher/tools/http_get/config', {
      method: 'PUT',
      json: { config: { allowHosts: [siteHost] } },
    });
    expect(config.status).toBe(200);
    const { runId, approvalId } = await waitingRun(first, '/killed-while-waiting');
    await first.kill();

    const restarted = await spawn();
    expect(await runOf(restarted, runId)).toMatchObject({ status: 'waiting_approval' });
    const decided = await approve(restarted, approvalId);
    expect(decided.status).toBe(200);
    expect(await decided.json()).toMatchObject({ status: 'approved' });
    const run = await untilStatus(restarted, runId, ENDED);
    expect(run).toMatchObject({ status: 'succeeded', output: 'Fetched.' });
    expect(hits.get('/killed-while-waiting')).toBe(1);
  }, 60_000);

  it('two live replicas: one approval, the call runs exactly once, and a second decision is 409', async () => {
    const [one, two] = [servers[1] as SpawnedServer, await spawn()];
    const { runId, approvalId } = await waitingRun(one, '/two-replicas');
    expect((await approve(two, approvalId)).status).toBe(200);
    const run = await untilStatus(one, runId, ENDED);
    expect(run).toMatchObject({ status: 'succeeded', output: 'Fetched.' });
    const again = await approve(one, approvalId);
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect(await again.json()).toMatchObject({ code: 'ALREADY_DECIDED' });
    await pause(6000); // more than one approval sweep (every 5 s) of both replicas
    expect(hits.get('/two-replicas')).toBe(1);
    expect(await runOf(two, runId)).toMatchObject({ status: 'succeeded' });
  }, 60_000);

  it('kill -9 right after the approve POST answers: after the restart the call ran at most once and the run ended', async () => {
    await (servers[2] as SpawnedServer).kill(); // the replica of the previous test: one process at a time here
    const server = servers[1] as SpawnedServer;
    const { runId, approvalId } = await waitingRun(server, '/killed-after-decision');
    expect((await approve(server, approvalId)).status).toBe(200);
    await server.kill();

    const restarted = await spawn();
    const run = await untilStatus(restarted, runId, ENDED);
    await pause(6000); // more than one approval sweep (every 5 s) after the run ended
    expect(hits.get('/killed-after-decision') ?? 0).toBeLessThanOrEqual(1);
    // Died before the call started: taken back to the decision and executed once. Died after it started
    // (the claim): never executed again, failed with APPROVED_CALL_INTERRUPTED; only once its result was
    // stored does a death end the run like any interrupted agent run.
    if (run.status === 'succeeded') expect(hits.get('/killed-after-decision')).toBe(1);
    else expect([CALL_INTERRUPTED, 'RUN_INTERRUPTED']).toContain(run.error?.code);
    if (run.error?.code === 'RUN_INTERRUPTED') expect(hits.get('/killed-after-decision')).toBe(1);
    expect(await runOf(restarted, runId)).toMatchObject({ status: run.status });
  }, 60_000);

  it('kill -9 while the approved call is in flight: it is never executed again and the run ends', async () => {
    const server = servers[3] as SpawnedServer;
    const { runId, approvalId } = await waitingRun(server, '/hang-killed-mid-call');
    expect((await approve(server, approvalId)).status).toBe(200);
    while (!hits.get('/hang-killed-mid-call')) await pause(20);
    await server.kill();

    const restarted = await spawn();
    const run = await untilStatus(restarted, runId, ENDED);
    await pause(6000); // more than one approval sweep (every 5 s) after the run ended
    expect(hits.get('/hang-killed-mid-call')).toBe(1);
    expect(run.status).toBe('failed');
    expect(run.error.code).toBe(CALL_INTERRUPTED);
    expect(await runOf(restarted, runId)).toMatchObject({ status: 'failed' });
  }, 60_000);

  it('kill -9 after the run was taken back and before the approved call started: after the restart the call runs exactly once', async () => {
    const server = servers[4] as SpawnedServer;
    const { runId, approvalId } = await waitingRun(server, '/killed-before-call');
    await server.kill();
    // What the dead process had written in that moment, with its own conditional updates: the decision,
    // then the run taken back (`running`, still owned by the dead process); the call not claimed yet.
    const db = await openDatabase({ url: where.database });
    try {
      const row = await db.knex('runs').where({ id: runId }).first('owner_id');
      const dead = createRepositories(db, row.owner_id);
      const at = new Date().toISOString();
      const decision = { status: 'approved' as const, decidedBy: 'ops', decidedAt: at, reason: null };
      expect(await dead.approvals.decide(approvalId, decision)).toBeDefined();
      expect(
        await dead.runs.claims.claimWaiting(runId, { status: 'running', heartbeatAt: at }),
      ).toBeDefined();
    } finally {
      await db.close();
    }

    const restarted = await spawn();
    const run = await untilStatus(restarted, runId, ENDED);
    expect(run).toMatchObject({ status: 'succeeded', output: 'Fetched.' });
    expect(hits.get('/killed-before-call')).toBe(1);
    await pause(6000); // more than one approval sweep (every 5 s) after the run ended
    expect(hits.get('/killed-before-call')).toBe(1);
    const steps = (await runOf(restarted, runId)).steps.filter((step: Json) => step.kind === 'tool');
    expect(steps).toMatchObject([{ name: 'http_get', status: 'succeeded' }]);
  }, 60_000);
}

describe('approvals exactly once with real processes and kill -9 on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'agentry-approval-kill-'));
  approvalKillScenarios(
    async () => ({ database: join(dir, 'agentry.db'), dataDir: dir }),
    async () => rmSync(dir, { recursive: true, force: true }),
  );
});

const postgresUp = await postgresAvailable('@agentry/server approvals kill -9 on PostgreSQL');

describe.skipIf(!postgresUp)('approvals exactly once with real processes and kill -9 on PostgreSQL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'agentry-approval-kill-'));
  const schema = uniqueSchemaName('approval_kill');
  approvalKillScenarios(
    async () => {
      return { database: await postgresSchemaUrl(schema), dataDir: dir };
    },
    async () => {
      await dropSchema(schema);
      rmSync(dir, { recursive: true, force: true });
    },
  );
});
