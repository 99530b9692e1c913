import { readdirSync } from 'node:fs';
import { reply, type ScriptedOllama, startScriptedOllama } from '@agentry/core/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildCliIfStale } from '../testing/build-cli';
import { type SpawnedServer, spawnServer } from '../testing/spawn-server';

// biome-ignore lint/suspicious/noExplicitAny: the tests read JSON whose shape they assert.
type Json = any;

/** Where the servers of one suite keep their data. */
export interface CrashRecoveryDatabase {
  /** The database URL or SQLite file every server of the suite uses. */
  database: string;
  /** Shared data directory (the secret key file). */
  dataDir: string;
  /** SQLite only: the folder of run-owner lock files. */
  lockFolder?: string;
}

/** Milliseconds since `from` (a `performance.now()` reading). */
const since = (from: number) => Math.round(performance.now() - from);

/** Starts an agent run that hangs inside its model call on `server`; resolves its id once it runs. */
async function startHangingRun(server: SpawnedServer, ollama: ScriptedOllama): Promise<string> {
  const before = ollama.chatRequests().length;
  const response = await server.request('/api/v1/agents/worker/run', {
    method: 'POST',
    json: { task: 'Work until the process dies', async: true },
  });
  expect(response.status).toBe(202);
  const { id } = (await response.json()) as Json;
  while (ollama.chatRequests().length === before) await new Promise((wait) => setTimeout(wait, 20));
  expect(await runOf(server, id)).toMatchObject({ status: 'running' });
  return id;
}

async function runOf(server: SpawnedServer, id: string): Promise<Json> {
  return (await (await server.request(`/api/v1/runs/${id}`)).json()) as Json;
}

/** Polls run `id` on `server` until it is no longer running; returns it. */
async function untilEnded(server: SpawnedServer, id: string): Promise<Json> {
  for (;;) {
    const run = await runOf(server, id);
    if (run.status !== 'running' && run.status !== 'queued') return run;
    await new Promise((wait) => setTimeout(wait, 20));
  }
}

/**
 * The crash-recovery scenarios with real `agentry serve` processes on one database: kill -9 mid-run and
 * restart; two live replicas; a replica that dies while another lives. `open` makes the suite's
 * database, `close` removes it. Measured figures are printed (`recovery:` lines).
 */
export function crashRecoveryScenarios(
  dialect: string,
  open: () => Promise<CrashRecoveryDatabase>,
  close: () => Promise<void>,
): void {
  let ollama: ScriptedOllama;
  let where: CrashRecoveryDatabase;
  const servers: SpawnedServer[] = [];
  const spawn = async () => {
    const server = await spawnServer({ ...where, ollamaUrl: ollama.url });
    servers.push(server);
    return server;
  };

  beforeAll(async () => {
    buildCliIfStale();
    ollama = await startScriptedOllama();
    ollama.respondWith(() => reply.hang());
    where = await open();
  }, 600_000);
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.kill()));
    await ollama?.close();
    await close();
  });

  it('a run in flight when its server is killed -9 is failed RUN_INTERRUPTED right after the restart', async () => {
    const first = await spawn();
    const created = await first.request('/api/v1/agents', {
      method: 'POST',
      json: { name: 'worker', role: 'Worker', goals: [], backstory: '', tools: [] },
    });
    expect(created.status).toBe(201);
    const id = await startHangingRun(first, ollama);
    await first.kill();

    const restarted = await spawn();
    const readyAt = await restarted.ready();
    const run = await untilEnded(restarted, id);
    const afterReady = since(readyAt);
    console.info(`recovery: ${dialect}: run of a killed server ended ${afterReady} ms after /ready`);
    expect(afterReady).toBeLessThan(5000);
    expect(run).toMatchObject({ status: 'failed', error: { code: 'RUN_INTERRUPTED' } });
    expect(run.error.message).toContain('owner lock was released');
    if (where.lockFolder) expect(readdirSync(where.lockFolder)).toHaveLength(1); // the dead one's is gone
  }, 60_000);

  it('two live replicas never take over each other’s runs; a replica that dies loses its run to the other at once', async () => {
    const [one, two] = [servers[1] as SpawnedServer, await spawn()];
    await two.ready();
    const logged = one.log().length; // `one` took over the killed server's run at its start
    const onOne = await startHangingRun(one, ollama);
    const onTwo = await startHangingRun(two, ollama);
    // Several owner sweeps (every 2 s) of both replicas pass: each sees the other's lock held.
    await new Promise((wait) => setTimeout(wait, 5000));
    expect(await runOf(one, onTwo)).toMatchObject({ status: 'running' });
    expect(await runOf(two, onOne)).toMatchObject({ status: 'running' });
    expect(one.log().slice(logged) + two.log()).not.toContain('Took over runs');

    const killedAt = performance.now();
    await two.kill();
    const run = await untilEnded(one, onTwo);
    const afterKill = since(killedAt);
    console.info(
      `recovery: ${dialect}: run of a killed replica taken over by the live one ${afterKill} ms after the kill`,
    );
    expect(afterKill).toBeLessThan(5000);
    expect(run).toMatchObject({ status: 'failed', error: { code: 'RUN_INTERRUPTED' } });
    expect(await runOf(one, onOne)).toMatchObject({ status: 'running' });
  }, 60_000);
}
