import { readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { Middleware } from 'koa';
import { missingConsolePage } from './missing-console-page';
import { setConsoleSecurityHeaders } from './security-headers';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * Serves the web console at `/`: GET/HEAD requests outside `/api/`, the server's own pages (`reserved`,
 * e.g. `/docs`, `/health`, `/mcp`) and the paths under `reservedPrefixes` (e.g. `/hooks/`) get a file of `dist`, or `index.html` for any other path (client-side routing).
 * Hashed files under `/assets/` are cached for a year; `index.html` is never cached. Every answer carries
 * the console's security headers. With no `dist`, `/` explains how to build the console.
 */
export function serveConsole(
  dist: string | undefined,
  reserved: ReadonlySet<string>,
  reservedPrefixes: readonly string[] = [],
): Middleware {
  return async (ctx, next) => {
    const isRead = ctx.method === 'GET' || ctx.method === 'HEAD';
    const notConsole =
      ctx.path.startsWith('/api/') ||
      ctx.path === '/api' ||
      reserved.has(ctx.path) ||
      reservedPrefixes.some((prefix) => ctx.path.startsWith(prefix));
    if (!isRead || notConsole) {
      await next();
      return;
    }
    setConsoleSecurityHeaders(ctx);
    if (!dist) {
      ctx.status = 503;
      ctx.type = 'text/html; charset=utf-8';
      ctx.set('Cache-Control', 'no-store');
      ctx.body = missingConsolePage;
      return;
    }
    const file = staticFile(dist, ctx.path);
    const served = file ?? join(dist, 'index.html');
    ctx.type = contentTypes[extname(served)] ?? 'application/octet-stream';
    ctx.set(
      'Cache-Control',
      file && ctx.path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    );
    ctx.body = readFileSync(served);
  };
}

/** The file under `dist` that `path` names, or `undefined` (missing, a folder, or outside `dist`). */
function staticFile(dist: string, path: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const candidate = normalize(join(dist, decoded));
  if (!candidate.startsWith(dist + sep)) return undefined;
  try {
    return statSync(candidate).isFile() ? candidate : undefined;
  } catch {
    return undefined;
  }
}
