import type { AgentDefinition } from '../models/agent-definition';
import type { ToolDescription } from '../tools/tool-manager';
import { renderToolInstructions } from './text-protocol/index';
import { renderOutputInstructions } from './typed-answer/index';

/** How the model is offered tools: Ollama's native `tools`, or the text protocol in the system prompt. */
export type ToolMode = 'native' | 'text';

/**
 * Writes the system prompt of an agent run: who the agent is (role, backstory), what it aims for
 * (goals), the caller's context, and how to use its tools — a short reminder in native mode, the full
 * text protocol otherwise — and, with an `outputSchema`, the JSON Schema the final answer must follow.
 */
export function buildSystemPrompt(
  agent: Pick<AgentDefinition, 'role' | 'goals' | 'backstory'>,
  tools: readonly ToolDescription[],
  mode: ToolMode,
  context?: string | Record<string, unknown>,
  outputSchema?: Record<string, unknown>,
): string {
  const parts = [`You are ${agent.role}.`];
  if (agent.backstory.trim() !== '') parts.push(agent.backstory.trim());
  if (agent.goals.length > 0) parts.push(`Your goals:\n${agent.goals.map((goal) => `- ${goal}`).join('\n')}`);
  const contextText = typeof context === 'string' ? context : context && JSON.stringify(context, null, 2);
  if (contextText) parts.push(`Context for this task:\n${contextText}`);
  if (mode === 'native' && tools.length > 0) {
    parts.push(
      'Call a tool when you need information or an action you cannot do yourself; you will get its result. ' +
        (outputSchema
          ? ''
          : 'When you have everything you need, reply with your final answer in plain text.'),
    );
  } else if (tools.length > 0 || outputSchema === undefined) {
    parts.push(renderToolInstructions(tools));
  }
  if (outputSchema) parts.push(renderOutputInstructions(outputSchema, tools.length > 0));
  return parts.join('\n\n');
}
