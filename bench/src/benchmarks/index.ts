import type { Benchmark } from '../harness/benchmark';
import { agentOverheadBenchmark } from './agent-overhead';
import { concurrencyBenchmark } from './concurrency';
import { historyGrowthBenchmark } from './history-growth';
import { httpBenchmark } from './http';
import { startupBenchmark } from './startup';

/** Every benchmark, in the order `npm run bench` runs them. */
export const benchmarks: readonly Benchmark[] = [
  agentOverheadBenchmark,
  concurrencyBenchmark,
  historyGrowthBenchmark,
  httpBenchmark,
  startupBenchmark,
];
