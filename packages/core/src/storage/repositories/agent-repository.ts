import type { Knex } from 'knex';
import type { AgentCreate, AgentDefinition, AgentUpdate } from '../../models/agent-definition';
import type { Page } from '../../models/page';
import type { Database } from '../database';
import type { ListOptions } from '../pagination';
import { nowIso } from '../queryable';
import { NamedRepository } from './named-repository';

/** Stores agent definitions (table `agents`). */
export class AgentRepository extends NamedRepository<AgentDefinition> {
  /** Creates the repository over `db`. */
  constructor(db: Database) {
    super(db, 'agents', 'agent', {
      name: 'text',
      description: 'text?',
      role: 'text',
      goals: 'json',
      backstory: 'text',
      tools: 'json',
      model: 'text?',
      maxIterations: 'integer?',
      memoryTurns: 'integer?',
      outputSchema: 'json?',
      approval: 'json?',
      delegates: 'json?',
      createdAt: 'timestamp',
      updatedAt: 'timestamp',
    });
  }

  /** Stores a new agent. Throws `ConflictError('ALREADY_EXISTS')` when the name is taken. */
  create(input: AgentCreate, trx?: Knex.Transaction): Promise<AgentDefinition> {
    const now = nowIso();
    return this.insert({ ...input, createdAt: now, updatedAt: now }, trx);
  }

  /** One page of agents in name order. */
  list(options: ListOptions = {}, trx?: Knex.Transaction): Promise<Page<AgentDefinition>> {
    return this.listWhere({}, options, trx);
  }

  /** Changes the given fields; throws `NotFoundError` when the agent does not exist. */
  update(name: string, changes: AgentUpdate, trx?: Knex.Transaction): Promise<AgentDefinition> {
    return this.patch(name, changes, trx);
  }
}
