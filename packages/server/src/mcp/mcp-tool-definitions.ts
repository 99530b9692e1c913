import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { AGENT_TOOL_PREFIX, WORKFLOW_TOOL_PREFIX } from './mcp-tool-names';

/** The fields of an agent an MCP tool is made from (as the core and the REST API give them). */
export interface AgentSummary {
  /** Agent name. */
  name: string;
  /** What the agent is for. */
  description?: string;
  /** Its role, used when it has no description. */
  role: string;
}

/** The fields of a workflow an MCP tool is made from. */
export interface WorkflowSummary {
  /** Workflow name. */
  name: string;
  /** What it does. */
  description: string;
  /** Declared inputs by name. */
  inputs?: Record<string, { description?: string; default?: unknown; schema?: Record<string, unknown> }>;
}

/** The fields of a finished run a tool result is made from. */
export interface RunSummary {
  /** Run id. */
  id: string;
  /** `succeeded`, `failed` or `cancelled`. */
  status: string;
  /** The answer (agent) or last step's output (workflow). */
  output: unknown;
  /** Why it failed. */
  error: { code: string; message: string } | null;
}

/** The MCP tool that runs an agent: `task` (required) and `context` (optional text or object). */
export function agentTool(agent: AgentSummary): Tool {
  return {
    name: `${AGENT_TOOL_PREFIX}${agent.name}`,
    title: `Run agent ${agent.name}`,
    description: `Ask the Agentry agent '${agent.name}' to do a task and get its answer. ${agent.description ?? agent.role}`,
    inputSchema: {
      type: 'object',
      properties: {
        task: { type: 'string', minLength: 1, description: 'What the agent should do.' },
        context: {
          type: ['string', 'object'],
          description: 'Extra information for the agent (text or a JSON object).',
        },
      },
      required: ['task'],
      additionalProperties: false,
    },
    annotations: { openWorldHint: true },
  };
}

/** The MCP tool that runs a workflow: its declared inputs are the tool's arguments. */
export function workflowTool(workflow: WorkflowSummary): Tool {
  const inputs = Object.entries(workflow.inputs ?? {});
  const properties = Object.fromEntries(
    inputs.map(([name, input]) => [
      name,
      { ...(input.schema ?? {}), ...(input.description ? { description: input.description } : {}) },
    ]),
  );
  const required = inputs.filter(([, input]) => input.default === undefined).map(([name]) => name);
  return {
    name: `${WORKFLOW_TOOL_PREFIX}${workflow.name}`,
    title: `Run workflow ${workflow.name}`,
    description: `Run the Agentry workflow '${workflow.name}' and get its output. ${workflow.description}`,
    inputSchema: {
      type: 'object',
      properties,
      ...(required.length > 0 ? { required } : {}),
      additionalProperties: false,
    },
    annotations: { openWorldHint: true },
  };
}

/**
 * A finished run as a tool result: the output as text (JSON for structured output, also as
 * `structuredContent` when it is an object), or `isError` with the run's error code and message.
 */
export function runResult(run: RunSummary): CallToolResult {
  const meta = { 'agentry/runId': run.id, 'agentry/status': run.status };
  if (run.status !== 'succeeded') {
    const error = run.error ?? { code: 'RUN_FAILED', message: `The run ended ${run.status}.` };
    return {
      isError: true,
      content: [{ type: 'text', text: `${error.code}: ${error.message}` }],
      _meta: meta,
    };
  }
  const text = typeof run.output === 'string' ? run.output : JSON.stringify(run.output ?? null);
  const structured =
    run.output !== null && typeof run.output === 'object' && !Array.isArray(run.output)
      ? { structuredContent: run.output as Record<string, unknown> }
      : {};
  return { content: [{ type: 'text', text }], ...structured, _meta: meta };
}

/** A tool-level error (bad arguments, disabled workflow) as a result the model can correct itself from. */
export function errorResult(message: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: message }] };
}

/** The progress message of a run event, or undefined for events not worth a notification (tokens). */
export function progressMessage(type: string, data: Record<string, unknown>): string | undefined {
  if (type === 'token' || type === 'thought') return undefined;
  if (type === 'tool.call' || type === 'tool.result') return `${type} ${String(data.tool ?? '')}`.trim();
  return type;
}
