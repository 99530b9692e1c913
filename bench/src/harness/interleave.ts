import { median } from './stats';

/** Options of {@link interleave}. */
export interface InterleaveOptions {
  /** Rounds; each subject runs one batch per round, in turn. */
  rounds: number;
  /** Operations per batch. */
  batch: number;
  /** Unmeasured operations per subject before the first round. */
  warmup: number;
  /** Stop starting new rounds after this long (at least one round always runs). */
  maxMs: number;
}

/** Per subject: the mean time of one operation in each round, ms. */
export type RoundTimes = Record<string, number[]>;

/**
 * Runs each subject's operation `batch` times in turn, round after round, so a slow patch of a noisy
 * machine hits every subject alike. Bounded by `rounds` and `maxMs`.
 */
export async function interleave(
  subjects: Record<string, () => Promise<void>>,
  options: InterleaveOptions,
): Promise<RoundTimes> {
  const names = Object.keys(subjects);
  for (const name of names) for (let index = 0; index < options.warmup; index++) await subjects[name]!();
  const times: RoundTimes = Object.fromEntries(names.map((name) => [name, []]));
  const started = performance.now();
  for (let round = 0; round < options.rounds; round++) {
    if (round > 0 && performance.now() - started > options.maxMs) break;
    for (const name of names) {
      const begun = performance.now();
      for (let index = 0; index < options.batch; index++) await subjects[name]!();
      times[name]!.push((performance.now() - begun) / options.batch);
    }
  }
  return times;
}

/** The median over rounds of `subject`'s time divided by `baseline`'s time in the same round. */
export function medianRatio(times: RoundTimes, subject: string, baseline: string): number {
  const base = times[baseline]!;
  return median(times[subject]!.map((value, round) => value / base[round]!));
}
