import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ConfigManager } from '../config/config-manager';
import type { ApiKey, ApiKeyCreated } from '../models/api-key';
import type { Page } from '../models/page';
import type { ListOptions } from '../storage/pagination';
import type { ApiKeyRepository } from '../storage/repositories/api-key-repository';

const keyPrefix = 'agk_';

/** A stored key's last use is written at most this often (per key and process), in ms. */
const TOUCH_INTERVAL_MS = 60_000;
/** How long "some stored key is active" is trusted before asking the database again, in ms. */
const ACTIVE_KEYS_TTL_MS = 5_000;

/**
 * Issues and checks API keys. Keys are random (`agk_` + 32 bytes, base64url), shown once at creation and
 * stored only as a SHA-256 hash. The admin key from settings (`AGENTRY_API_KEY`) is compared in constant
 * time. Keys can be created, listed and revoked from the CLI and over REST (`/api/v1/keys`).
 */
export class ApiKeyService {
  private admin: { key: string; digest: Buffer } | undefined;
  private readonly touchedAt = new Map<string, number>();
  private activeKeysUntil = 0;

  /** Creates the service over the key repository and the settings (for the admin key). */
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly config: ConfigManager,
  ) {}

  /** Creates a key called `name`; the answer carries the key in clear, this once. */
  async create(name: string): Promise<ApiKeyCreated> {
    const key = keyPrefix + randomBytes(32).toString('base64url');
    const stored = await this.keys.create({ name, prefix: key.slice(0, 10), hash: keyDigest(key) });
    return { ...stored, key };
  }

  /** One page of keys, oldest first (never their values), for the REST list. */
  async page(options: ListOptions = {}): Promise<Page<ApiKey>> {
    return this.keys.list(options);
  }

  /** Every key, oldest first (never their values). */
  async list(): Promise<ApiKey[]> {
    const all: ApiKey[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.keys.list({ limit: 200, cursor });
      all.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return all;
  }

  /** Revokes the key with `id`; it stops working at once, in every process sharing the database. */
  async revoke(id: string): Promise<ApiKey> {
    this.activeKeysUntil = 0;
    return this.keys.revoke(id);
  }

  /**
   * Whether any key can authenticate: the admin key, or an active stored key. A "yes" from the database
   * is trusted for 5 s; a "no" is never cached, so a key created by another process (the CLI) closes
   * an open server at its next request.
   */
  async anyKeyConfigured(): Promise<boolean> {
    if (this.config.settings.security.apiKey !== undefined) return true;
    if (Date.now() < this.activeKeysUntil) return true;
    const active = await this.keys.hasActive();
    if (active) this.activeKeysUntil = Date.now() + ACTIVE_KEYS_TTL_MS;
    return active;
  }

  /**
   * Whether `key` is the admin key or an active stored key. A stored key is looked up by its hash on
   * every request (revocation works at once); its `lastUsedAt` is written at most once a minute.
   */
  async verify(key: string): Promise<boolean> {
    return (await this.identify(key)) !== undefined;
  }

  /**
   * The name of `key` when it is valid (see {@link verify}): `admin` for the admin key, else the stored
   * key's name; undefined when it is not valid. Recorded as who decided an approval.
   */
  async identify(key: string): Promise<string | undefined> {
    const digest = keyDigest(key);
    if (this.isAdminDigest(digest)) return 'admin';
    if (!key.startsWith(keyPrefix)) return undefined;
    return this.identifyDigest(digest);
  }

  /**
   * Whether the key whose SHA-256 (hex, from {@link keyDigest}) is `digest` still authenticates: the
   * current admin key, or a stored key not revoked. Lets a console session hold its key's digest, never
   * the key, and end as soon as that key is revoked or the admin key is changed.
   */
  async verifyDigest(digest: string): Promise<boolean> {
    return (await this.identifyDigest(digest)) !== undefined;
  }

  /**
   * The name of the key whose SHA-256 (hex) is `digest` (`admin` for the admin key), or undefined when it
   * does not authenticate; a stored key's `lastUsedAt` is written at most once a minute.
   */
  async identifyDigest(digest: string): Promise<string | undefined> {
    if (this.isAdminDigest(digest)) return 'admin';
    const stored = await this.keys.findByHash(digest);
    if (!stored || stored.revokedAt !== null) return undefined;
    const now = Date.now();
    if (now - (this.touchedAt.get(stored.id) ?? Number.NEGATIVE_INFINITY) >= TOUCH_INTERVAL_MS) {
      this.touchedAt.set(stored.id, now);
      await this.keys.touch(stored.id);
    }
    return stored.name;
  }

  /** Whether `digest` is the admin key's, compared in constant time. */
  private isAdminDigest(digest: string): boolean {
    const admin = this.adminDigest();
    const candidate = Buffer.from(digest, 'hex');
    return admin !== undefined && candidate.length === admin.length && timingSafeEqual(candidate, admin);
  }

  /** SHA-256 of the admin key, computed again only when the setting changes. */
  private adminDigest(): Buffer | undefined {
    const key = this.config.settings.security.apiKey;
    if (key === undefined) return undefined;
    if (this.admin?.key !== key) this.admin = { key, digest: createHash('sha256').update(key).digest() };
    return this.admin.digest;
  }
}

/** The SHA-256 of an API key, hex-encoded: how keys are stored and how sessions remember theirs. */
export function keyDigest(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
