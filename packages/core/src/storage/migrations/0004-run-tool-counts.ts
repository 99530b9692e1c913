import type { Migration } from './migration';

/**
 * Counts of tool calls and tool errors on each run, so a run whose tools all failed can be told from a
 * clean run although both end `succeeded`.
 */
export const runToolCounts: Migration = {
  name: '0004-run-tool-counts',
  async up(knex) {
    await knex.schema.alterTable('runs', (t) => {
      t.integer('tool_calls').notNullable().defaultTo(0);
      t.integer('tool_errors').notNullable().defaultTo(0);
    });
  },
  async down(knex) {
    await knex.schema.alterTable('runs', (t) => {
      t.dropColumn('tool_calls');
      t.dropColumn('tool_errors');
    });
  },
};
