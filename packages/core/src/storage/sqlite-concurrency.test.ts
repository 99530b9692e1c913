import { spawn } from 'node:child_process';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { migrateLatest } from './migrate';

const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url));
let dir: string;
let worker: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'agentry-concurrency-'));
  // The worker is bundled from source; packages stay external and resolve through this link.
  await symlink(join(repositoryRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  worker = join(dir, 'counter-worker.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('./counter-worker.test-support.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: worker,
    logLevel: 'silent',
  });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function runWorker(file: string, iterations: number): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [worker, file, String(iterations)], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('SQLite transactions across processes', () => {
  it('lets two processes run read-then-write transactions on one file without deadlock or lost updates', async () => {
    const file = join(dir, 'agentry.db');
    const db = await openDatabase({ url: file });
    await migrateLatest(db);
    await db.knex('settings').insert({ key: 'counter', value: '0', updated_at: new Date().toISOString() });
    await db.close();

    const iterations = 40;
    const results = await Promise.all([runWorker(file, iterations), runWorker(file, iterations)]);
    expect(results).toEqual([
      { code: 0, stderr: '' },
      { code: 0, stderr: '' },
    ]);

    const check = await openDatabase({ url: file });
    try {
      const row = await check.knex('settings').where({ key: 'counter' }).first();
      expect(JSON.parse(row.value)).toBe(2 * iterations);
    } finally {
      await check.close();
    }
  });
});
