import { statSync } from 'node:fs';

/** How often the WAL file's size is sampled. */
const SAMPLE_INTERVAL_MS = 50;

/** Samples the size of a SQLite database's `-wal` file while a benchmark runs. */
export interface WalWatcher {
  /** Stops sampling; the largest size seen, in bytes (0 if the WAL never existed). */
  stop(): number;
}

/** Starts sampling the size of `<databaseFile>-wal` every 50 ms and keeps the largest. */
export function watchWalSize(databaseFile: string): WalWatcher {
  let largest = 0;
  const sample = () => {
    try {
      largest = Math.max(largest, statSync(`${databaseFile}-wal`).size);
    } catch {
      // No WAL file at the moment: nothing to record.
    }
  };
  const timer = setInterval(sample, SAMPLE_INTERVAL_MS);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return largest;
    },
  };
}
