import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { MemoryEntryInput } from '../../models/memory-entry';
import { dialects, useTestDatabase } from '../dialect-suites.test-support';
import { MemoryRepository } from './memory-repository';

function turns(agent: string, runId: string, count: number): MemoryEntryInput[] {
  return Array.from({ length: count }, (_, seq) => ({
    agent,
    runId,
    seq,
    role: seq % 2 === 0 ? ('user' as const) : ('assistant' as const),
    content: `turn ${seq}`,
  }));
}

describe.each(dialects)('MemoryRepository on $dialect', ({ dialect, available }) => {
  describe.skipIf(!available)('with a migrated database', () => {
    const target = useTestDatabase(dialect, 'memory');
    const memory = () => new MemoryRepository(target.db);

    it('appends a large batch with ascending ids in the given order', async () => {
      const stored = await memory().append(turns('bulk', randomUUID(), 450));
      expect(stored).toHaveLength(450);
      expect(stored.map((entry) => entry.seq)).toEqual([...Array(450).keys()]);
      expect(stored.every((entry, index) => index === 0 || entry.id > stored[index - 1]!.id)).toBe(true);
      expect(stored[0]).toMatchObject({ agent: 'bulk', role: 'user', content: 'turn 0', metadata: {} });
    });

    it('returns the latest N entries of an agent, newest first, and the N before an id', async () => {
      const run = randomUUID();
      await memory().append(turns('latest', run, 10));
      await memory().append(turns('someone-else', randomUUID(), 3));
      const latest = await memory().latestForAgent('latest', 4);
      expect(latest.map((entry) => entry.content)).toEqual(['turn 9', 'turn 8', 'turn 7', 'turn 6']);
      const older = await memory().latestForAgent('latest', 3, latest.at(-1)!.id);
      expect(older.map((entry) => entry.content)).toEqual(['turn 5', 'turn 4', 'turn 3']);
    });

    it('lists by agent, role and run across pages, and forgets an agent', async () => {
      const run = randomUUID();
      await memory().append([
        ...turns('lister', run, 6),
        {
          agent: 'lister',
          runId: run,
          seq: 6,
          role: 'tool_output',
          content: 'out',
          metadata: { tool: 'http_get' },
        },
      ]);
      const first = await memory().list({ agent: 'lister', role: 'user' }, { limit: 2 });
      const second = await memory().list(
        { agent: 'lister', role: 'user' },
        { limit: 2, cursor: first.nextCursor },
      );
      expect([...first.items, ...second.items].map((entry) => entry.content)).toEqual([
        'turn 4',
        'turn 2',
        'turn 0',
      ]);
      expect(second.nextCursor).toBeNull();
      const tool = await memory().list({ runId: run, role: 'tool_output' });
      expect(tool.items.map((entry) => entry.metadata)).toEqual([{ tool: 'http_get' }]);
      expect(await memory().deleteForAgent('lister')).toBe(7);
      expect(await memory().latestForAgent('lister', 10)).toEqual([]);
    });
  });
});
