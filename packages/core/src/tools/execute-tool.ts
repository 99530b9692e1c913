import type { Logger } from '../logging/logger';
import type { ToolRegistration } from '../models/tool-registration';
import { redact } from '../secrets/redact';
import { keptOutput } from './kept-output';
import type { LoadedTool } from './loaded-plugin';
import { maskedError, maskingLogger } from './masking-logger';
import type { ToolCall, ToolOutcome } from './tool-call';
import type { ResolvedConfig } from './tool-config-service';
import { ToolError } from './tool-error';
import { capText, errorText, maskSecrets, outputText } from './tool-output';

/** What {@link executeTool} needs from the tool manager. */
export interface ExecuteToolDeps {
  /** The stored registration of a tool, if any. */
  registration(name: string): Promise<ToolRegistration | undefined>;
  /** The loaded tool, if its plugin is loaded. */
  loaded(name: string): LoadedTool | undefined;
  /** Names of the loaded tools (for TOOL_NOT_FOUND when the caller has no allowlist). */
  knownTools(): string[];
  /** The merged, decrypted configuration for the call. */
  resolveConfig(tool: LoadedTool, call: ToolCall): Promise<ResolvedConfig>;
  /** The host default time limit (setting `tools.timeoutMs`). */
  defaultTimeoutMs(): number;
  /** The most output kept in the run or returned, in bytes (setting `tools.maxOutputBytes`). */
  maxOutputBytes(): number;
  /** The most characters of output the model sees (setting `tools.maxModelOutputChars`). */
  maxModelOutputChars(): number;
  /** Logger for call failures. */
  logger: Logger;
}

/** Runs one tool call through every check; any problem becomes a `ToolError` in the outcome. */
export async function executeTool(deps: ExecuteToolDeps, call: ToolCall): Promise<ToolOutcome> {
  const started = performance.now();
  let secrets: unknown[] = [];
  const finish = (result: { output: unknown } | { error: ToolError }): ToolOutcome => {
    const durationMs = Math.round(performance.now() - started);
    if ('error' in result) {
      const { text, truncated } = capText(errorText(result.error), deps.maxModelOutputChars());
      return { ok: false, tool: call.tool, error: result.error, text, truncated, durationMs };
    }
    const output = maskSecrets(result.output, secrets);
    // Masked again as text: JSON of class instances (not walked by maskSecrets) may hold a secret too.
    const { text, truncated } = capText(redact(outputText(output), secrets), deps.maxModelOutputChars());
    return { ok: true, tool: call.tool, output, text, truncated, durationMs };
  };
  try {
    const { loaded, registration } = await checkCallable(deps, call);
    const params = checkedParameters(loaded, call);
    const resolved = await checkedConfig(deps, loaded, call);
    secrets = resolved.secrets;
    const timeoutMs = registration.timeoutMs ?? loaded.tool.timeoutMs ?? deps.defaultTimeoutMs();
    const returned = await runWithLimits(deps, loaded, params, resolved, call, timeoutMs);
    return finish({ output: keptOutput(call.tool, returned, deps.maxOutputBytes()) });
  } catch (thrown) {
    const error = asToolError(call.tool, thrown, secrets);
    const logged = {
      tool: call.tool,
      scope: call.scope,
      code: error.code,
      err: maskedError(thrown, secrets),
    };
    if (error.code === 'TOOL_FAILED') deps.logger.error(logged, `Tool ${call.tool} failed: ${error.message}`);
    else deps.logger.info(logged, `Tool ${call.tool}: ${error.code}`);
    return finish({ error });
  }
}

async function checkCallable(deps: ExecuteToolDeps, call: ToolCall) {
  const name = call.tool;
  const registration = await deps.registration(name);
  const loaded = deps.loaded(name);
  if (!registration) {
    const known = call.allowedTools ? [...call.allowedTools] : deps.knownTools();
    throw new ToolError(
      'TOOL_NOT_FOUND',
      name,
      `There is no tool named '${name}'. Available tools: ${known.length > 0 ? known.join(', ') : 'none'}.`,
    );
  }
  if (!registration.available || !loaded) {
    throw new ToolError(
      'TOOL_UNAVAILABLE',
      name,
      `Tool '${name}' is not available now: its plugin is not loaded.`,
      {
        retryable: true,
      },
    );
  }
  if (!registration.enabled) {
    throw new ToolError(
      'TOOL_DISABLED',
      name,
      `Tool '${name}' is disabled by an administrator; do not call it.`,
    );
  }
  if (call.allowedTools && !call.allowedTools.includes(name)) {
    const allowed = call.allowedTools.length > 0 ? call.allowedTools.join(', ') : 'none';
    throw new ToolError(
      'TOOL_NOT_ALLOWED',
      name,
      `You may not use tool '${name}'. Tools you may use: ${allowed}.`,
    );
  }
  return { loaded, registration };
}

function checkedParameters(loaded: LoadedTool, call: ToolCall): Record<string, unknown> {
  const name = call.tool;
  const given = call.parameters ?? {};
  if (typeof given !== 'object' || Array.isArray(given)) {
    throw new ToolError(
      'INVALID_ARGUMENTS',
      name,
      `The arguments of '${name}' must be a JSON object of named fields.`,
      {
        issues: [{ pointer: '', message: 'must be an object' }],
      },
    );
  }
  const params = structuredClone(given) as Record<string, unknown>;
  const issues = loaded.checkParameters(params);
  if (issues.length > 0) {
    const list = issues.map((issue) => `${issue.pointer || '(arguments)'} ${issue.message}`).join('; ');
    throw new ToolError(
      'INVALID_ARGUMENTS',
      name,
      `Invalid arguments for '${name}': ${list}. Fix these fields and call it again.`,
      {
        issues,
      },
    );
  }
  return params;
}

async function checkedConfig(
  deps: ExecuteToolDeps,
  loaded: LoadedTool,
  call: ToolCall,
): Promise<ResolvedConfig> {
  const name = call.tool;
  let resolved: ResolvedConfig;
  try {
    resolved = await deps.resolveConfig(loaded, call);
  } catch (error) {
    throw new ToolError(
      'INVALID_CONFIG',
      name,
      `The stored configuration of '${name}' cannot be read (${(error as Error).message}). An administrator must set it again via PUT /api/v1/tools/${name}/config.`,
      { cause: error },
    );
  }
  const issues = loaded.checkConfig(resolved.config);
  if (issues.length > 0) {
    const where = call.scope?.workflow
      ? `workflow '${call.scope.workflow}'`
      : call.scope?.agent
        ? `agent '${call.scope.agent}'`
        : 'the tool default';
    const list = issues.map((issue) => `${issue.pointer || '(config)'} ${issue.message}`).join('; ');
    throw new ToolError(
      'INVALID_CONFIG',
      name,
      `Tool '${name}' is not configured for ${where}: ${list}. An administrator must set this via PUT /api/v1/tools/${name}/config (or the agent's or workflow's tool config endpoint); retrying will not help.`,
      { issues: issues.map((issue) => ({ ...issue, pointer: `/config${issue.pointer}` })) },
    );
  }
  return resolved;
}

function runWithLimits(
  deps: ExecuteToolDeps,
  loaded: LoadedTool,
  params: Record<string, unknown>,
  resolved: ResolvedConfig,
  call: ToolCall,
  timeoutMs: number,
): Promise<unknown> {
  const name = call.tool;
  const aborted = () => new ToolError('TOOL_ABORTED', name, `The call to '${name}' was cancelled.`);
  if (call.signal?.aborted) return Promise.reject(aborted());
  const controller = new AbortController();
  const signal = call.signal ? AbortSignal.any([controller.signal, call.signal]) : controller.signal;
  const scope = call.scope ?? {};
  const logger = maskingLogger(deps.logger.child({ tool: name, ...scope }), resolved.secrets);
  return new Promise<unknown>((resolve, reject) => {
    const timer = setTimeout(() => {
      const error = new ToolError('TOOL_TIMEOUT', name, `'${name}' did not finish within ${timeoutMs} ms.`, {
        retryable: true,
      });
      controller.abort(error);
      reject(error);
    }, timeoutMs);
    const onAbort = () => {
      controller.abort(call.signal?.reason);
      reject(aborted());
    };
    call.signal?.addEventListener('abort', onAbort, { once: true });
    Promise.resolve()
      .then(() => loaded.tool.execute(params, { config: resolved.config as never, signal, logger, scope }))
      .then(resolve, reject)
      .finally(() => {
        clearTimeout(timer);
        call.signal?.removeEventListener('abort', onAbort);
      });
  });
}

function asToolError(name: string, thrown: unknown, secrets: readonly unknown[]): ToolError {
  if (ToolError.isInstance(thrown)) {
    if (secrets.length === 0) return thrown;
    return new ToolError(thrown.code, thrown.tool, redact(thrown.message, secrets), {
      issues: thrown.issues.map((issue) => ({ ...issue, message: redact(issue.message, secrets) })),
      retryable: thrown.retryable,
      cause: maskedError(thrown.cause ?? thrown, secrets),
    });
  }
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return new ToolError('TOOL_FAILED', name, `'${name}' failed: ${redact(message, secrets)}`, {
    cause: maskedError(thrown, secrets),
  });
}
