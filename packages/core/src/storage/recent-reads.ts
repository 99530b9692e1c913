import { LRUCache } from 'lru-cache';

/**
 * How long a cached read stays valid, in milliseconds. Writes made through this process forget the entry
 * at once; a change written by another process (a second server replica, the CLI) is seen at the latest
 * this long after it was made.
 */
export const RECENT_READ_TTL_MS = 1000;

/** Most entries one {@link RecentReads} keeps (least recently used go first). */
const MAX_ENTRIES = 2000;

/**
 * A short-lived cache of rows that every run reads and that rarely change (an agent's definition, a
 * tool's registration, a tool's configurations). The owning repository forgets an entry whenever it
 * writes it, so this process always reads its own writes; see {@link RECENT_READ_TTL_MS} for others'.
 * Cached values are frozen: callers share them and must not change them.
 */
export class RecentReads<V extends object> {
  private readonly entries = new LRUCache<string, V>({ max: MAX_ENTRIES, ttl: RECENT_READ_TTL_MS });
  private generation = 0;

  /**
   * The cached value of `key`, or the value `load` reads (cached when defined). A load that started
   * before a {@link forget} or {@link clear} is not cached, so a write racing a read never leaves the
   * older value behind.
   */
  async read(key: string, load: () => Promise<V | undefined>): Promise<V | undefined> {
    const cached = this.entries.get(key);
    if (cached !== undefined) return cached;
    const generation = this.generation;
    const loaded = await load();
    if (loaded !== undefined && generation === this.generation) this.entries.set(key, deepFreeze(loaded));
    return loaded;
  }

  /** Forgets `key` (after a write to it). */
  forget(key: string): void {
    this.generation++;
    this.entries.delete(key);
  }

  /** Forgets everything (after a write that may touch many keys). */
  clear(): void {
    this.generation++;
    this.entries.clear();
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
