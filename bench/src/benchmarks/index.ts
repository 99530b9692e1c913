import type { Benchmark } from '../harness/benchmark';
import { agentOverheadBenchmark } from './agent-overhead';
import { concurrencyBenchmark } from './concurrency';
import { historyGrowthBenchmark } from './history-growth';
import { httpBenchmark } from './http';
import { memoryApiBenchmark } from './memory-api';
import { pluginIsolationBenchmark } from './plugin-isolation';
import { schedulerBenchmark } from './scheduler';
import { startupBenchmark } from './startup';
import { toolSelectionBenchmark } from './tool-selection';

/** Every benchmark, in the order `npm run bench` runs them. */
export const benchmarks: readonly Benchmark[] = [
  agentOverheadBenchmark,
  concurrencyBenchmark,
  historyGrowthBenchmark,
  memoryApiBenchmark,
  httpBenchmark,
  schedulerBenchmark,
  startupBenchmark,
  pluginIsolationBenchmark,
  toolSelectionBenchmark,
];
