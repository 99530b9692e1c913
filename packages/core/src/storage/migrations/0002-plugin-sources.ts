import { columnsFor, type Migration } from './migration';

/** Plugins an operator registered by path or package name (`POST /api/v1/tools`), kept across restarts. */
export const pluginSources: Migration = {
  name: '0002-plugin-sources',
  async up(knex, dialect) {
    await knex.schema.createTable('plugin_sources', (t) => {
      const c = columnsFor(t, dialect);
      t.string('reference', 1024).primary();
      t.string('kind', 16).notNullable();
      c.timestamp('created_at').notNullable();
    });
  },
  async down(knex) {
    await knex.schema.dropTable('plugin_sources');
  },
};
