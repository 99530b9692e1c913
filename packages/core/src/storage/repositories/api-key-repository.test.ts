import { describe, expect, it } from 'vitest';
import { dialects, useTestDatabase } from '../dialect-suites.test-support';
import { ApiKeyRepository } from './api-key-repository';
import { SettingsRepository } from './settings-repository';

describe.each(dialects)('ApiKeyRepository and SettingsRepository on $dialect', ({ dialect, available }) => {
  describe.skipIf(!available)('with a migrated database', () => {
    const target = useTestDatabase(dialect, 'api_keys');
    const keys = () => new ApiKeyRepository(target.db);
    const settings = () => new SettingsRepository(target.db);

    it('finds a key by hash without ever returning the hash, and revokes it once', async () => {
      expect(await keys().hasActive()).toBe(false);
      const key = await keys().create({ name: 'ci', prefix: 'agk_abcdef', hash: 'h1' });
      expect(Object.keys(key).sort()).toEqual([
        'createdAt',
        'id',
        'lastUsedAt',
        'name',
        'prefix',
        'revokedAt',
      ]);
      expect(await keys().findByHash('h1')).toEqual(key);
      expect(await keys().hasActive()).toBe(true);
      await keys().touch(key.id, '2030-01-01T00:00:00Z');
      expect((await keys().get(key.id)).lastUsedAt).toBe('2030-01-01T00:00:00.000Z');
      const revoked = await keys().revoke(key.id);
      expect(revoked.revokedAt).not.toBeNull();
      expect((await keys().revoke(key.id)).revokedAt).toBe(revoked.revokedAt);
      expect(await keys().hasActive()).toBe(false);
    });

    it('pages through keys oldest first, ties in id order, without repeats', async () => {
      for (const name of ['k1', 'k2', 'k3']) await keys().create({ name, prefix: 'p', hash: `hash-${name}` });
      const first = await keys().list({ limit: 2 });
      const rest = await keys().list({ limit: 2, cursor: first.nextCursor });
      const listed = [...first.items, ...rest.items];
      const expected = [...listed].sort((a, b) =>
        a.createdAt === b.createdAt ? a.id.localeCompare(b.id) : a.createdAt.localeCompare(b.createdAt),
      );
      expect(listed).toEqual(expected);
      expect(listed.map((key) => key.name).sort()).toEqual(['ci', 'k1', 'k2', 'k3']);
      expect(rest.nextCursor).toBeNull();
    });

    it('stores settings of any JSON type and replaces them', async () => {
      await settings().set('ollama.model', 'llama3.1');
      await settings().set('agent.maxIterations', 8);
      await settings().set('tools.allow', ['a', 'b']);
      await settings().set('ollama.model', 'qwen2.5');
      expect((await settings().all()).map(({ key, value }) => [key, value])).toEqual([
        ['agent.maxIterations', 8],
        ['ollama.model', 'qwen2.5'],
        ['tools.allow', ['a', 'b']],
      ]);
      expect(await settings().delete('tools.allow')).toBe(true);
      expect(await settings().find('tools.allow')).toBeUndefined();
    });
  });
});
