/** Summary of a sample of durations (or any numbers). */
export interface Summary {
  /** Number of samples. */
  count: number;
  /** Arithmetic mean. */
  mean: number;
  /** Median. */
  p50: number;
  /** 99th percentile (nearest rank). */
  p99: number;
  /** Largest sample. */
  max: number;
}

/** The `p`-th percentile (0–100) of `values` by nearest rank; NaN for an empty sample. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** The median of `values`. */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Count, mean, p50, p99 and max of `values`. */
export function summarise(values: readonly number[]): Summary {
  const total = values.reduce((sum, value) => sum + value, 0);
  return {
    count: values.length,
    mean: values.length === 0 ? Number.NaN : total / values.length,
    p50: percentile(values, 50),
    p99: percentile(values, 99),
    max: values.length === 0 ? Number.NaN : Math.max(...values),
  };
}

/** Rounds to `digits` decimals (keeps tables and JSON readable). */
export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
