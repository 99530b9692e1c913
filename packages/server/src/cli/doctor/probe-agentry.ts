/** Header a server in demo mode sends on every response: its model is simulated. */
export const DEMO_HEADER = 'x-agentry-demo';

/** An Agentry server that answered `GET /health`. */
export interface RunningAgentry {
  /** Its base URL. */
  url: string;
  /** True when it answers with `X-Agentry-Demo: simulated-model` (demo mode, no Ollama needed). */
  demo: boolean;
}

/** Asks `url` for `GET /health`; answers the running Agentry, or undefined when none answers there. */
export async function probeAgentry(url: string, timeoutMs = 2000): Promise<RunningAgentry | undefined> {
  const base = url.replace(/\/+$/, '');
  try {
    const response = await fetch(`${base}/health`, { signal: AbortSignal.timeout(timeoutMs) });
    const body = (await response.json().catch(() => undefined)) as { status?: unknown } | undefined;
    if (!response.ok || body?.status !== 'ok') return undefined;
    return { url: base, demo: response.headers.get(DEMO_HEADER) === 'simulated-model' };
  } catch {
    return undefined;
  }
}

/** The URL a client uses to reach a server listening on `host`:`port` (wildcard addresses → loopback). */
export function localUrl(host: string, port: number): string {
  const reachable = host === '0.0.0.0' || host === '' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}
