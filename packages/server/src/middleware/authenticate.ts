import type { Middleware } from 'koa';
import { hasConsoleHeader, sessionToken } from '../console/session-cookie';
import { PROBLEM_JSON, problem } from '../http/problem';
import { isAddressedToLoopback } from './loopback-host';

/** Checks API keys; implemented by core's API key service. */
export interface KeyVerifier {
  /** Whether any key is configured (admin key or stored keys). With none, only loopback is served. */
  anyKeyConfigured(): Promise<boolean>;
  /** Whether `key` is the admin key or an active stored key (compared in constant time / by hash). */
  verify(key: string): Promise<boolean>;
  /** The name of a valid key (`admin` for the admin key), or undefined when it is not valid. */
  identify?(key: string): Promise<string | undefined>;
}

/** Who made a request, as recorded in audits (e.g. an approval's `decidedBy`), in `ctx.state.principal`. */
export const ANONYMOUS = 'anonymous';

/** Checks console session tokens (the `agentry_session` cookie); implemented by the session store. */
export interface SessionVerifier {
  /** Whether `token` names a live session whose API key still works. */
  verify(token: string): Promise<boolean>;
}

const readMethods = new Set(['GET', 'HEAD']);

/**
 * Denies by default: every request needs `Authorization: Bearer <key>` or a console session cookie unless
 * its route is public (the `isPublic` check) or no key is configured at all (then the server listens on
 * loopback only; see serve, and a request must then name it by a loopback Host and Origin, else 403
 * `NON_LOOPBACK_HOST`: DNS rebinding protection). A cookie-authenticated request that changes state must also carry the
 * `X-Agentry-Console` header, which a cross-site form cannot send (CSRF protection).
 */
export function authenticate(
  verifier: KeyVerifier,
  isPublic: (method: string, path: string) => boolean,
  sessions?: SessionVerifier,
): Middleware {
  return async (ctx, next) => {
    ctx.state.principal = ANONYMOUS;
    const keyless = !(await verifier.anyKeyConfigured());
    if (keyless && !isAddressedToLoopback(ctx)) {
      ctx.status = 403;
      ctx.type = PROBLEM_JSON;
      ctx.body = {
        ...problem(403, 'Without API keys the server answers only requests addressed to localhost.', {
          code: 'NON_LOOPBACK_HOST',
        }),
        instance: ctx.path,
      };
      return;
    }
    if (ctx.method === 'OPTIONS' || isPublic(ctx.method, ctx.path) || keyless) {
      await next();
      return;
    }
    const [scheme, key] = ctx.get('authorization').split(' ');
    const name = scheme?.toLowerCase() === 'bearer' && key ? await identify(verifier, key) : undefined;
    if (name !== undefined) {
      ctx.state.principal = name;
      await next();
      return;
    }
    const token = key ? undefined : sessionToken(ctx);
    if (token && (await sessions?.verify(token))) {
      ctx.state.principal = 'console';
      if (readMethods.has(ctx.method) || hasConsoleHeader(ctx)) {
        await next();
        return;
      }
      ctx.status = 403;
      ctx.type = PROBLEM_JSON;
      ctx.body = {
        ...problem(403, 'Requests signed in with the console cookie must send X-Agentry-Console: 1.', {
          code: 'CONSOLE_HEADER_REQUIRED',
        }),
        instance: ctx.path,
      };
      return;
    }
    ctx.status = 401;
    ctx.set('WWW-Authenticate', 'Bearer realm="agentry"');
    ctx.type = PROBLEM_JSON;
    ctx.body = {
      ...problem(401, key ? 'The API key is not valid.' : 'Send an API key: Authorization: Bearer <key>.', {
        code: key ? 'INVALID_API_KEY' : 'API_KEY_REQUIRED',
      }),
      instance: ctx.path,
    };
  };
}

/** The key's name when the verifier can tell it, else `api-key` for a valid key; undefined when invalid. */
async function identify(verifier: KeyVerifier, key: string): Promise<string | undefined> {
  if (verifier.identify) return verifier.identify(key);
  return (await verifier.verify(key)) ? 'api-key' : undefined;
}
