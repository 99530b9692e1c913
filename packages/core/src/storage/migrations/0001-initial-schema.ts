import type { Migration } from './migration';
import { columnsFor } from './migration';

const tables = [
  'secret_key_check',
  'api_keys',
  'schedule_firings',
  'schedules',
  'memory_entries',
  'run_steps',
  'runs',
  'workflows',
  'tool_configs',
  'tools',
  'agents',
  'settings',
];

/** The first schema: every table of Agentry 0.1. */
export const initialSchema: Migration = {
  name: '0001-initial-schema',
  async up(knex, dialect) {
    await knex.schema.createTable('settings', (t) => {
      const c = columnsFor(t, dialect);
      t.string('key', 200).primary();
      c.json('value').notNullable();
      c.timestamp('updated_at').notNullable();
    });
    await knex.schema.createTable('agents', (t) => {
      const c = columnsFor(t, dialect);
      t.string('name', 64).primary();
      t.text('description');
      t.text('role').notNullable();
      c.json('goals').notNullable();
      t.text('backstory').notNullable();
      c.json('tools').notNullable();
      t.string('model', 200);
      t.integer('max_iterations');
      t.integer('memory_turns');
      c.timestamp('created_at').notNullable();
      c.timestamp('updated_at').notNullable();
    });
    await knex.schema.createTable('tools', (t) => {
      const c = columnsFor(t, dialect);
      t.string('name', 64).primary();
      t.string('plugin', 214).notNullable();
      t.string('plugin_version', 100).notNullable();
      t.text('description').notNullable();
      t.text('description_override');
      c.json('input_schema').notNullable();
      c.json('config_schema');
      c.json('annotations').notNullable();
      t.boolean('enabled').notNullable();
      t.boolean('available').notNullable();
      t.integer('timeout_ms');
      c.timestamp('created_at').notNullable();
      c.timestamp('updated_at').notNullable();
    });
    await knex.schema.createTable('tool_configs', (t) => {
      const c = columnsFor(t, dialect);
      t.string('tool', 64).notNullable();
      t.string('scope', 16).notNullable();
      t.string('scope_name', 64).notNullable();
      c.json('config').notNullable();
      c.timestamp('updated_at').notNullable();
      t.primary(['tool', 'scope', 'scope_name']);
      t.index(['scope', 'scope_name']);
    });
    await knex.schema.createTable('workflows', (t) => {
      const c = columnsFor(t, dialect);
      t.string('name', 64).primary();
      t.text('description').notNullable();
      t.boolean('enabled').notNullable();
      c.json('inputs');
      c.json('steps').notNullable();
      t.boolean('generated').notNullable();
      c.timestamp('created_at').notNullable();
      c.timestamp('updated_at').notNullable();
    });
    await knex.schema.createTable('runs', (t) => {
      const c = columnsFor(t, dialect);
      t.uuid('id').primary();
      t.string('kind', 16).notNullable();
      t.string('target', 64).notNullable();
      t.string('status', 16).notNullable();
      c.json('input').notNullable();
      c.json('output');
      c.json('error');
      t.uuid('schedule_id');
      t.string('firing_id', 64);
      t.uuid('parent_run_id');
      t.string('model', 200);
      t.integer('prompt_tokens').notNullable().defaultTo(0);
      t.integer('completion_tokens').notNullable().defaultTo(0);
      c.timestamp('created_at').notNullable();
      c.timestamp('started_at');
      c.timestamp('finished_at');
      c.timestamp('heartbeat_at');
      t.index(['status']);
      t.index(['kind', 'target', 'created_at']);
      t.index(['schedule_id']);
      t.index(['created_at', 'id']);
    });
    await knex.schema.createTable('run_steps', (t) => {
      const c = columnsFor(t, dialect);
      t.uuid('run_id').notNullable().references('id').inTable('runs').onDelete('CASCADE');
      t.integer('seq').notNullable();
      t.string('step_id', 64);
      t.string('kind', 16).notNullable();
      t.string('name', 200);
      t.string('status', 16).notNullable();
      c.json('input');
      c.json('output');
      c.json('error');
      c.timestamp('started_at');
      c.timestamp('finished_at');
      c.json('metadata').notNullable();
      t.primary(['run_id', 'seq']);
    });
    await knex.schema.createTable('memory_entries', (t) => {
      const c = columnsFor(t, dialect);
      t.increments('id');
      t.string('agent', 64).notNullable();
      t.uuid('run_id').notNullable();
      t.integer('seq').notNullable();
      c.timestamp('created_at').notNullable();
      t.string('role', 16).notNullable();
      t.text('content').notNullable();
      c.json('metadata').notNullable();
      t.index(['agent', 'id']);
      t.index(['run_id', 'seq']);
    });
    await knex.schema.createTable('schedules', (t) => {
      const c = columnsFor(t, dialect);
      t.uuid('id').primary();
      t.string('target_kind', 16).notNullable();
      t.string('target_name', 64).notNullable();
      c.json('input').notNullable();
      t.string('cron', 200);
      c.timestamp('at');
      t.string('every', 32);
      t.string('timezone', 64).notNullable();
      t.boolean('enabled').notNullable();
      t.integer('max_retries').notNullable();
      t.integer('retry_backoff_ms').notNullable();
      t.string('misfire', 8).notNullable();
      t.string('overlap', 8).notNullable();
      c.timestamp('next_run_at');
      c.timestamp('last_run_at');
      t.string('status', 16).notNullable();
      c.timestamp('created_at').notNullable();
      c.timestamp('updated_at').notNullable();
      t.index(['enabled', 'next_run_at']);
    });
    await knex.schema.createTable('schedule_firings', (t) => {
      const c = columnsFor(t, dialect);
      t.uuid('id').primary();
      t.uuid('schedule_id').notNullable().references('id').inTable('schedules').onDelete('CASCADE');
      c.timestamp('fire_at').notNullable();
      t.string('status', 16).notNullable();
      t.integer('attempts').notNullable().defaultTo(0);
      t.uuid('run_id');
      t.string('claimed_by', 200);
      c.timestamp('lease_until');
      c.timestamp('next_attempt_at');
      c.json('error');
      c.timestamp('created_at').notNullable();
      c.timestamp('updated_at').notNullable();
      t.unique(['schedule_id', 'fire_at']);
      t.index(['status', 'next_attempt_at']);
      t.index(['status', 'lease_until']);
    });
    await knex.schema.createTable('api_keys', (t) => {
      const c = columnsFor(t, dialect);
      t.uuid('id').primary();
      t.string('name', 100).notNullable();
      t.string('prefix', 32).notNullable();
      t.string('hash', 128).notNullable().unique();
      c.timestamp('created_at').notNullable();
      c.timestamp('last_used_at');
      c.timestamp('revoked_at');
    });
    await knex.schema.createTable('secret_key_check', (t) => {
      const c = columnsFor(t, dialect);
      t.string('key_id', 64).primary();
      t.text('check_value').notNullable();
      c.timestamp('created_at').notNullable();
    });
  },
  async down(knex) {
    for (const table of tables) await knex.schema.dropTableIfExists(table);
  },
};
