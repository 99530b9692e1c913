import { columnsFor, type Migration } from './migration';

/**
 * A workflow's approval overrides (`approval`, JSON): the policy for its steps' tool calls, between a
 * step's own `approval` (stored inside `steps`) and the agent's.
 */
export const workflowApproval: Migration = {
  name: '0014-workflow-approval',
  async up(knex, dialect) {
    await knex.schema.alterTable('workflows', (t) => {
      columnsFor(t, dialect).json('approval').nullable();
    });
  },
  async down(knex) {
    await knex.schema.alterTable('workflows', (t) => {
      t.dropColumn('approval');
    });
  },
};
