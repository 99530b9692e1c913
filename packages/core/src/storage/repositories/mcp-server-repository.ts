import type { Knex } from 'knex';
import type { Page } from '../../models/page';
import type { Database } from '../database';
import type { ListOptions } from '../pagination';
import { nowIso } from '../queryable';
import { NamedRepository } from './named-repository';

/**
 * How an MCP server is reached, as stored: everything but secret values. `envKeys` and `headerKeys` name
 * the stdio environment variables and HTTP headers whose values are in {@link StoredMcpServer.secrets}.
 */
export type McpTransportRecord =
  | { type: 'stdio'; command: string; args?: string[]; cwd?: string; envKeys: string[] }
  | { type: 'http'; url: string; headerKeys: string[] };

/** An MCP server as stored in table `mcp_servers`. */
export interface StoredMcpServer {
  /** Unique name; prefixes its tools' names. */
  name: string;
  /** How to reach it, without secret values. */
  transport: McpTransportRecord;
  /** Its `env` values and `headers`, encrypted (a JSON object `{ env?, headers? }`); absent when none. */
  secrets?: string;
  /** Whether it is connected and its tools offered. */
  enabled: boolean;
  /** Time limit for connecting and for one tool call, in seconds; absent: the defaults. */
  timeoutSeconds?: number;
  createdAt: string;
  updatedAt: string;
}

/** Fields of a stored MCP server that may change; `null` removes an optional field. */
export type McpServerChanges = {
  [Field in keyof Omit<StoredMcpServer, 'name' | 'createdAt' | 'updatedAt'>]?: StoredMcpServer[Field] | null;
};

/** Stores MCP servers (table `mcp_servers`), by name; secrets are stored as the caller encrypted them. */
export class McpServerRepository extends NamedRepository<StoredMcpServer> {
  /** Creates the repository over `db`. */
  constructor(db: Database) {
    super(db, 'mcp_servers', 'MCP server', {
      name: 'text',
      transport: 'json',
      secrets: 'text?',
      enabled: 'boolean',
      timeoutSeconds: 'integer?',
      createdAt: 'timestamp',
      updatedAt: 'timestamp',
    });
  }

  /** Stores a new server. Throws `ConflictError('ALREADY_EXISTS')` when the name is taken. */
  create(
    record: Omit<StoredMcpServer, 'createdAt' | 'updatedAt'>,
    trx?: Knex.Transaction,
  ): Promise<StoredMcpServer> {
    const now = nowIso();
    return this.insert({ ...record, createdAt: now, updatedAt: now }, trx);
  }

  /** One page of servers in name order, optionally only the enabled (or disabled) ones. */
  list(
    filter: { enabled?: boolean } = {},
    options: ListOptions = {},
    trx?: Knex.Transaction,
  ): Promise<Page<StoredMcpServer>> {
    return this.listWhere(filter, options, trx);
  }

  /** Changes the given fields; throws `NotFoundError` when the server does not exist. */
  update(name: string, changes: McpServerChanges, trx?: Knex.Transaction): Promise<StoredMcpServer> {
    return this.patch(name, changes, trx);
  }
}
