import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ConfigManager } from '../config/config-manager';
import type { ApiKey, ApiKeyCreated } from '../models/api-key';
import type { ApiKeyRepository } from '../storage/repositories/api-key-repository';

const keyPrefix = 'agk_';

/**
 * Issues and checks API keys. Keys are random (`agk_` + 32 bytes, base64url), shown once at creation and
 * stored only as a SHA-256 hash. The admin key from settings (`AGENTRY_API_KEY`) is compared in constant
 * time. Keys can be created, listed and revoked from the CLI.
 */
export class ApiKeyService {
  /** Creates the service over the key repository and the settings (for the admin key). */
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly config: ConfigManager,
  ) {}

  /** Creates a key called `name`; the answer carries the key in clear, this once. */
  async create(name: string): Promise<ApiKeyCreated> {
    const key = keyPrefix + randomBytes(32).toString('base64url');
    const stored = await this.keys.create({ name, prefix: key.slice(0, 10), hash: hashKey(key) });
    return { ...stored, key };
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

  /** Revokes the key with `id`; it stops working at once. */
  async revoke(id: string): Promise<ApiKey> {
    return this.keys.revoke(id);
  }

  /** Whether any key can authenticate: the admin key, or an active stored key. */
  async anyKeyConfigured(): Promise<boolean> {
    return this.config.settings.security.apiKey !== undefined || (await this.keys.hasActive());
  }

  /** Whether `key` is the admin key or an active stored key; records the use of a stored key. */
  async verify(key: string): Promise<boolean> {
    const digest = createHash('sha256').update(key).digest();
    const admin = this.config.settings.security.apiKey;
    if (admin !== undefined && timingSafeEqual(digest, createHash('sha256').update(admin).digest()))
      return true;
    if (!key.startsWith(keyPrefix)) return false;
    const stored = await this.keys.findByHash(digest.toString('hex'));
    if (!stored || stored.revokedAt !== null) return false;
    await this.keys.touch(stored.id);
    return true;
  }
}

function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
