export { AgentRepository } from './agent-repository';
export { type ApiKeyRecord, ApiKeyRepository } from './api-key-repository';
export {
  type ApprovalDecisionChanges,
  type ApprovalFilter,
  type ApprovalRecord,
  ApprovalRepository,
} from './approval-repository';
export {
  type McpServerChanges,
  McpServerRepository,
  type McpTransportRecord,
  type StoredMcpServer,
} from './mcp-server-repository';
export { type MemoryFilter, MemoryRepository } from './memory-repository';
export { NamedRepository, type NamedResource } from './named-repository';
export { RunClaims } from './run-claims';
export { type RunChanges, type RunCreate, type RunFilter, RunRepository } from './run-repository';
export { type RunStepChanges, type RunStepCreate, RunStepRepository } from './run-step-repository';
export {
  type ClaimRequest,
  type FiringChanges,
  ScheduleFiringRepository,
} from './schedule-firing-repository';
export {
  type ScheduleChanges,
  type ScheduleFilter,
  type ScheduleRecord,
  ScheduleRepository,
} from './schedule-repository';
export { type SecretKeyCheck, SecretKeyCheckRepository } from './secret-key-check-repository';
export { type SettingRecord, SettingsRepository } from './settings-repository';
export {
  type ToolConfigFilter,
  type ToolConfigKey,
  ToolConfigRepository,
} from './tool-config-repository';
export { type ToolDeclaration, type ToolFilter, ToolRepository } from './tool-repository';
export {
  type RecordedEvent,
  type TriggerClaim,
  type TriggerFiringChanges,
  TriggerFiringRepository,
} from './trigger-firing-repository';
export {
  type HealthChange,
  type TriggerMailbox,
  TriggerMailboxRepository,
} from './trigger-mailbox-repository';
export { type StoredTrigger, type TriggerChanges, TriggerRepository } from './trigger-repository';
export { type WorkflowFilter, type WorkflowRecord, WorkflowRepository } from './workflow-repository';
