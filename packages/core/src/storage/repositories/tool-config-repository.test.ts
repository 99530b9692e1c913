import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../errors/index';
import { dialects, useTestDatabase } from '../dialect-suites.test-support';
import { ToolConfigRepository } from './tool-config-repository';

describe.each(dialects)('ToolConfigRepository on $dialect', ({ dialect, available }) => {
  describe.skipIf(!available)('with a migrated database', () => {
    const target = useTestDatabase(dialect, 'tool_configs');
    const configs = () => new ToolConfigRepository(target.db);

    it('keeps one configuration per tool, scope and scope name, replacing on set', async () => {
      const key = { tool: 'send_email', scope: 'tool' as const, scopeName: '' };
      await configs().set(key, { host: 'a', port: 25 });
      const replaced = await configs().set(key, { host: 'b', tls: true });
      expect(replaced).toMatchObject({ ...key, config: { host: 'b', tls: true } });
      expect((await configs().get(key)).config).toEqual({ host: 'b', tls: true });
      await configs().set({ ...key, scope: 'agent', scopeName: 'mailer' }, { host: 'c' });
      expect((await configs().listForTool('send_email')).map((config) => config.scope)).toEqual([
        'agent',
        'tool',
      ]);
    });

    it('forgets the cached configurations of a tool on each of its own writes', async () => {
      const repository = configs();
      const key = { tool: 'cached_tool', scope: 'tool' as const, scopeName: '' };
      const agentKey = { tool: 'cached_tool', scope: 'agent' as const, scopeName: 'cacher' };
      const configsOf = async () => (await repository.listForToolCached('cached_tool')).map((c) => c.config);
      expect(await configsOf()).toEqual([]);
      await repository.set(key, { host: 'a' });
      expect(await configsOf()).toEqual([{ host: 'a' }]);
      await repository.set(agentKey, { host: 'b' });
      expect(await configsOf()).toEqual([{ host: 'b' }, { host: 'a' }]);
      await repository.deleteForScope('agent', 'cacher');
      expect(await configsOf()).toEqual([{ host: 'a' }]);
      await repository.delete(key);
      expect(await configsOf()).toEqual([]);
      await repository.set(key, { host: 'c' });
      expect(await configsOf()).toEqual([{ host: 'c' }]);
      await repository.deleteForTool('cached_tool');
      expect(await configsOf()).toEqual([]);
    });

    it('lists by scope across pages and deletes by key, tool and scope', async () => {
      for (const tool of ['t-a', 't-b', 't-c']) {
        for (const scopeName of ['w1', 'w2'])
          await configs().set({ tool, scope: 'workflow', scopeName }, { tool });
      }
      const keys: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await configs().list({ scope: 'workflow' }, { limit: 4, cursor });
        keys.push(...page.items.map((config) => `${config.tool}/${config.scopeName}`));
        cursor = page.nextCursor;
      } while (cursor);
      expect(keys).toEqual(['t-a/w1', 't-a/w2', 't-b/w1', 't-b/w2', 't-c/w1', 't-c/w2']);
      await configs().delete({ tool: 't-a', scope: 'workflow', scopeName: 'w1' });
      await expect(configs().get({ tool: 't-a', scope: 'workflow', scopeName: 'w1' })).rejects.toThrow(
        NotFoundError,
      );
      expect(await configs().deleteForScope('workflow', 'w2')).toBe(3);
      expect(await configs().deleteForTool('t-c')).toBe(1);
      expect((await configs().list({ scope: 'workflow' })).items.map((config) => config.tool)).toEqual([
        't-b',
      ]);
    });
  });
});
