import type { Dialect } from '@agentry/core';

/** How a benchmark run is configured from the command line. */
export interface BenchOptions {
  /** Smaller N and shorter durations, for a quick look. */
  quick: boolean;
  /** Databases to run on: SQLite always, PostgreSQL when it answers (and is not switched off). */
  dialects: Dialect[];
  /** Where the JSON results go. */
  resultsDir: string;
  /** A folder for generated files (plugins, databases) inside the repository, removed afterwards. */
  workDir: string;
}

/** One row of a result table: column name → value. */
export type ResultRow = Record<string, string | number | boolean | null>;

/** A target from issue 8 and whether the measured figure meets it. */
export interface TargetCheck {
  /** What is measured, e.g. `run time vs bare loop (sqlite)`. */
  label: string;
  /** The measured figure. */
  value: number;
  /** The target, as text, e.g. `≤ 1.3×`. */
  target: string;
  /** Whether the figure meets the target. */
  met: boolean;
}

/** What one benchmark measured. */
export interface BenchReport {
  /** The rows of its table. */
  rows: ResultRow[];
  /** Targets checked against the rows. */
  targets: TargetCheck[];
  /** Remarks printed under the table (N used, what was skipped and why). */
  notes: string[];
}

/** A benchmark: measures Agentry against its baseline in the same process run. */
export interface Benchmark {
  /** Short name used to select it, e.g. `http`. */
  name: string;
  /** One-line title printed above its table. */
  title: string;
  /** Runs the benchmark. */
  run(options: BenchOptions): Promise<BenchReport>;
}
