import { type Logger, silentLogger } from '../logging/logger';
import type { ToolContext, ToolScope } from '../tools/tool-types';

/** Options of {@link createToolContext}; everything has a harmless default. */
export interface CreateToolContextOptions<Config> {
  /** Resolved tool configuration; default `{}`. */
  config?: Config;
  /** Calling agent/workflow/run; default `{}`. */
  scope?: ToolScope;
  /** Abort signal; default a signal that never aborts. */
  signal?: AbortSignal;
  /** Logger; default {@link silentLogger}. */
  logger?: Logger;
}

/**
 * Builds a {@link ToolContext} for calling a tool's `execute` directly in a unit test.
 *
 * @example
 * const result = await new HttpGetTool().execute({ url }, createToolContext({ config: { timeoutMs: 1000 } }));
 */
export function createToolContext<Config = Record<string, unknown>>(
  options: CreateToolContextOptions<Config> = {},
): ToolContext<Config> {
  return {
    config: options.config ?? ({} as Config),
    scope: options.scope ?? {},
    signal: options.signal ?? new AbortController().signal,
    logger: options.logger ?? silentLogger,
  };
}
