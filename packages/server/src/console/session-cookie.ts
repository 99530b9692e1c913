import type { Context } from 'koa';

/** Name of the console's session cookie. */
export const SESSION_COOKIE = 'agentry_session';

/** Header a cookie-authenticated state-changing request must carry (CSRF protection). */
export const CONSOLE_HEADER = 'x-agentry-console';

/** The session token the request's cookie carries, if any. */
export function sessionToken(ctx: Context): string | undefined {
  for (const part of ctx.get('cookie').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE && value.length > 0) return value.join('=');
  }
  return undefined;
}

/** Sets (or, with `token` undefined, clears) the session cookie: HttpOnly, SameSite=Strict, Secure on TLS. */
export function setSessionCookie(ctx: Context, token: string | undefined, expiresAt?: Date): void {
  const attributes = ['Path=/', 'HttpOnly', 'SameSite=Strict'];
  if (ctx.secure) attributes.push('Secure');
  attributes.push(token && expiresAt ? `Expires=${expiresAt.toUTCString()}` : 'Max-Age=0');
  ctx.set('Set-Cookie', `${SESSION_COOKIE}=${token ?? ''}; ${attributes.join('; ')}`);
}

/** Whether the request may change state with a cookie: it carries the console header (a cross-site form cannot). */
export function hasConsoleHeader(ctx: Context): boolean {
  return ctx.get(CONSOLE_HEADER) !== '';
}
