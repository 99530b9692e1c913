import {
  type Agentry,
  AgentryError,
  type AgentTask,
  NotFoundError,
  type Run,
  type RunEvent,
  type RunEventListener,
} from '@agentry/core';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import type { McpCallOptions, McpToolBackend } from './mcp-tool-backend';
import { agentTool, errorResult, progressMessage, runResult, workflowTool } from './mcp-tool-definitions';
import { parseToolName, unknownTool } from './mcp-tool-names';

/** Agents and enabled workflows of an in-process Agentry instance, as MCP tools (the `/mcp` endpoint). */
export class LocalToolBackend implements McpToolBackend {
  constructor(private readonly agentry: Agentry) {}

  /** One tool per agent, then one per enabled workflow, in name order. */
  async listTools(): Promise<Tool[]> {
    const tools: Tool[] = [];
    for (let cursor: string | undefined, first = true; first || cursor; first = false) {
      const page = await this.agentry.agents.list({ limit: 100, cursor });
      tools.push(...page.items.map(agentTool));
      cursor = page.nextCursor ?? undefined;
    }
    for (let cursor: string | undefined, first = true; first || cursor; first = false) {
      const page = await this.agentry.workflows.list({}, { limit: 100, cursor });
      tools.push(...page.items.filter((workflow) => workflow.enabled).map(workflowTool));
      cursor = page.nextCursor ?? undefined;
    }
    return tools;
  }

  /** Starts the run, relays its events as progress, cancels it when the client cancels, and waits for the end. */
  async callTool(
    name: string,
    args: Record<string, unknown>,
    options: McpCallOptions,
  ): Promise<CallToolResult> {
    const target = parseToolName(name);
    let count = 0;
    const onEvent: RunEventListener = (event: RunEvent) => {
      const message = progressMessage(event.type, event.data as Record<string, unknown>);
      if (message !== undefined) options.onProgress({ progress: ++count, message });
    };
    let run: Run;
    try {
      if (target.kind === 'agent') {
        const task = agentTask(args);
        if (typeof task === 'string') return errorResult(task);
        run = await this.agentry.agents.run(target.name, task, { async: true, onEvent });
      } else {
        run = await this.agentry.workflows.run(target.name, { inputs: args }, { async: true });
      }
    } catch (error) {
      if (NotFoundError.isInstance(error)) throw unknownTool(name);
      if (AgentryError.isInstance(error)) return errorResult(`${error.code}: ${error.message}`);
      throw error;
    }
    const ended = this.agentry.runs.waitFor(run.id);
    const unsubscribe =
      target.kind === 'workflow' ? await this.agentry.runs.subscribe(run.id, onEvent) : undefined;
    const cancel = () => void this.agentry.runs.cancel(run.id).catch(() => undefined);
    options.signal.addEventListener('abort', cancel, { once: true });
    try {
      return runResult(await ended);
    } finally {
      options.signal.removeEventListener('abort', cancel);
      unsubscribe?.();
    }
  }
}

/** The agent task in the tool's arguments, or what is wrong with them. */
function agentTask(args: Record<string, unknown>): AgentTask | string {
  const { task, context, ...extra } = args;
  if (typeof task !== 'string' || task.trim() === '')
    return "'task' is required: say what the agent should do.";
  if (Object.keys(extra).length > 0)
    return `Unknown argument '${Object.keys(extra)[0]}': give only task and context.`;
  if (context === undefined) return { task };
  if (
    typeof context === 'string' ||
    (context !== null && typeof context === 'object' && !Array.isArray(context))
  ) {
    return { task, context: context as AgentTask['context'] };
  }
  return "'context' must be text or a JSON object.";
}
