import type { Knex } from 'knex';
import type { MemoryManager } from '../memory/memory-manager';
import type { MemoryRole } from '../models/memory-entry';

/**
 * Collects the memory entries of one run in order (explicit `seq`, never timestamps) and writes them in
 * batches (with the run's steps, once per iteration), so a step costs one insert however much the agent
 * already remembers.
 */
export class RunMemory {
  private pending: Parameters<MemoryManager['record']>[0][number][] = [];

  /** Prepares the memory of run `runId` of `agent`; a resumed run goes on numbering from `seq`. */
  constructor(
    private readonly memory: MemoryManager,
    private readonly agent: string,
    private readonly runId: string,
    private seq = 0,
  ) {}

  /** The number the next entry gets. */
  get nextSeq(): number {
    return this.seq;
  }

  /** Notes an entry; it is written at the next {@link flush}. */
  add(role: MemoryRole, content: string, metadata: Record<string, unknown> = {}): void {
    this.pending.push({ agent: this.agent, runId: this.runId, seq: this.seq++, role, content, metadata });
  }

  /** True when entries wait to be written. */
  get dirty(): boolean {
    return this.pending.length > 0;
  }

  /** Writes the noted entries (inside `trx` when given, e.g. with the run's steps). */
  async flush(trx?: Knex.Transaction): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    await this.memory.write(batch, trx);
  }
}
