import { createHash, randomBytes } from 'node:crypto';

/** How long a console session lasts without signing in again, in milliseconds (12 hours). */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

function hash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Console sessions, kept in this process's memory: a random token per sign-in (only its SHA-256 is kept),
 * valid for {@link SESSION_TTL_MS}. A restart signs everyone out, which is the safe direction.
 */
export class SessionStore {
  private readonly sessions = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Starts a session; returns its token (for the cookie) and when it expires. */
  create(): { token: string; expiresAt: Date } {
    this.prune();
    const token = randomBytes(32).toString('base64url');
    const expiresAt = this.now() + SESSION_TTL_MS;
    this.sessions.set(hash(token), expiresAt);
    return { token, expiresAt: new Date(expiresAt) };
  }

  /** Whether `token` names a session that has not expired or been revoked. */
  verify(token: string): boolean {
    const expiresAt = this.sessions.get(hash(token));
    if (expiresAt === undefined) return false;
    if (expiresAt > this.now()) return true;
    this.sessions.delete(hash(token));
    return false;
  }

  /** Ends the session of `token` (sign-out); unknown tokens are ignored. */
  revoke(token: string): void {
    this.sessions.delete(hash(token));
  }

  private prune(): void {
    const now = this.now();
    for (const [key, expiresAt] of this.sessions) if (expiresAt <= now) this.sessions.delete(key);
  }
}
