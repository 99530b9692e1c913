/**
 * @packageDocumentation
 * `@agentry/server`: the Agentry REST API (Koa) and the `agentry` command line.
 */
export { type AgentryServer, createServer } from './app';
export { type AnyRoute, defineRoute, type Route, type RouteInput, type RouteResult } from './http/route';
export { listen, type RunningServer } from './listen';
export type { McpHttpTransport, McpServerConfig, McpStdioTransport } from './mcp-client/mcp-server-config';
export { mcpToolPlugin } from './mcp-client/mcp-tool-plugin';
export { PortInUseError } from './port-in-use-error';
