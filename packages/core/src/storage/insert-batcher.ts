import { isDataViolation } from './constraint-violation';
import type { Database } from './database';
import { inChunks } from './in-chunks';
import type { Row } from './row-codec';

/** A row waiting for the next flush, and its caller. */
interface PendingInsert {
  row: Row;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Group insert: rows added during one turn of the event loop are written together, in multi-row
 * statements of at most `rowsPerStatement`, when the turn's other work is done (`setImmediate`). When
 * hundreds of runs start at once (a burst of schedules, many API calls) that is a handful of statements
 * instead of one statement, commit and (on PostgreSQL) round trip per row. A lone insert waits only for
 * the end of the current turn. Each caller's promise settles when its row is committed. When a batch
 * breaks a constraint, its rows are inserted one by one, so only the rows at fault fail, each with its own
 * error; any other failure (database down) fails every row of the batch at once.
 */
export class InsertBatcher {
  private pending: PendingInsert[] = [];

  /** Creates the batcher of `table`. */
  constructor(
    private readonly db: Database,
    private readonly table: string,
    private readonly rowsPerStatement = 200,
  ) {}

  /** Inserts `row` with the others of this turn; resolves once it is committed. */
  insert(row: Row): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (this.pending.length === 0) setImmediate(() => void this.flush());
      this.pending.push({ row, resolve, reject });
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    for (const chunk of inChunks(batch, this.rowsPerStatement)) {
      try {
        await this.db.knex(this.table).insert(chunk.map((entry) => entry.row));
        for (const entry of chunk) entry.resolve();
      } catch (error) {
        // A row at fault fails the whole statement: find it by inserting one by one. Any other failure
        // (database unreachable, locked, closed) would fail each row again, so it fails them all now.
        if (chunk.length > 1 && isDataViolation(error)) await this.oneByOne(chunk);
        else for (const entry of chunk) entry.reject(error);
      }
    }
  }

  private async oneByOne(chunk: readonly PendingInsert[]): Promise<void> {
    for (const entry of chunk) {
      try {
        await this.db.knex(this.table).insert(entry.row);
        entry.resolve();
      } catch (error) {
        entry.reject(error);
      }
    }
  }
}
