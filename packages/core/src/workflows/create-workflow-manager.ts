import type { ConfigManager } from '../config/config-manager';
import type { OllamaClient } from '../llm/ollama-client';
import type { Logger } from '../logging/logger';
import type { RunManager } from '../runs/index';
import type { Repositories } from '../storage/repositories';
import type { ToolManager } from '../tools/tool-manager';
import { WorkflowDrafter } from './drafting/index';
import { RepositoryCatalog } from './repository-catalog';
import { WorkflowManager } from './workflow-manager';
import type { WorkflowAgentRunner } from './workflow-ports';

/** What {@link createWorkflowManager} wires together. */
export interface WorkflowServices {
  repositories: Repositories;
  runs: RunManager;
  tools: ToolManager;
  ollama: OllamaClient;
  config: ConfigManager;
  logger: Logger;
  /** The agent runtime; called when an agent step runs (it may be built after the workflow manager). */
  agents: () => WorkflowAgentRunner;
}

/** Builds `agentry.workflows` over the stored agents and tools, the tool manager and the model. */
export function createWorkflowManager(services: WorkflowServices): WorkflowManager {
  const { repositories, tools, config } = services;
  const catalog = new RepositoryCatalog(repositories, (tool, parameters) =>
    tools.validateParameters(tool, parameters),
  );
  return new WorkflowManager({
    repositories,
    runs: services.runs,
    catalog,
    drafter: new WorkflowDrafter(services.ollama, catalog, {
      contextTokens: () => config.settings.ollama.contextTokens,
      approvalDefaultPolicy: () => config.settings.approvals.defaultPolicy,
    }),
    agents: services.agents,
    tools: () => tools,
    approvalSettings: () => config.settings.approvals,
    logger: services.logger.child({ component: 'workflows' }),
  });
}
