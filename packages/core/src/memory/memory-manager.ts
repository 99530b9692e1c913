import type { Knex } from 'knex';
import type { MemoryEntry, MemoryEntryInput, MemoryRole } from '../models/memory-entry';
import type { Page } from '../models/page';
import type { ListOptions } from '../storage/pagination';
import type { MemoryRepository } from '../storage/repositories/memory-repository';

/** Filters of {@link MemoryManager.list}. */
export interface MemoryQuery {
  /** Only this agent's memory. */
  agent: string;
  /** Only entries of this role. */
  role?: MemoryRole;
  /** Only entries of this run. */
  runId?: string;
}

/**
 * An agent's long-term memory: every run records its task, assistant messages, thoughts, tool calls,
 * tool outputs (the text the model saw) and final answer as ordered entries (`runId` + `seq`). The most
 * recent entries are offered to the agent's next runs as context. Callers pass only model-facing text;
 * tool outputs are already masked by the tool manager, so secret values never reach this table.
 */
export class MemoryManager {
  /** Creates the manager over the memory table. */
  constructor(private readonly entries: MemoryRepository) {}

  /** Appends entries in the given order. */
  record(entries: readonly MemoryEntryInput[]): Promise<MemoryEntry[]> {
    return this.entries.append(entries);
  }

  /**
   * Appends entries in the given order without reading them back; pass `trx` to write them atomically
   * with other changes (an agent run writes them with its steps).
   */
  write(entries: readonly MemoryEntryInput[], trx?: Knex.Transaction): Promise<void> {
    return this.entries.insert(entries, trx);
  }

  /**
   * The latest `turns` entries of `agent`, oldest first, for use as context. One indexed query of at most
   * `turns` rows, however much the agent remembers.
   */
  async recent(agent: string, turns: number): Promise<MemoryEntry[]> {
    if (turns <= 0) return [];
    const latest = await this.entries.latestForAgent(agent, turns);
    return latest.reverse();
  }

  /** One page of an agent's memory, newest first. */
  list(query: MemoryQuery, options: ListOptions = {}): Promise<Page<MemoryEntry>> {
    return this.entries.list(query, options);
  }

  /** True when `agent` remembers anything. */
  async has(agent: string): Promise<boolean> {
    return (await this.entries.latestForAgent(agent, 1)).length > 0;
  }

  /** Forgets everything `agent` remembers; returns how many entries were deleted. */
  forget(agent: string): Promise<number> {
    return this.entries.deleteForAgent(agent);
  }
}
