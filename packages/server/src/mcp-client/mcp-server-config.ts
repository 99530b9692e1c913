/** How to start a local MCP server (stdio). */
export interface McpStdioTransport {
  /** Program to run, e.g. `npx` or `node`. */
  command: string;
  /** Its arguments. */
  args?: string[];
  /** Extra environment variables (added to a minimal safe environment, as the SDK does). */
  env?: Record<string, string>;
  /** Working directory. */
  cwd?: string;
}

/** How to reach a remote MCP server (Streamable HTTP). */
export interface McpHttpTransport {
  /** Endpoint, e.g. `https://example.com/mcp`. */
  url: string;
  /** Headers sent with every request (e.g. `Authorization`). */
  headers?: Record<string, string>;
  /**
   * URL prefixes reached whatever their address (the setting `mcp.allowedUrls`). Any other `url` is
   * reached only at public addresses, checked on every connection (see `mcpAddressCheck`).
   */
  allowedUrls?: readonly string[];
}

/** An MCP server whose tools Agentry offers to its agents. */
export interface McpServerConfig {
  /** Short name, `[A-Za-z0-9_-]`; prefixes its tools' names (`<name>_<tool>`). */
  name: string;
  /** Stdio or Streamable HTTP. */
  transport: McpStdioTransport | McpHttpTransport;
  /** Longest wait for the server to answer `initialize` and `tools/list` (default 10 000 ms). */
  connectTimeoutMs?: number;
  /** Time limit of one tool call (default: the host's `tools.timeoutMs`). */
  callTimeoutMs?: number;
  /**
   * How long a connection made for an agent's `env`/`headers` override (its tool config) may stay unused
   * before it is closed, its stdio process ended (default 300 000 ms).
   */
  overrideIdleMs?: number;
  /** Called when the server announces that its tool list changed (`notifications/tools/list_changed`). */
  onToolsChanged?: () => void;
}
