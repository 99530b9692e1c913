import { columnsFor, type Migration } from './migration';

/**
 * Email triggers: their options (`triggers.email`) and one `trigger_mailboxes` row per watched trigger
 * holding the checkpoint (UIDVALIDITY and the last UID turned into firings), the watcher lease (owner,
 * expiry: one replica watches a trigger) and the watcher's health as that replica last recorded it.
 * UIDVALIDITY and UIDs are unsigned 32-bit, hence bigint.
 */
export const triggerMailboxes: Migration = {
  name: '0012-trigger-mailboxes',
  async up(knex, dialect) {
    await knex.schema.alterTable('triggers', (t) => {
      columnsFor(t, dialect).json('email');
    });
    await knex.schema.createTable('trigger_mailboxes', (t) => {
      const c = columnsFor(t, dialect);
      t.uuid('trigger_id').primary().references('id').inTable('triggers').onDelete('CASCADE');
      t.bigInteger('uid_validity');
      t.bigInteger('last_uid');
      t.string('owner', 200);
      c.timestamp('lease_until');
      t.string('state', 16).notNullable();
      c.json('last_error');
      c.timestamp('last_event_at');
      c.timestamp('since').notNullable();
      c.timestamp('updated_at').notNullable();
    });
  },
  async down(knex) {
    await knex.schema.dropTable('trigger_mailboxes');
    await knex.schema.alterTable('triggers', (t) => {
      t.dropColumn('email');
    });
  },
};
