import { describe, expect, it } from 'vitest';
import { dialects, useTestDatabase } from '../dialect-suites.test-support';
import { type ToolDeclaration, ToolRepository } from './tool-repository';

const httpGet: ToolDeclaration = {
  name: 'http_get',
  plugin: '@agentry/plugin-http',
  pluginVersion: '0.1.0',
  description: 'Fetch a URL',
  inputSchema: { type: 'object', properties: { url: { type: 'string', format: 'uri' } }, required: ['url'] },
  configSchema: null,
  annotations: { readOnlyHint: true, openWorldHint: true },
};

describe.each(dialects)('ToolRepository on $dialect', ({ dialect, available }) => {
  describe.skipIf(!available)('with a migrated database', () => {
    const target = useTestDatabase(dialect, 'tools');
    const tools = () => new ToolRepository(target.db);

    it('registers a tool enabled and available, with its schemas intact', async () => {
      const tool = await tools().register(httpGet);
      expect(tool).toMatchObject({
        ...httpGet,
        enabled: true,
        available: true,
        descriptionOverride: null,
        timeoutMs: null,
      });
      expect(await tools().get('http_get')).toEqual(tool);
    });

    it("re-registering refreshes the plugin's fields and keeps the operator's settings", async () => {
      await tools().register({ ...httpGet, name: 'kept' });
      await tools().update('kept', { enabled: false, descriptionOverride: 'Use for docs', timeoutMs: 2000 });
      await tools().markUnavailableExcept([]);
      const again = await tools().register({
        ...httpGet,
        name: 'kept',
        pluginVersion: '0.2.0',
        description: 'New',
      });
      expect(again).toMatchObject({
        pluginVersion: '0.2.0',
        description: 'New',
        available: true,
        enabled: false,
        descriptionOverride: 'Use for docs',
        timeoutMs: 2000,
      });
    });

    it('forgets a cached registration when it is re-registered, changed or marked unavailable', async () => {
      const repository = tools();
      await repository.register({ ...httpGet, name: 'cached' });
      expect((await repository.findCached('cached'))?.enabled).toBe(true);
      await repository.update('cached', { enabled: false });
      expect((await repository.findCached('cached'))?.enabled).toBe(false);
      await repository.register({ ...httpGet, name: 'cached', description: 'Refreshed' });
      expect((await repository.findCached('cached'))?.description).toBe('Refreshed');
      await repository.markUnavailableExcept([]);
      expect((await repository.findCached('cached'))?.available).toBe(false);
    });

    it('marks tools of vanished plugins unavailable and filters by availability and plugin', async () => {
      await tools().register({ ...httpGet, name: 'stays' });
      await tools().register({ ...httpGet, name: 'gone', plugin: 'old-plugin' });
      await tools().markUnavailableExcept(['stays']);
      expect((await tools().get('gone')).available).toBe(false);
      expect((await tools().get('stays')).available).toBe(true);
      const unavailable = await tools().list({ available: false, plugin: 'old-plugin' });
      expect(unavailable.items.map((tool) => tool.name)).toEqual(['gone']);
    });
  });
});
