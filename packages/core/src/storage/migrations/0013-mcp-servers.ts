import { columnsFor, type Migration } from './migration';

/**
 * MCP servers registered over REST (`/api/v1/mcp-servers`): how to reach each one (`transport`, JSON
 * without secret values) and its secret `env` values and `headers`, encrypted together as one text.
 */
export const mcpServers: Migration = {
  name: '0013-mcp-servers',
  async up(knex, dialect) {
    await knex.schema.createTable('mcp_servers', (t) => {
      const c = columnsFor(t, dialect);
      t.string('name', 64).primary();
      c.json('transport').notNullable();
      t.text('secrets');
      t.boolean('enabled').notNullable();
      t.integer('timeout_seconds');
      c.timestamp('created_at').notNullable();
      c.timestamp('updated_at').notNullable();
    });
  },
  async down(knex) {
    await knex.schema.dropTable('mcp_servers');
  },
};
