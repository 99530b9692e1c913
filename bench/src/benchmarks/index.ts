import type { Benchmark } from '../harness/benchmark';
import { httpBenchmark } from './http';
import { startupBenchmark } from './startup';

/** Every benchmark, in the order `npm run bench` runs them. */
export const benchmarks: readonly Benchmark[] = [httpBenchmark, startupBenchmark];
