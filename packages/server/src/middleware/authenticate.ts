import type { Middleware } from 'koa';
import { PROBLEM_JSON, problem } from '../http/problem';

/** Checks API keys; implemented by core's API key service. */
export interface KeyVerifier {
  /** Whether any key is configured (admin key or stored keys). With none, only loopback is served. */
  anyKeyConfigured(): Promise<boolean>;
  /** Whether `key` is the admin key or an active stored key (compared in constant time / by hash). */
  verify(key: string): Promise<boolean>;
}

/**
 * Denies by default: every request needs `Authorization: Bearer <key>` unless its route is public (the
 * `isPublic` check) or no key is configured at all (then the server listens on loopback only; see serve).
 */
export function authenticate(
  verifier: KeyVerifier,
  isPublic: (method: string, path: string) => boolean,
): Middleware {
  return async (ctx, next) => {
    if (ctx.method === 'OPTIONS' || isPublic(ctx.method, ctx.path) || !(await verifier.anyKeyConfigured())) {
      await next();
      return;
    }
    const [scheme, key] = ctx.get('authorization').split(' ');
    if (scheme?.toLowerCase() === 'bearer' && key && (await verifier.verify(key))) {
      await next();
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
