import type { Settings } from '../config/settings-schema';
import type { OllamaClient } from '../llm/ollama-client';
import type { Logger } from '../logging/logger';
import type { MemoryManager } from '../memory/memory-manager';
import type { AgentDefinition } from '../models/agent-definition';
import type { AgentApproval } from '../models/approval';
import type { Run } from '../models/run';
import type { RunManager } from '../runs/index';
import type { ApprovalRecord, ApprovalRepository } from '../storage/repositories/approval-repository';
import type { AgentToolbox } from './agent-toolbox';

/** What an agent run needs from the rest of Agentry. */
export interface AgentRunServices {
  /** The model. */
  ollama: OllamaClient;
  /** Run records and events. */
  runs: RunManager;
  /** Long-term memory. */
  memory: MemoryManager;
  /** Tool descriptions and execution. */
  tools: AgentToolbox;
  /** The settings in force. */
  settings(): Settings;
  /** Logger. */
  logger: Logger;
  /** Approvals of tool calls that wait for a person. */
  approvals: ApprovalRepository;
}

/** One run of one agent: the task, the caller's context and where its tool configs come from. */
export interface AgentRunPlan {
  /** The agent. */
  agent: AgentDefinition;
  /** The queued run. */
  run: Run;
  /** What to do. */
  task: string;
  /** Extra information for the task. */
  context?: string | Record<string, unknown>;
  /** JSON Schema the final answer must follow (the request's, else the agent's), if any. */
  outputSchema?: Record<string, unknown>;
  /** Workflow and step scope, so a workflow's tool configs override the agent's. */
  toolScope?: {
    workflow?: string;
    step?: string;
    stepConfigs?: Record<string, Record<string, unknown>>;
    approvalOverrides?: AgentApproval[];
  };
  /** An outside signal that also cancels the run. */
  signal?: AbortSignal;
  /** A decided approval of this run: the run was taken back from `waiting_approval` and goes on from it. */
  resume?: ApprovalRecord;
}
