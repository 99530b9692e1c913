import type { Database } from './database';
import {
  AgentRepository,
  ApiKeyRepository,
  ApprovalRepository,
  McpServerRepository,
  MemoryRepository,
  RunRepository,
  RunStepRepository,
  ScheduleFiringRepository,
  ScheduleRepository,
  SecretKeyCheckRepository,
  SettingsRepository,
  ToolConfigRepository,
  ToolRepository,
  TriggerFiringRepository,
  TriggerMailboxRepository,
  TriggerRepository,
  WorkflowRepository,
} from './repositories/index';

/** One instance of every repository over the same database. */
export interface Repositories {
  agents: AgentRepository;
  apiKeys: ApiKeyRepository;
  approvals: ApprovalRepository;
  mcpServers: McpServerRepository;
  memory: MemoryRepository;
  runs: RunRepository;
  runSteps: RunStepRepository;
  scheduleFirings: ScheduleFiringRepository;
  schedules: ScheduleRepository;
  secretKeyCheck: SecretKeyCheckRepository;
  settings: SettingsRepository;
  toolConfigs: ToolConfigRepository;
  tools: ToolRepository;
  triggerFirings: TriggerFiringRepository;
  triggerMailboxes: TriggerMailboxRepository;
  triggers: TriggerRepository;
  workflows: WorkflowRepository;
}

/**
 * Creates every repository over `db`. `runOwnerId` is this process's owner id, recorded on the runs it
 * creates or takes over (see `RunOwnerLock`); without it runs have no owner.
 */
export function createRepositories(db: Database, runOwnerId: string | null = null): Repositories {
  return {
    agents: new AgentRepository(db),
    apiKeys: new ApiKeyRepository(db),
    approvals: new ApprovalRepository(db),
    mcpServers: new McpServerRepository(db),
    memory: new MemoryRepository(db),
    runs: new RunRepository(db, runOwnerId),
    runSteps: new RunStepRepository(db),
    scheduleFirings: new ScheduleFiringRepository(db),
    schedules: new ScheduleRepository(db),
    secretKeyCheck: new SecretKeyCheckRepository(db),
    settings: new SettingsRepository(db),
    toolConfigs: new ToolConfigRepository(db),
    tools: new ToolRepository(db),
    triggerFirings: new TriggerFiringRepository(db),
    triggerMailboxes: new TriggerMailboxRepository(db),
    triggers: new TriggerRepository(db),
    workflows: new WorkflowRepository(db),
  };
}
