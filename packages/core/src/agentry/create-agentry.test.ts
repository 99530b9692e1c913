import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/config-error';
import { createLogger } from '../logging/create-logger';
import { silentLogger } from '../logging/logger';
import { createAgentry } from './create-agentry';

function options(dir: string, env: Record<string, string> = {}) {
  return { cwd: dir, env, logger: silentLogger };
}

describe('createAgentry', () => {
  it('creates the SQLite file under ./data and a private secret key file beside it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agentry-create-'));
    const agentry = await createAgentry(options(dir));
    await agentry.start();
    await agentry.stop();
    expect(statSync(join(dir, 'data', 'agentry.db')).isFile()).toBe(true);
    expect(statSync(join(dir, 'data', 'secret.key')).mode & 0o777).toBe(0o600);
  });

  it('keeps runtime settings across restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agentry-create-'));
    const first = await createAgentry(options(dir));
    await first.config.patch({ agent: { maxIterations: 3 } });
    await first.stop();
    const second = await createAgentry(options(dir));
    expect(second.config.settings.agent.maxIterations).toBe(3);
    await second.stop();
  });

  it('logs at a level stored at run time from the next start, and keeps the log format out of run-time changes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agentry-create-'));
    const first = await createAgentry(options(dir));
    await first.config.patch({ log: { level: 'debug' } });
    await expect(first.config.patch({ log: { format: 'pretty' } })).rejects.toMatchObject({
      issues: [{ pointer: '/log/format' }],
    });
    await first.stop();
    const lines: string[] = [];
    const logger = createLogger('info', { destination: { write: (line) => lines.push(line) } });
    const second = await createAgentry({ ...options(dir), logger });
    second.logger.debug({ probe: true }, 'debug line');
    await second.stop();
    expect(lines.map((line) => JSON.parse(line).msg)).toContain('debug line');
  });

  it('refuses to start with a secret key other than the one the database was set up with', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agentry-create-'));
    const first = await createAgentry(options(dir, { AGENTRY_SECRET_KEY: 'the original passphrase!' }));
    await first.stop();
    const wrong = createAgentry(options(dir, { AGENTRY_SECRET_KEY: 'a different passphrase!!' }));
    await expect(wrong).rejects.toThrow(ConfigError);
    await expect(
      createAgentry(options(dir, { AGENTRY_SECRET_KEY: 'a different passphrase!!' })),
    ).rejects.toThrow(/AGENTRY_SECRET_KEY/);
    const again = await createAgentry(options(dir, { AGENTRY_SECRET_KEY: 'the original passphrase!' }));
    await again.stop();
  });

  it('fails fast on a bad setting, naming the variable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agentry-create-'));
    await expect(createAgentry(options(dir, { AGENTRY_PORT: 'eighty' }))).rejects.toThrow(/AGENTRY_PORT/);
  });

  it('stores secrets encrypted: the database file holds no plaintext secret', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agentry-create-'));
    const agentry = await createAgentry(options(dir));
    const sealed = agentry.secrets.encrypt('hunter2-smtp-password', 'tool_configs:test:password');
    await agentry.repositories.settings.set('probe', sealed);
    await agentry.stop();
    expect(readFileSync(join(dir, 'data', 'agentry.db')).includes('hunter2-smtp-password')).toBe(false);
  });
});
