import { columnsFor, type Migration } from './migration';

/** An agent's `outputSchema` (typed answers): the JSON Schema its final answer must follow. */
export const agentOutputSchema: Migration = {
  name: '0006-agent-output-schema',
  async up(knex, dialect) {
    await knex.schema.alterTable('agents', (t) => {
      columnsFor(t, dialect).json('output_schema').nullable();
    });
  },
  async down(knex) {
    await knex.schema.alterTable('agents', (t) => {
      t.dropColumn('output_schema');
    });
  },
};
