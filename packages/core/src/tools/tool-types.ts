import type { Logger } from '../logging/logger';

/** A JSON Schema object (draft 2020-12, compiled by ajv); typebox schemas are JSON Schema. */
export type JsonSchema = object;

/**
 * Behaviour hints, named as in the Model Context Protocol, so tools can be exposed over MCP unchanged.
 * Hints inform the model and the user; they are not enforced.
 */
export interface ToolAnnotations {
  /** Display title. */
  title?: string;
  /** The tool does not change anything outside Agentry. */
  readOnlyHint?: boolean;
  /** The tool may change or delete things outside Agentry (sends mail, deletes files). */
  destructiveHint?: boolean;
  /** Calling it again with the same arguments has no further effect. */
  idempotentHint?: boolean;
  /** The tool talks to the open world (the internet, other people's servers). */
  openWorldHint?: boolean;
}

/** Who is calling a tool: the agent and/or workflow, and the run. */
export interface ToolScope {
  /** Calling agent's name, if any. */
  agent?: string;
  /** Calling workflow's name, if any. */
  workflow?: string;
  /** Workflow step id, when called from a workflow step. */
  step?: string;
  /** Run id, when called inside a run. */
  runId?: string;
}

/** What a tool receives besides its parameters. */
export interface ToolContext<Config = Record<string, unknown>> {
  /** The resolved configuration for this call (precedence step > workflow > agent > tool default), secrets decrypted. */
  config: Config;
  /** Aborted when the call times out or the run is cancelled; pass it to every I/O call. */
  signal: AbortSignal;
  /** Logger bound to the tool and scope; secret values are masked before they are written. */
  logger: Logger;
  /** The caller. */
  scope: ToolScope;
}
