import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCliIfStale } from '../testing/build-cli';
import { runCli, startCli } from '../testing/run-cli';

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('agentry serve start-up failures', { timeout: 120_000 }, () => {
  let dir: string;

  beforeAll(() => {
    buildCliIfStale();
    dir = mkdtempSync(join(tmpdir(), 'agentry-startup-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 1 with DATABASE_UNREACHABLE naming the PostgreSQL URL without its password', async () => {
    const port = await closedPort();
    const result = await runCli(
      ['serve', '--port', '0', '--database', `postgres://agentry:Sup3rS3cretPw@127.0.0.1:${port}/test`],
      { AGENTRY_DATA_DIR: join(dir, 'data'), AGENTRY_TOOLS_DIR: join(dir, 'tools') },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `agentry: DATABASE_UNREACHABLE: Cannot connect to the database at postgres://agentry:***@127.0.0.1:${port}/test (`,
    );
    expect(result.stderr).toContain('ECONNREFUSED');
    expect(result.stderr).toContain(
      'hint: start the database or fix the URL in AGENTRY_DATABASE (or --database)',
    );
    expect(result.stderr).not.toContain('Sup3rS3cretPw');
  });

  it('warns once, with the doctor hint, when Ollama does not answer, and keeps serving', async () => {
    const ollamaUrl = `http://127.0.0.1:${await closedPort()}`;
    const serve = startCli(['serve', '--port', '0', '--database', join(dir, 'agentry.db')], {
      AGENTRY_OLLAMA_URL: ollamaUrl,
      AGENTRY_DATA_DIR: join(dir, 'data'),
      AGENTRY_TOOLS_DIR: join(dir, 'tools'),
      AGENTRY_SCHEDULER_ENABLED: 'false',
      AGENTRY_LOG_FORMAT: 'json',
    });
    let stderr = '';
    const warned = new Promise<void>((resolve) => {
      serve.child.stderr?.on('data', (chunk) => {
        stderr += chunk;
        if (stderr.includes('Ollama does not answer')) resolve();
      });
    });
    try {
      await Promise.race([warned, serve.exited]);
      const lines = stderr.split('\n').filter((text) => text.includes('Ollama does not answer'));
      expect(lines).toHaveLength(1);
      const warning = JSON.parse(lines[0] as string) as { level: number; msg: string; url: string };
      expect(warning.level).toBe(40);
      expect(warning.url).toBe(ollamaUrl);
      expect(warning.msg).toContain('run `agentry doctor` to check the set-up');
      expect(stderr).toContain('Agentry is listening');
      expect(serve.child.exitCode).toBeNull();
    } finally {
      serve.child.kill('SIGTERM');
      await serve.exited;
    }
  });
});
