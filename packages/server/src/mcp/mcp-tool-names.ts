import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';

/** Prefix of the MCP tool that runs an agent: `run_agent_<agent name>`. */
export const AGENT_TOOL_PREFIX = 'run_agent_';
/** Prefix of the MCP tool that runs a workflow: `run_workflow_<workflow name>`. */
export const WORKFLOW_TOOL_PREFIX = 'run_workflow_';

/** What an MCP tool name refers to. */
export type McpToolTarget = { kind: 'agent' | 'workflow'; name: string };

/**
 * The agent or workflow an MCP tool name refers to. Agentry names match `[A-Za-z0-9][A-Za-z0-9_.-]*`, so
 * the prefixed name is a valid MCP tool name as it is. Throws `McpError` (InvalidParams) for another name.
 */
export function parseToolName(tool: string): McpToolTarget {
  if (tool.startsWith(AGENT_TOOL_PREFIX) && tool.length > AGENT_TOOL_PREFIX.length) {
    return { kind: 'agent', name: tool.slice(AGENT_TOOL_PREFIX.length) };
  }
  if (tool.startsWith(WORKFLOW_TOOL_PREFIX) && tool.length > WORKFLOW_TOOL_PREFIX.length) {
    return { kind: 'workflow', name: tool.slice(WORKFLOW_TOOL_PREFIX.length) };
  }
  throw unknownTool(tool);
}

/** The MCP error for a tool name that names no agent or enabled workflow. */
export function unknownTool(tool: string): McpError {
  return new McpError(
    ErrorCode.InvalidParams,
    `Unknown tool '${tool}': tools are run_agent_<agent> and run_workflow_<workflow>; list them with tools/list.`,
  );
}
