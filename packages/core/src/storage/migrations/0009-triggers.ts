import { columnsFor, type Migration } from './migration';

/**
 * Triggers (webhook and email events that start runs) and their firings. `(trigger_id, event_key)` is
 * unique: it is what makes a replayed or concurrently delivered event start one run. Runs started by a
 * trigger are found by `firing_id` when a process takes over a firing whose holder died, hence its index.
 */
export const triggers: Migration = {
  name: '0009-triggers',
  async up(knex, dialect) {
    await knex.schema.createTable('triggers', (t) => {
      const c = columnsFor(t, dialect);
      t.uuid('id').primary();
      t.string('name', 64).notNullable().unique();
      t.string('kind', 16).notNullable();
      c.json('target').notNullable();
      c.json('input').notNullable();
      t.boolean('enabled').notNullable();
      t.integer('max_retries').notNullable();
      t.integer('retry_backoff_ms').notNullable();
      c.json('webhook');
      t.text('secret');
      c.timestamp('created_at').notNullable();
      c.timestamp('updated_at').notNullable();
    });
    await knex.schema.createTable('trigger_firings', (t) => {
      const c = columnsFor(t, dialect);
      t.uuid('id').primary();
      t.uuid('trigger_id').notNullable().references('id').inTable('triggers').onDelete('CASCADE');
      t.string('event_key', 300);
      t.string('status', 16).notNullable();
      c.json('event').notNullable();
      t.integer('attempts').notNullable().defaultTo(0);
      t.uuid('run_id');
      t.uuid('duplicate_of');
      t.string('claimed_by', 200);
      c.timestamp('lease_until');
      c.timestamp('next_attempt_at');
      c.json('error');
      c.timestamp('created_at').notNullable();
      c.timestamp('updated_at').notNullable();
      t.unique(['trigger_id', 'event_key']);
      t.index(['trigger_id', 'created_at']);
      t.index(['status', 'next_attempt_at']);
      t.index(['status', 'lease_until']);
    });
    await knex.schema.alterTable('runs', (t) => {
      t.index(['firing_id']);
    });
  },
  async down(knex) {
    await knex.schema.alterTable('runs', (t) => {
      t.dropIndex(['firing_id']);
    });
    await knex.schema.dropTable('trigger_firings');
    await knex.schema.dropTable('triggers');
  },
};
