import { columnsFor, type Migration } from './migration';

/**
 * Agent teams: an agent's `delegates` (names of the agents it may ask) and an index on `runs.parent_run_id`,
 * so a run's children (`GET /api/v1/runs/{id}`, `/tree`, `?parentRunId=`) are found without a scan.
 */
export const runParents: Migration = {
  name: '0011-run-parents',
  async up(knex, dialect) {
    await knex.schema.alterTable('agents', (t) => {
      columnsFor(t, dialect).json('delegates').nullable();
    });
    await knex.schema.alterTable('runs', (t) => {
      t.index(['parent_run_id'], 'runs_parent_run_id_index');
    });
  },
  async down(knex) {
    await knex.schema.alterTable('runs', (t) => {
      t.dropIndex(['parent_run_id'], 'runs_parent_run_id_index');
    });
    await knex.schema.alterTable('agents', (t) => {
      t.dropColumn('delegates');
    });
  },
};
