import { describe, expect, it } from 'vitest';
import { dialects, useTestDatabase } from '../dialect-suites.test-support';
import { PluginSourceRepository } from './plugin-source-repository';

describe.each(dialects)('PluginSourceRepository on $dialect', ({ dialect, available }) => {
  describe.skipIf(!available)('with a migrated database', () => {
    const target = useTestDatabase(dialect, 'plugin_sources');
    const sources = () => new PluginSourceRepository(target.db);

    it('keeps each registered source once, in registration order, until removed', async () => {
      await sources().add({ kind: 'path', reference: '/opt/plugins/crm' });
      await sources().add({ kind: 'package', reference: 'agentry-plugin-wiki' });
      await sources().add({ kind: 'path', reference: '/opt/plugins/crm' });
      expect((await sources().all()).map(({ kind, reference }) => [kind, reference])).toEqual([
        ['path', '/opt/plugins/crm'],
        ['package', 'agentry-plugin-wiki'],
      ]);
      await sources().remove('/opt/plugins/crm');
      expect((await sources().all()).map((source) => source.reference)).toEqual(['agentry-plugin-wiki']);
    });
  });
});
