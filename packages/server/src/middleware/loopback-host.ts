import type { Context } from 'koa';

const loopbackNames = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether `host` (a Host header value or an origin's host, port optional) names this machine's loopback. */
export function isLoopbackHost(host: string): boolean {
  try {
    return loopbackNames.has(new URL(`http://${host}`).hostname.toLowerCase());
  } catch {
    return false;
  }
}

/**
 * Whether a request names the server by a loopback name: its Host, and its Origin when it sends one. A
 * page of another site that rebinds its DNS name to 127.0.0.1 (DNS rebinding) still sends its own name in
 * both, so a server without API keys, served on loopback only, answers such requests with 403.
 */
export function isAddressedToLoopback(ctx: Context): boolean {
  const origin = ctx.get('origin');
  return isLoopbackHost(ctx.get('host')) && (!origin || isLoopbackOrigin(origin));
}

function isLoopbackOrigin(origin: string): boolean {
  try {
    return isLoopbackHost(new URL(origin).host);
  } catch {
    return false;
  }
}
