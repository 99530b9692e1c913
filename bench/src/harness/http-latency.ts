import { Agent, request } from 'node:http';

/**
 * Sends `count` GET requests one after another over one keep-alive connection (the next path from
 * `nextPath` each time) and returns each request's latency in ms. Throws on a non-200 answer.
 */
export async function sequentialLatencies(
  baseUrl: string,
  nextPath: () => string,
  count: number,
  headers: Record<string, string> = {},
): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const latencies: number[] = [];
  try {
    for (let index = 0; index < count; index++) {
      const url = baseUrl + nextPath();
      const started = performance.now();
      const status = await get(url, agent, headers);
      latencies.push(performance.now() - started);
      if (status !== 200) throw new Error(`GET ${url} answered ${status}`);
    }
  } finally {
    agent.destroy();
  }
  return latencies;
}

function get(url: string, agent: Agent, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers }, (res) => {
      res.on('data', () => {});
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
