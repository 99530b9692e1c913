import type { Command } from 'commander';
import { registerAgentCommands } from './agents-command';
import { registerApprovalCommands } from './approvals-command';
import { registerRunCommands } from './runs-command';
import { registerScheduleCommands } from './schedules-command';
import { registerToolCommands } from './tools-command';
import { registerWorkflowCommands } from './workflows-command';

/**
 * Registers the commands that talk to a running server over REST (`--url`/AGENTRY_URL,
 * `--api-key`/AGENTRY_API_KEY): agents, workflows, runs, schedules, approvals, tools and plugins.
 */
export function registerRemoteCommands(program: Command): void {
  registerAgentCommands(program);
  registerWorkflowCommands(program);
  registerRunCommands(program);
  registerScheduleCommands(program);
  registerApprovalCommands(program);
  registerToolCommands(program);
}
