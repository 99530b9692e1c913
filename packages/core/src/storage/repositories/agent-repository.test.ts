import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../../errors/index';
import type { AgentCreate } from '../../models/agent-definition';
import { dialects, useTestDatabase } from '../dialect-suites.test-support';
import { RECENT_READ_TTL_MS } from '../recent-reads';
import { AgentRepository } from './agent-repository';

const researcher: AgentCreate = {
  name: 'researcher',
  description: 'Finds things out — «quoted», 日本語, emoji 🔎',
  role: 'Research analyst',
  goals: ['Find sources', 'Summarise "precisely"'],
  backstory: 'Line one\nline two',
  tools: ['http_get'],
  model: 'llama3.1',
  maxIterations: 8,
  memoryTurns: 0,
  outputSchema: {
    type: 'object',
    properties: { priority: { enum: ['low', 'high'] }, tags: { type: 'array', items: { type: 'string' } } },
    required: ['priority'],
  },
};

describe.each(dialects)('AgentRepository on $dialect', ({ dialect, available }) => {
  describe.skipIf(!available)('with a migrated database', () => {
    const target = useTestDatabase(dialect, 'agents');
    const agents = () => new AgentRepository(target.db);

    it('stores an agent and reads back exactly the fields given, with timestamps', async () => {
      const created = await agents().create(researcher);
      expect(created).toMatchObject(researcher);
      expect(created.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(await agents().get('researcher')).toEqual(created);
    });

    it("answers findCached with its own writes at once and with another process's within the TTL", async () => {
      const here = agents();
      const otherProcess = agents();
      await here.create({ ...researcher, name: 'cached', role: 'first' });
      expect((await here.getCached('cached')).role).toBe('first');
      await here.update('cached', { role: 'second' });
      expect((await here.getCached('cached')).role).toBe('second');
      await otherProcess.update('cached', { role: 'third' });
      expect((await here.getCached('cached')).role).toBe('second');
      await new Promise((resolve) => setTimeout(resolve, RECENT_READ_TTL_MS + 50));
      expect((await here.getCached('cached')).role).toBe('third');
      await here.delete('cached');
      await expect(here.getCached('cached')).rejects.toBeInstanceOf(NotFoundError);
    });

    it('omits optional fields that were never set', async () => {
      const minimal = await agents().create({
        name: 'minimal',
        role: 'r',
        goals: [],
        backstory: '',
        tools: [],
      });
      expect(Object.keys(minimal).sort()).toEqual([
        'backstory',
        'createdAt',
        'goals',
        'name',
        'role',
        'tools',
        'updatedAt',
      ]);
    });

    it('refuses a second agent with a taken name', async () => {
      await agents().create({ ...researcher, name: 'twin' });
      const error = await agents()
        .create({ ...researcher, name: 'twin' })
        .catch((caught: unknown) => caught);
      expect(ConflictError.isInstance(error)).toBe(true);
      expect((error as ConflictError).code).toBe('ALREADY_EXISTS');
    });

    it('updates only the given fields and moves updatedAt', async () => {
      const before = await agents().create({ ...researcher, name: 'updater' });
      const after = await agents().update('updater', { goals: ['One'], maxIterations: 3 });
      expect(after).toEqual({ ...before, goals: ['One'], maxIterations: 3, updatedAt: after.updatedAt });
      expect(after.updatedAt >= before.updatedAt).toBe(true);
    });

    it('reports a missing agent as NotFoundError on get, update and delete', async () => {
      await expect(agents().get('ghost')).rejects.toThrow(NotFoundError);
      await expect(agents().update('ghost', { role: 'x' })).rejects.toThrow(NotFoundError);
      await expect(agents().delete('ghost')).rejects.toThrow(NotFoundError);
      expect(await agents().find('ghost')).toBeUndefined();
    });

    it('deletes an agent', async () => {
      await agents().create({ ...researcher, name: 'doomed' });
      await agents().delete('doomed');
      expect(await agents().find('doomed')).toBeUndefined();
    });

    it('pages through every agent in name order without repeats', async () => {
      for (const name of ['p-c', 'p-a', 'p-e', 'p-b', 'p-d']) await agents().create({ ...researcher, name });
      const names: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await agents().list({ limit: 2, cursor });
        names.push(...page.items.map((agent) => agent.name));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor);
      const all = names.filter((name) => name.startsWith('p-'));
      expect(all).toEqual(['p-a', 'p-b', 'p-c', 'p-d', 'p-e']);
      expect(new Set(names).size).toBe(names.length);
      expect(pages).toBeGreaterThan(2);
    });

    it('rejects a cursor that was not made by a list', async () => {
      await expect(agents().list({ cursor: 'bm9wZQ' })).rejects.toThrow(/cursor/);
    });
  });
});
