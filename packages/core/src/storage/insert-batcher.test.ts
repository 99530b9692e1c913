import { describe, expect, it } from 'vitest';
import { dialects, useTestDatabase } from './dialect-suites.test-support';
import { InsertBatcher } from './insert-batcher';

describe.each(dialects)('InsertBatcher on $dialect', ({ dialect, available }) => {
  describe.skipIf(!available)('with a table', () => {
    const target = useTestDatabase(dialect, 'insert_batcher');

    async function freshTable(name: string): Promise<() => string[]> {
      await target.db.knex.schema.createTable(name, (table) => {
        table.string('id').primary();
        table.integer('n');
      });
      const inserts: string[] = [];
      target.db.knex.on('query', (query: { sql: string }) => {
        if (query.sql.startsWith('insert') && query.sql.includes(name)) inserts.push(query.sql);
      });
      return () => inserts;
    }

    it('writes the rows added in one turn of the event loop with one statement', async () => {
      const statements = await freshTable('batched_same_turn');
      const batcher = new InsertBatcher(target.db, 'batched_same_turn');
      await Promise.all(Array.from({ length: 50 }, (_, n) => batcher.insert({ id: `r${n}`, n })));
      expect(statements()).toHaveLength(1);
      expect(await target.db.knex('batched_same_turn').count({ c: '*' })).toEqual([
        { c: dialect === 'postgres' ? '50' : 50 },
      ]);
      await batcher.insert({ id: 'later', n: 0 });
      expect(statements()).toHaveLength(2);
    });

    it('splits a large batch into statements of at most rowsPerStatement rows', async () => {
      const statements = await freshTable('batched_chunks');
      const batcher = new InsertBatcher(target.db, 'batched_chunks', 20);
      await Promise.all(Array.from({ length: 45 }, (_, n) => batcher.insert({ id: `r${n}`, n })));
      expect(statements()).toHaveLength(3);
    });

    it('fails only the rows at fault when a batch fails, and writes the others', async () => {
      await freshTable('batched_fault');
      await target.db.knex('batched_fault').insert({ id: 'taken', n: 0 });
      const batcher = new InsertBatcher(target.db, 'batched_fault');
      const outcomes = await Promise.allSettled([
        batcher.insert({ id: 'a', n: 1 }),
        batcher.insert({ id: 'taken', n: 2 }),
        batcher.insert({ id: 'b', n: 3 }),
      ]);
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(await target.db.knex('batched_fault').orderBy('id').pluck('id')).toEqual(['a', 'b', 'taken']);
    });

    it('fails every row of a batch at once when the statement fails for another reason', async () => {
      const statements: string[] = [];
      target.db.knex.on('query', (query: { sql: string }) => {
        if (query.sql.includes('missing_table')) statements.push(query.sql);
      });
      const batcher = new InsertBatcher(target.db, 'missing_table');
      const outcomes = await Promise.allSettled([1, 2, 3].map((n) => batcher.insert({ id: `r${n}`, n })));
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected', 'rejected']);
      expect(statements).toHaveLength(1);
    });
  });
});
