import { createHash, randomBytes } from 'node:crypto';

/** How long a console session lasts without signing in again, in milliseconds (12 hours). */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/** Tells whether the API key with a given SHA-256 digest still authenticates (core's `ApiKeyService`). */
export interface KeyDigestVerifier {
  /** Whether the key whose hex SHA-256 is `digest` is the admin key or an active stored key. */
  verifyDigest(digest: string): Promise<boolean>;
}

interface Session {
  expiresAt: number;
  keyDigest: string;
}

function hash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Console sessions, kept in this process's memory: a random token per sign-in (only its SHA-256 is kept),
 * valid for {@link SESSION_TTL_MS} and only while the API key it was opened with still works. The session
 * remembers that key's digest, never the key: revoking the key (in any process sharing the database) or
 * changing the admin key ends its sessions at their next request. A restart signs everyone out, which is the
 * safe direction.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly keys: KeyDigestVerifier,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts a session for the key whose digest is `keyDigest`; returns its token and when it expires. */
  create(keyDigest: string): { token: string; expiresAt: Date } {
    this.prune();
    const token = randomBytes(32).toString('base64url');
    const expiresAt = this.now() + SESSION_TTL_MS;
    this.sessions.set(hash(token), { expiresAt, keyDigest });
    return { token, expiresAt: new Date(expiresAt) };
  }

  /** Whether `token` names a session that has not expired or been revoked, and whose key still works. */
  async verify(token: string): Promise<boolean> {
    const key = hash(token);
    const session = this.sessions.get(key);
    if (session === undefined) return false;
    if (session.expiresAt > this.now() && (await this.keys.verifyDigest(session.keyDigest))) return true;
    this.sessions.delete(key);
    return false;
  }

  /** Ends the session of `token` (sign-out); unknown tokens are ignored. */
  revoke(token: string): void {
    this.sessions.delete(hash(token));
  }

  private prune(): void {
    const now = this.now();
    for (const [key, session] of this.sessions) if (session.expiresAt <= now) this.sessions.delete(key);
  }
}
