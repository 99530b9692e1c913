import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';

/** A step of a long call, reported to the MCP client as a progress notification. */
export interface McpProgress {
  /** Events seen so far; grows with every report. */
  progress: number;
  /** What just happened, e.g. `tool.call http_get`. */
  message: string;
}

/** How one tool call runs. */
export interface McpCallOptions {
  /** Aborted when the MCP client cancels the request; the backend then cancels the run. */
  signal: AbortSignal;
  /** Receives progress while the run goes on. */
  onProgress(progress: McpProgress): void;
}

/**
 * What Agentry offers over MCP, independent of the transport: the in-process server (`/mcp`) reads the core
 * directly, `agentry mcp` (stdio) goes through the REST API. Both answer with the same tools.
 */
export interface McpToolBackend {
  /** The tools: `run_agent_<name>` per agent and `run_workflow_<name>` per enabled workflow. */
  listTools(): Promise<Tool[]>;
  /**
   * Runs the agent or workflow behind `name` and answers with its output. A failed or cancelled run, or
   * bad arguments, is an `isError` result the model can act on; an unknown tool throws `McpError`.
   */
  callTool(name: string, args: Record<string, unknown>, options: McpCallOptions): Promise<CallToolResult>;
}
