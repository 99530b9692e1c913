import type { Context } from 'koa';

/**
 * The Content-Security-Policy of every console response: only this origin's scripts, styles, images and
 * API calls; no inline script, no framing, no plugins, no external requests of any kind.
 */
export const consoleContentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Sets the console's security headers (CSP, nosniff, referrer policy, no framing) on a response. */
export function setConsoleSecurityHeaders(ctx: Context): void {
  ctx.set('Content-Security-Policy', consoleContentSecurityPolicy);
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('Referrer-Policy', 'no-referrer');
  ctx.set('X-Frame-Options', 'DENY');
  ctx.set('Cross-Origin-Opener-Policy', 'same-origin');
}
