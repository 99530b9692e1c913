import type { Migration } from './migration';

/**
 * The process that executes each run (its owner id, a per-process instance id). A run whose owner no
 * longer holds its operating-system-released lock (PostgreSQL advisory lock, SQLite lock file) is taken
 * over at once instead of after the stale-heartbeat limit.
 */
export const runOwners: Migration = {
  name: '0005-run-owners',
  async up(knex) {
    await knex.schema.alterTable('runs', (t) => {
      t.string('owner_id', 64);
      t.index(['status', 'owner_id']);
    });
  },
  async down(knex) {
    await knex.schema.alterTable('runs', (t) => {
      t.dropIndex(['status', 'owner_id']);
      t.dropColumn('owner_id');
    });
  },
};
