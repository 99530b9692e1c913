import { initialSchema } from './0001-initial-schema';
import { pluginSources } from './0002-plugin-sources';
import { runToolCounts } from './0004-run-tool-counts';
import { runOwners } from './0005-run-owners';
import { agentOutputSchema } from './0006-agent-output-schema';
import { triggers } from './0009-triggers';
import { approvals } from './0010-approvals';
import { runParents } from './0011-run-parents';
import { triggerMailboxes } from './0012-trigger-mailboxes';
import { mcpServers } from './0013-mcp-servers';
import { workflowApproval } from './0014-workflow-approval';
import type { Migration } from './migration';

/**
 * Every migration, oldest first. To change the schema: add `NNNN-what-changes.ts` exporting a
 * {@link Migration} and append it here. Never edit or reorder a released migration.
 */
export const migrations: readonly Migration[] = [
  initialSchema,
  pluginSources,
  runToolCounts,
  runOwners,
  agentOutputSchema,
  triggers,
  approvals,
  runParents,
  triggerMailboxes,
  mcpServers,
  workflowApproval,
];

export { columnsFor, type Migration } from './migration';
