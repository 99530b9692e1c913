import type { Knex } from 'knex';
import type { MemoryEntry, MemoryEntryInput, MemoryRole } from '../../models/memory-entry';
import type { Page } from '../../models/page';
import type { Database } from '../database';
import { decodeCursor, type ListOptions, pageLimit, toPage } from '../pagination';
import { nowIso, queryable } from '../queryable';
import { RowCodec } from '../row-codec';

/** Filters of {@link MemoryRepository.list}. */
export interface MemoryFilter {
  /** Only this agent's memory. */
  agent?: string;
  /** Only entries of this role. */
  role?: MemoryRole;
  /** Only entries of this run. */
  runId?: string;
}

/** Rows per insert statement, well under SQLite's bound-parameter limit. */
const INSERT_CHUNK = 200;

/** Stores agents' memory (table `memory_entries`); ids grow, so newest is highest. */
export class MemoryRepository {
  private readonly codec: RowCodec<MemoryEntry>;

  /** Creates the repository over `db`. */
  constructor(private readonly db: Database) {
    this.codec = new RowCodec<MemoryEntry>(
      {
        id: 'integer',
        agent: 'text',
        runId: 'text',
        seq: 'integer',
        createdAt: 'timestamp',
        role: 'text',
        content: 'text',
        metadata: 'json',
      },
      db.dialect,
    );
  }

  /**
   * Appends entries in the given order (ids ascend in that order) and returns them with their ids. Pass a
   * `trx` to make the batch atomic with other writes; without one, each chunk of 200 is atomic.
   */
  async append(entries: readonly MemoryEntryInput[], trx?: Knex.Transaction): Promise<MemoryEntry[]> {
    const now = nowIso();
    const stored: MemoryEntry[] = [];
    for (let start = 0; start < entries.length; start += INSERT_CHUNK) {
      const rows = entries.slice(start, start + INSERT_CHUNK).map((entry) =>
        this.codec.toRow({
          ...entry,
          metadata: entry.metadata ?? {},
          createdAt: entry.createdAt ?? now,
        }),
      );
      const inserted = await queryable(this.db, trx)('memory_entries').insert(rows).returning('*');
      stored.push(...inserted.map((row) => this.codec.fromRow(row)).sort((a, b) => a.id - b.id));
    }
    return stored;
  }

  /**
   * Appends entries in the given order like {@link append}, without reading them back (no ids): the
   * cheaper write for callers that do not need the stored rows.
   */
  async insert(entries: readonly MemoryEntryInput[], trx?: Knex.Transaction): Promise<void> {
    const now = nowIso();
    for (let start = 0; start < entries.length; start += INSERT_CHUNK) {
      const rows = entries
        .slice(start, start + INSERT_CHUNK)
        .map((entry) =>
          this.codec.toRow({ ...entry, metadata: entry.metadata ?? {}, createdAt: entry.createdAt ?? now }),
        );
      await queryable(this.db, trx)('memory_entries').insert(rows);
    }
  }

  /**
   * The latest `limit` entries of `agent`, newest first, optionally only those older than entry id
   * `before`. Served by the (agent, id) index.
   */
  async latestForAgent(
    agent: string,
    limit: number,
    before?: number,
    trx?: Knex.Transaction,
  ): Promise<MemoryEntry[]> {
    const query = queryable(
      this.db,
      trx,
    )('memory_entries')
      .where({ agent })
      .orderBy('id', 'desc')
      .limit(Math.max(0, Math.floor(limit)));
    if (before !== undefined) query.where('id', '<', before);
    const rows = await query;
    return rows.map((row) => this.codec.fromRow(row));
  }

  /** One page of entries, newest first. */
  async list(
    filter: MemoryFilter = {},
    options: ListOptions = {},
    trx?: Knex.Transaction,
  ): Promise<Page<MemoryEntry>> {
    const limit = pageLimit(options.limit);
    const query = queryable(
      this.db,
      trx,
    )('memory_entries')
      .where(this.codec.toRow(filter))
      .orderBy('id', 'desc')
      .limit(limit + 1);
    if (options.cursor) query.where('id', '<', decodeCursor(options.cursor, ['number'])[0] as number);
    const rows = await query;
    return toPage(
      rows.map((row) => this.codec.fromRow(row)),
      limit,
      (entry) => [entry.id],
    );
  }

  /**
   * The tool entries (`tool_call`, `tool_output`) of one run, oldest first. Served by the (run_id, seq)
   * index; used to replay a stored run with the tool calls that were refused before they ran.
   */
  async toolEntriesForRun(runId: string, trx?: Knex.Transaction): Promise<MemoryEntry[]> {
    const rows = await queryable(
      this.db,
      trx,
    )('memory_entries')
      .where(this.codec.toRow({ runId }))
      .whereIn('role', ['tool_call', 'tool_output'])
      .orderBy('seq', 'asc');
    return rows.map((row) => this.codec.fromRow(row));
  }

  /** Forgets everything `agent` remembers; returns how many entries were deleted. */
  deleteForAgent(agent: string, trx?: Knex.Transaction): Promise<number> {
    return queryable(this.db, trx)('memory_entries').where({ agent }).delete();
  }
}
