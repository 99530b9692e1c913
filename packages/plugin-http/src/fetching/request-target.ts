import { ToolError } from '@agentry/core';
import { ACCEPTED_ENCODINGS } from './decode-content';

const toolName = 'http_get';

/** Headers the caller may not set: they belong to the connection or would change which site is asked. */
const forbiddenHeaders = new Set([
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'keep-alive',
  'upgrade',
  'expect',
  'te',
  'trailer',
  'proxy-authorization',
  'proxy-connection',
]);

/** Headers dropped when a redirect leaves the origin they were meant for. */
const credentialHeaders = ['authorization', 'cookie', 'proxy-authorization'];

/** Parses the `url` parameter and merges `query` into it (a name already present is replaced). */
export function buildRequestUrl(url: string, query: Record<string, string> | undefined): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    const message = 'must be an absolute http:// or https:// URL, e.g. "https://example.com/page"';
    throw new ToolError('INVALID_ARGUMENTS', toolName, `"url" ${message}; got "${url}".`, {
      issues: [{ pointer: '/url', message }],
    });
  }
  for (const [name, value] of Object.entries(query ?? {})) parsed.searchParams.set(name, value);
  parsed.hash = '';
  return parsed;
}

/** Lower-cases the caller's headers, refuses connection-level ones, and adds defaults. */
export function buildRequestHeaders(
  headers: Record<string, string> | undefined,
  userAgent: string,
): Record<string, string> {
  const result: Record<string, string> = {
    'user-agent': userAgent,
    accept: 'text/html, application/json;q=0.9, text/*;q=0.8, */*;q=0.5',
  };
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    if (forbiddenHeaders.has(lower) || lower.startsWith('proxy-')) {
      const message = `header "${name}" cannot be set`;
      throw new ToolError(
        'INVALID_ARGUMENTS',
        toolName,
        `In "headers": ${message}; remove it and call again.`,
        {
          issues: [{ pointer: `/headers/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`, message }],
        },
      );
    }
    result[lower] = value;
  }
  result['accept-encoding'] = ACCEPTED_ENCODINGS;
  return result;
}

/** The headers to send to `next` after a redirect from `previous`: credentials stay with their origin. */
export function headersForRedirect(
  headers: Record<string, string>,
  previous: URL,
  next: URL,
): Record<string, string> {
  if (previous.origin === next.origin) return headers;
  const kept = { ...headers };
  for (const name of credentialHeaders) delete kept[name];
  return kept;
}
