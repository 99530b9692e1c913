import type { Knex } from 'knex';
import type { Page } from '../../models/page';
import type { ToolRegistration, ToolUpdate } from '../../models/tool-registration';
import type { Database } from '../database';
import type { ListOptions } from '../pagination';
import { nowIso, queryable } from '../queryable';
import { NamedRepository } from './named-repository';

/** What a plugin declares about a tool; the operator's settings (enabled, override, timeout) are kept apart. */
export type ToolDeclaration = Pick<
  ToolRegistration,
  'name' | 'plugin' | 'pluginVersion' | 'description' | 'inputSchema' | 'configSchema' | 'annotations'
>;

/** Filters of {@link ToolRepository.list}. */
export interface ToolFilter {
  /** Only tools that are (not) enabled. */
  enabled?: boolean;
  /** Only tools whose plugin is (not) loaded. */
  available?: boolean;
  /** Only tools of this plugin package. */
  plugin?: string;
}

const declaredColumns = [
  'plugin',
  'plugin_version',
  'description',
  'input_schema',
  'config_schema',
  'annotations',
  'available',
  'updated_at',
];

/** Stores registered tools (table `tools`). */
export class ToolRepository extends NamedRepository<ToolRegistration> {
  /** Creates the repository over `db`. */
  constructor(db: Database) {
    super(db, 'tools', 'tool', {
      name: 'text',
      plugin: 'text',
      pluginVersion: 'text',
      description: 'text',
      descriptionOverride: 'text',
      inputSchema: 'json',
      configSchema: 'json',
      annotations: 'json',
      enabled: 'boolean',
      available: 'boolean',
      timeoutMs: 'integer',
      createdAt: 'timestamp',
      updatedAt: 'timestamp',
    });
  }

  /**
   * Records a tool a plugin provides: inserts it (enabled, no override, default timeout) or refreshes the
   * plugin's fields of an existing row and marks it available, keeping the operator's settings.
   */
  async register(declaration: ToolDeclaration, trx?: Knex.Transaction): Promise<ToolRegistration> {
    const now = nowIso();
    const row = this.codec.toRow({
      ...declaration,
      descriptionOverride: null,
      enabled: true,
      available: true,
      timeoutMs: null,
      createdAt: now,
      updatedAt: now,
    });
    const [stored] = await queryable(
      this.db,
      trx,
    )('tools')
      .insert(row)
      .onConflict('name')
      .merge(declaredColumns)
      .returning('*');
    this.recent.forget(declaration.name);
    return this.codec.fromRow(stored);
  }

  /** Marks every tool not in `names` unavailable (its plugin is gone). Returns how many changed. */
  async markUnavailableExcept(names: readonly string[], trx?: Knex.Transaction): Promise<number> {
    const changed = await queryable(
      this.db,
      trx,
    )('tools')
      .whereNotIn('name', [...names])
      .andWhere('available', this.codec.encode('available', true))
      .update(this.codec.toRow({ available: false, updatedAt: nowIso() }));
    this.recent.clear();
    return changed;
  }

  /** One page of tools in name order. */
  list(
    filter: ToolFilter = {},
    options: ListOptions = {},
    trx?: Knex.Transaction,
  ): Promise<Page<ToolRegistration>> {
    return this.listWhere(filter, options, trx);
  }

  /** Changes the operator's settings of a tool; throws `NotFoundError` when it does not exist. */
  update(name: string, changes: ToolUpdate, trx?: Knex.Transaction): Promise<ToolRegistration> {
    return this.patch(name, changes, trx);
  }
}
