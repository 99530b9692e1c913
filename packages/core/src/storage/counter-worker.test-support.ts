/**
 * Child process for the cross-process SQLite test: increments a counter `iterations` times, each time in
 * a read-then-write transaction with a pause between the read and the write.
 * Usage: node counter-worker.mjs <database file> <iterations>
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { openDatabase } from './database';

const [file, iterations] = process.argv.slice(2);
const db = await openDatabase({ url: file! });
try {
  for (let index = 0; index < Number(iterations); index += 1) {
    await db.transaction(async (trx) => {
      const row = await trx('settings').where({ key: 'counter' }).first();
      await sleep(2);
      await trx('settings')
        .where({ key: 'counter' })
        .update({ value: JSON.stringify(Number(JSON.parse(row.value)) + 1) });
    });
  }
} finally {
  await db.close();
}
