import type { LlmToolDefinition } from '../../llm/index';
import { toWireTools } from '../../llm/wire-format';
import { estimateTokens } from '../context-budget/index';

/** Tokens counted per tool for the separator between tools in the tool section. */
const SEPARATOR_TOKENS = 1;

/**
 * Estimated tokens one tool takes in the prompt: its definition as sent to Ollama
 * (`{"type":"function","function":{name, description, parameters}}` as JSON), estimated like the context
 * budget estimates every message, plus one token for the separator. The text protocol lists tools in a
 * shorter form, so the same number is a safe upper bound there too.
 */
export function estimateToolTokens(tool: LlmToolDefinition): number {
  const [wire] = toWireTools([tool]) ?? [];
  return estimateTokens(JSON.stringify(wire)) + SEPARATOR_TOKENS;
}
