import type { Knex } from 'knex';
import { NotFoundError } from '../../errors/index';
import type { Page } from '../../models/page';
import type { ToolConfig, ToolConfigScope } from '../../models/tool-config';
import type { Database } from '../database';
import { decodeCursor, type ListOptions, pageLimit, toPage } from '../pagination';
import { nowIso, queryable } from '../queryable';
import { RecentReads } from '../recent-reads';
import { RowCodec } from '../row-codec';

/** Filters of {@link ToolConfigRepository.list}. */
export interface ToolConfigFilter {
  /** Only configurations of this tool. */
  tool?: string;
  /** Only this scope. */
  scope?: ToolConfigScope;
  /** Only this agent or workflow name ('' for tool defaults). */
  scopeName?: string;
}

/** The key of one configuration. */
export type ToolConfigKey = Pick<ToolConfig, 'tool' | 'scope' | 'scopeName'>;

/**
 * Stores tool configurations (table `tool_configs`, one row per tool + scope + scope name). It stores the
 * config as given: encrypt secret fields first (`SecretBox.encryptFields`).
 */
export class ToolConfigRepository {
  private readonly codec: RowCodec<ToolConfig>;
  /** Configurations read recently by tool, for {@link listForToolCached}; forgotten on every write here. */
  private readonly recent = new RecentReads<ToolConfig[]>();

  /** Creates the repository over `db`. */
  constructor(private readonly db: Database) {
    this.codec = new RowCodec<ToolConfig>(
      { tool: 'text', scope: 'text', scopeName: 'text', config: 'json', updatedAt: 'timestamp' },
      db.dialect,
    );
  }

  /** Creates or replaces the configuration at `key`. */
  async set(
    key: ToolConfigKey,
    config: Record<string, unknown>,
    trx?: Knex.Transaction,
  ): Promise<ToolConfig> {
    const row = this.codec.toRow({ ...key, config, updatedAt: nowIso() });
    const [stored] = await queryable(
      this.db,
      trx,
    )('tool_configs')
      .insert(row)
      .onConflict(['tool', 'scope', 'scope_name'])
      .merge(['config', 'updated_at'])
      .returning('*');
    this.recent.forget(key.tool);
    return this.codec.fromRow(stored);
  }

  /** The configuration at `key`, or undefined. */
  async find(key: ToolConfigKey, trx?: Knex.Transaction): Promise<ToolConfig | undefined> {
    const row = await queryable(this.db, trx)('tool_configs').where(this.codec.toRow(key)).first();
    return row === undefined ? undefined : this.codec.fromRow(row);
  }

  /** The configuration at `key`; throws {@link NotFoundError} when none is set. */
  async get(key: ToolConfigKey, trx?: Knex.Transaction): Promise<ToolConfig> {
    const found = await this.find(key, trx);
    if (found === undefined) throw new NotFoundError('tool config', describe(key));
    return found;
  }

  /** Every configuration of one tool (few rows: the default plus one per agent/workflow that sets one). */
  async listForTool(tool: string, trx?: Knex.Transaction): Promise<ToolConfig[]> {
    const rows = await queryable(
      this.db,
      trx,
    )('tool_configs')
      .where({ tool })
      .orderBy(['scope', 'scope_name']);
    return rows.map((row) => this.codec.fromRow(row));
  }

  /**
   * {@link listForTool}, possibly from a read made up to `RECENT_READ_TTL_MS` ago (this process's own
   * writes are always seen). For resolving a tool call's configuration; the rows are frozen.
   */
  async listForToolCached(tool: string): Promise<readonly ToolConfig[]> {
    return (await this.recent.read(tool, () => this.listForTool(tool))) ?? [];
  }

  /** One page of configurations ordered by tool, scope, scope name. */
  async list(
    filter: ToolConfigFilter = {},
    options: ListOptions = {},
    trx?: Knex.Transaction,
  ): Promise<Page<ToolConfig>> {
    const limit = pageLimit(options.limit);
    const query = queryable(
      this.db,
      trx,
    )('tool_configs')
      .where(this.codec.toRow(filter))
      .orderBy(['tool', 'scope', 'scope_name'])
      .limit(limit + 1);
    if (options.cursor) {
      query.whereRaw(
        '(tool, scope, scope_name) > (?, ?, ?)',
        decodeCursor(options.cursor, ['string', 'string', 'string']),
      );
    }
    const rows = await query;
    return toPage(
      rows.map((row) => this.codec.fromRow(row)),
      limit,
      (item) => [item.tool, item.scope, item.scopeName],
    );
  }

  /** Deletes the configuration at `key`; throws {@link NotFoundError} when none is set. */
  async delete(key: ToolConfigKey, trx?: Knex.Transaction): Promise<void> {
    const deleted = await queryable(this.db, trx)('tool_configs').where(this.codec.toRow(key)).delete();
    this.recent.forget(key.tool);
    if (deleted === 0) throw new NotFoundError('tool config', describe(key));
  }

  /** Deletes every configuration of `tool`; returns how many. */
  async deleteForTool(tool: string, trx?: Knex.Transaction): Promise<number> {
    const deleted = await queryable(this.db, trx)('tool_configs').where({ tool }).delete();
    this.recent.forget(tool);
    return deleted;
  }

  /** Deletes every configuration scoped to one agent or workflow; returns how many. */
  async deleteForScope(scope: ToolConfigScope, scopeName: string, trx?: Knex.Transaction): Promise<number> {
    const deleted = await queryable(
      this.db,
      trx,
    )('tool_configs')
      .where({ scope, scope_name: scopeName })
      .delete();
    this.recent.clear();
    return deleted;
  }

  /**
   * The key id of some encrypted value (`enc:v1:<keyId>:…`) in the stored configurations, or undefined
   * when none holds one. Used at start-up to recognise data encrypted with another key.
   */
  async encryptedKeyId(trx?: Knex.Transaction): Promise<string | undefined> {
    const column = this.db.dialect === 'postgres' ? 'config::text' : 'config';
    const row = await queryable(
      this.db,
      trx,
    )('tool_configs')
      .whereRaw(`${column} like ?`, ['%"enc:v1:%'])
      .first('config');
    if (row === undefined) return undefined;
    const text = typeof row.config === 'string' ? row.config : JSON.stringify(row.config);
    return /"enc:v1:([0-9a-f]+):/.exec(text)?.[1];
  }
}

function describe(key: ToolConfigKey): string {
  return key.scope === 'tool' ? key.tool : `${key.tool} (${key.scope} ${key.scopeName})`;
}
