import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../logging/logger';
import { type Agentry, createAgentry } from './create-agentry';

const opened: Agentry[] = [];

/** An Agentry over the SQLite file of `dir` (two of them on one dir behave like two processes). */
async function open(dir: string, env: Record<string, string> = {}): Promise<Agentry> {
  const agentry = await createAgentry({ cwd: dir, env, logger: silentLogger });
  opened.push(agentry);
  return agentry;
}

afterEach(async () => {
  for (const agentry of opened.splice(0)) await agentry.stop();
});

describe('ApiKeyService', () => {
  it('accepts the admin key from settings and nothing else, without any stored key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agentry-keys-'));
    const agentry = await open(dir, { AGENTRY_API_KEY: 'the-admin-key-of-this-test' });
    expect(await agentry.apiKeys.anyKeyConfigured()).toBe(true);
    expect(await agentry.apiKeys.verify('the-admin-key-of-this-test')).toBe(true);
    expect(await agentry.apiKeys.verify('the-admin-key-of-this-tesT')).toBe(false);
    expect(await agentry.apiKeys.verify('agk_not-a-stored-key')).toBe(false);
  });

  it('records the last use of a stored key, but at most once a minute', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agentry-keys-'));
    const agentry = await open(dir);
    const created = await agentry.apiKeys.create('ci');
    expect(await agentry.apiKeys.verify(created.key)).toBe(true);
    const [first] = await agentry.apiKeys.list();
    expect(first?.lastUsedAt).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await agentry.apiKeys.verify(created.key)).toBe(true);
    const [second] = await agentry.apiKeys.list();
    expect(second?.lastUsedAt).toBe(first?.lastUsedAt);
  });

  it('stops accepting a key revoked by another process at its next request', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agentry-keys-'));
    const server = await open(dir);
    const cli = await open(dir);
    const created = await cli.apiKeys.create('ci');
    expect(await server.apiKeys.anyKeyConfigured()).toBe(true);
    expect(await server.apiKeys.verify(created.key)).toBe(true);
    await cli.apiKeys.revoke(created.id);
    expect(await server.apiKeys.verify(created.key)).toBe(false);
  });

  it('closes an open server as soon as another process creates the first key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agentry-keys-'));
    const server = await open(dir);
    const cli = await open(dir);
    expect(await server.apiKeys.anyKeyConfigured()).toBe(false);
    await cli.apiKeys.create('first');
    expect(await server.apiKeys.anyKeyConfigured()).toBe(true);
  });
});
