/**
 * @packageDocumentation
 * `@agentry/server`: the Agentry REST API (Koa) and the `agentry` command line.
 */
export { type AgentryServer, createServer } from './app';
export { type AnyRoute, defineRoute, type Route, type RouteInput, type RouteResult } from './http/route';
export { listen, type RunningServer } from './listen';
export { PortInUseError } from './port-in-use-error';
