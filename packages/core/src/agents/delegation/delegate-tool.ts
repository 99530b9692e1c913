import type { AgentDefinition } from '../../models/agent-definition';
import type { ToolDescription } from '../../tools/tool-manager';

/** Prefix of the tool through which an agent asks one of its delegates. */
export const DELEGATE_TOOL_PREFIX = 'ask_';

/** Longest tool name a model is given (the tool-name pattern allows 64 characters). */
const MAX_TOOL_NAME = 64;

/**
 * The tool name under which agent `agentName` is offered to the agents that delegate to it: `ask_` and the
 * name with every character outside `[A-Za-z0-9_-]` replaced by `_` (models' function names allow no
 * dots), cut to 64 characters.
 */
export function delegateToolName(agentName: string): string {
  return `${DELEGATE_TOOL_PREFIX}${agentName.replace(/[^A-Za-z0-9_-]/g, '_')}`.slice(0, MAX_TOOL_NAME);
}

/** JSON Schema of a delegate tool's input: the task and optional context for the delegate. */
export const delegateToolParameters = {
  type: 'object',
  properties: {
    task: { type: 'string', minLength: 1, description: 'What the delegate should do, in full sentences.' },
    context: { type: 'string', description: 'Facts the delegate needs that the task does not say.' },
  },
  required: ['task'],
  additionalProperties: false,
} as const;

/** How the model sees delegate `agent`: a tool named after it, described by its role and goals. */
export function describeDelegate(agent: AgentDefinition): ToolDescription {
  const goals = agent.goals.length > 0 ? ` Goals: ${agent.goals.join('; ')}.` : '';
  const about = agent.description ? ` ${agent.description}` : '';
  return {
    name: delegateToolName(agent.name),
    description: `Ask the agent "${agent.name}" (${agent.role}) to do a task; returns its answer.${about}${goals}`,
    parameters: delegateToolParameters,
  };
}

/** The task and context of a delegate call, or the problems of its arguments. */
export type DelegateArguments =
  | { ok: true; task: string; context?: string }
  | { ok: false; issues: { pointer: string; message: string }[] };

/** Reads the arguments of a delegate call: `task` a non-empty string, `context` an optional string. */
export function readDelegateArguments(parameters: unknown): DelegateArguments {
  const args = (typeof parameters === 'object' && parameters !== null ? parameters : {}) as Record<
    string,
    unknown
  >;
  const issues: { pointer: string; message: string }[] = [];
  if (typeof args.task !== 'string' || args.task.trim() === '') {
    issues.push({ pointer: '/task', message: "'task' is required: a non-empty string saying what to do" });
  }
  if (args.context !== undefined && typeof args.context !== 'string') {
    issues.push({ pointer: '/context', message: "'context' must be a string" });
  }
  if (issues.length > 0) return { ok: false, issues };
  const task = args.task as string;
  return typeof args.context === 'string' ? { ok: true, task, context: args.context } : { ok: true, task };
}
