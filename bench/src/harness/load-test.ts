import autocannon from 'autocannon';

/** One autocannon measurement. */
export interface LoadResult {
  /** Mean requests per second. */
  requestsPerSecond: number;
  /** Median latency, ms. */
  latencyP50: number;
  /** 99th percentile latency, ms. */
  latencyP99: number;
  /** Answers that were not 2xx, plus connection errors and timeouts. */
  failures: number;
}

/** Options of {@link loadTest}. */
export interface LoadTestOptions {
  /** Request headers (e.g. `authorization`). */
  headers?: Record<string, string>;
  /** Seconds to run (default 5). */
  durationSeconds?: number;
  /** Concurrent connections (default 10). */
  connections?: number;
}

/** Runs autocannon against `url` over loopback for a bounded time. */
export async function loadTest(url: string, options: LoadTestOptions = {}): Promise<LoadResult> {
  const result = await autocannon({
    url,
    headers: options.headers,
    connections: options.connections ?? 10,
    duration: options.durationSeconds ?? 5,
    timeout: 10,
  });
  return {
    requestsPerSecond: result.requests.average,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}
