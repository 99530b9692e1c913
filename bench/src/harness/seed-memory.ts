import { randomUUID } from 'node:crypto';
import type { Agentry, MemoryEntryInput } from '@agentry/core';

const ROLES = ['user', 'assistant', 'tool_call', 'tool_output'] as const;
const TEXT =
  'Checked the release notes and the changelog; the relevant change is the new retry policy for uploads. ';

/** Rows per transaction when seeding (large transactions: one commit per 20 000 rows). */
const TRANSACTION_ROWS = 20_000;

/**
 * Appends `count` memory entries for `agent` through the repository's batch append, in large
 * transactions, as runs of 4 entries (task, answer, tool call, tool output). Returns the time taken, ms.
 */
export async function seedMemory(agentry: Agentry, agent: string, count: number): Promise<number> {
  const started = performance.now();
  let written = 0;
  while (written < count) {
    const size = Math.min(TRANSACTION_ROWS, count - written);
    const batch: MemoryEntryInput[] = [];
    let runId = randomUUID();
    for (let index = 0; index < size; index++) {
      const seq = (written + index) % ROLES.length;
      if (seq === 0) runId = randomUUID();
      batch.push({
        agent,
        runId,
        seq,
        role: ROLES[seq]!,
        content: `${TEXT}#${written + index}`,
        metadata: {},
      });
    }
    await agentry.database.transaction((trx) => agentry.repositories.memory.append(batch, trx));
    written += size;
  }
  return performance.now() - started;
}
