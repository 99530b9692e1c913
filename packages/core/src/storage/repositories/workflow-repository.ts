import type { Knex } from 'knex';
import type { Page } from '../../models/page';
import type { WorkflowDefinition } from '../../models/workflow-definition';
import type { Database } from '../database';
import type { ListOptions } from '../pagination';
import { nowIso } from '../queryable';
import { NamedRepository } from './named-repository';

/** A workflow to store: everything but the timestamps. */
export type WorkflowRecord = Omit<WorkflowDefinition, 'createdAt' | 'updatedAt'>;

/** Filters of {@link WorkflowRepository.list}. */
export interface WorkflowFilter {
  /** Only enabled (true) or disabled (false) workflows. */
  enabled?: boolean;
}

/** Stores workflow definitions (table `workflows`). */
export class WorkflowRepository extends NamedRepository<WorkflowDefinition> {
  /** Creates the repository over `db`. */
  constructor(db: Database) {
    super(db, 'workflows', 'workflow', {
      name: 'text',
      description: 'text',
      enabled: 'boolean',
      inputs: 'json?',
      approval: 'json?',
      steps: 'json',
      generated: 'boolean',
      createdAt: 'timestamp',
      updatedAt: 'timestamp',
    });
  }

  /** Stores a new workflow. Throws `ConflictError('ALREADY_EXISTS')` when the name is taken. */
  create(record: WorkflowRecord, trx?: Knex.Transaction): Promise<WorkflowDefinition> {
    const now = nowIso();
    return this.insert({ ...record, createdAt: now, updatedAt: now }, trx);
  }

  /** One page of workflows in name order. */
  list(
    filter: WorkflowFilter = {},
    options: ListOptions = {},
    trx?: Knex.Transaction,
  ): Promise<Page<WorkflowDefinition>> {
    return this.listWhere(filter, options, trx);
  }

  /** Changes the given fields; throws `NotFoundError` when the workflow does not exist. */
  update(
    name: string,
    changes: Partial<Omit<WorkflowRecord, 'name' | 'approval'>> & {
      approval?: WorkflowRecord['approval'] | null;
    },
    trx?: Knex.Transaction,
  ): Promise<WorkflowDefinition> {
    return this.patch(name, changes, trx);
  }
}
