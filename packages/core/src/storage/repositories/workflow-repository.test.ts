import { describe, expect, it } from 'vitest';
import { dialects, useTestDatabase } from '../dialect-suites.test-support';
import { type WorkflowRecord, WorkflowRepository } from './workflow-repository';

const digest: WorkflowRecord = {
  name: 'daily-digest',
  description: 'Fetch the news and mail a digest',
  enabled: true,
  generated: true,
  inputs: { topic: { description: 'What to follow', default: 'ai', schema: { type: 'string' } } },
  steps: [
    {
      id: 'fetch',
      tool: 'http_get',
      parameters: { url: 'https://example.com/{{inputs.topic}}' },
      onError: 'retry',
      retries: 2,
    },
    {
      id: 'write',
      agent: 'writer',
      task: 'Summarise {{steps.fetch.output}}',
      toolConfigs: { send_email: { from: 'bot@example.com' } },
    },
  ],
};

describe.each(dialects)('WorkflowRepository on $dialect', ({ dialect, available }) => {
  describe.skipIf(!available)('with a migrated database', () => {
    const target = useTestDatabase(dialect, 'workflows');
    const workflows = () => new WorkflowRepository(target.db);

    it('stores steps and inputs and reads them back identical', async () => {
      const created = await workflows().create(digest);
      expect(created).toMatchObject(digest);
      expect(await workflows().get('daily-digest')).toEqual(created);
    });

    it('filters by enabled and updates steps', async () => {
      await workflows().create({ ...digest, name: 'off', enabled: false, inputs: undefined });
      const disabled = await workflows().list({ enabled: false });
      expect(disabled.items.map((workflow) => workflow.name)).toEqual(['off']);
      expect('inputs' in disabled.items[0]!).toBe(false);
      const updated = await workflows().update('off', { enabled: true, steps: [digest.steps[0]!] });
      expect(updated.steps).toEqual([digest.steps[0]]);
      expect(updated.enabled).toBe(true);
    });
  });
});
