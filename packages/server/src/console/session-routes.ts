import { keyDigest } from '@agentry/core';
import { Type } from 'typebox';
import { PROBLEM_JSON, problem } from '../http/problem';
import { type AnyRoute, defineRoute } from '../http/route';
import type { KeyVerifier } from '../middleware/authenticate';
import { hasConsoleHeader, sessionToken, setSessionCookie } from './session-cookie';
import type { SessionStore } from './session-store';
import type { SignInLimiter } from './sign-in-limiter';

const SessionState = Type.Object(
  {
    required: Type.Boolean({
      description: 'Whether the server needs an API key (else it serves loopback only).',
    }),
    signedIn: Type.Boolean({ description: 'Whether this request carries a valid session cookie.' }),
  },
  { title: 'SessionState' },
);

const SignIn = Type.Object(
  { key: Type.String({ minLength: 1, description: 'An API key (the admin key or a stored key).' }) },
  { title: 'SignInRequest', additionalProperties: false },
);

type Ctx = Parameters<AnyRoute['handler']>[0]['ctx'];

function refuse(ctx: Ctx, status: number, detail: string, code: string): undefined {
  ctx.status = status;
  ctx.type = PROBLEM_JSON;
  ctx.body = { ...problem(status, detail, { code }), instance: ctx.path };
  return undefined;
}

/**
 * The console's sign-in: `GET /api/v1/session` says whether a key is needed and whether the caller is signed
 * in; `POST` exchanges an API key for an HttpOnly session cookie (failed attempts are rate-limited per
 * address); `DELETE` revokes the session. POST and DELETE need the `X-Agentry-Console` header (CSRF).
 */
export function sessionRoutes(keys: KeyVerifier, sessions: SessionStore, limiter: SignInLimiter): AnyRoute[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/api/v1/session',
      operationId: 'getSession',
      summary: 'Whether an API key is needed and whether this browser is signed in.',
      tag: 'session',
      public: true,
      responses: { 200: { description: 'Session state.', schema: SessionState } },
      handler: async ({ ctx }) => {
        const token = sessionToken(ctx);
        return {
          body: {
            required: await keys.anyKeyConfigured(),
            signedIn: token ? await sessions.verify(token) : false,
          },
        };
      },
    }),
    defineRoute<Record<string, never>, Record<string, never>, { key: string }>({
      method: 'POST',
      path: '/api/v1/session',
      operationId: 'signIn',
      summary: 'Sign in: exchange an API key for a session cookie (for the web console).',
      description:
        'Sets `agentry_session` (HttpOnly, SameSite=Strict, Secure over TLS). Needs the header ' +
        '`X-Agentry-Console: 1`. After 10 failed attempts from one address in 15 minutes, answers 429 ' +
        '(`TOO_MANY_SIGN_IN_ATTEMPTS`) with `Retry-After`.',
      tag: 'session',
      public: true,
      body: SignIn,
      responses: {
        201: {
          description: 'Signed in; the cookie is set.',
          schema: Type.Object({ expiresAt: Type.String() }),
        },
        403: { description: 'The `X-Agentry-Console` header is missing.' },
        429: { description: 'Too many failed attempts; see `Retry-After`.' },
      },
      handler: async ({ ctx, body }) => {
        if (!hasConsoleHeader(ctx))
          return refuse(ctx, 403, 'Send the header X-Agentry-Console: 1.', 'CONSOLE_HEADER_REQUIRED');
        const wait = limiter.retryAfterSeconds(ctx.ip);
        if (wait > 0) {
          ctx.set('Retry-After', String(wait));
          return refuse(
            ctx,
            429,
            `Too many failed sign-ins. Try again in ${wait} s.`,
            'TOO_MANY_SIGN_IN_ATTEMPTS',
          );
        }
        if (!(await keys.verify(body.key))) {
          limiter.failed(ctx.ip);
          return refuse(ctx, 401, 'The API key is not valid.', 'INVALID_API_KEY');
        }
        limiter.succeeded(ctx.ip);
        const session = sessions.create(keyDigest(body.key));
        setSessionCookie(ctx, session.token, session.expiresAt);
        return { status: 201, body: { expiresAt: session.expiresAt.toISOString() } };
      },
    }),
    defineRoute({
      method: 'DELETE',
      path: '/api/v1/session',
      operationId: 'signOut',
      summary: 'Sign out: revoke this browser’s session and clear its cookie.',
      tag: 'session',
      public: true,
      responses: {
        204: { description: 'Signed out.' },
        403: { description: 'The `X-Agentry-Console` header is missing.' },
      },
      handler: ({ ctx }) => {
        if (!hasConsoleHeader(ctx))
          return refuse(ctx, 403, 'Send the header X-Agentry-Console: 1.', 'CONSOLE_HEADER_REQUIRED');
        const token = sessionToken(ctx);
        if (token) sessions.revoke(token);
        setSessionCookie(ctx, undefined);
        return { status: 204 };
      },
    }),
  ];
}
