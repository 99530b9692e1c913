import { columnsFor, type Migration } from './migration';

/**
 * Approvals: tool calls of agent runs that wait for a person's decision, and the agents' approval
 * overrides. A run waiting for one is `waiting_approval`; `state` holds what its loop needs to resume.
 * `execution_claimed_at` is set by the one process that executes the approved call (claimed with a
 * conditional update), so a replica or a restart never executes it twice.
 */
export const approvals: Migration = {
  name: '0010-approvals',
  async up(knex, dialect) {
    await knex.schema.createTable('approvals', (t) => {
      const c = columnsFor(t, dialect);
      t.uuid('id').primary();
      t.uuid('run_id').notNullable().references('id').inTable('runs').onDelete('CASCADE');
      t.string('agent', 64).notNullable();
      t.string('tool', 64).notNullable();
      c.json('arguments').notNullable();
      c.json('call_arguments').notNullable();
      t.text('reasoning').notNullable();
      t.string('status', 16).notNullable();
      t.string('decided_by', 200);
      c.timestamp('decided_at');
      t.text('reason');
      c.json('edited_arguments');
      c.json('state').notNullable();
      c.timestamp('execution_claimed_at');
      c.timestamp('created_at').notNullable();
      c.timestamp('expires_at').notNullable();
      t.index(['status', 'created_at']);
      t.index(['run_id', 'created_at']);
      t.index(['status', 'expires_at']);
    });
    await knex.schema.alterTable('agents', (t) => {
      columnsFor(t, dialect).json('approval').nullable();
    });
  },
  async down(knex) {
    await knex.schema.alterTable('agents', (t) => {
      t.dropColumn('approval');
    });
    await knex.schema.dropTable('approvals');
  },
};
