import { isPlainObject, normaliseArguments } from './normalise-arguments';
import type { ToolCall } from './parsed-reply';
import type { ToolNameResolver } from './tool-name-resolver';

/** What one JSON object in a reply means. */
export type ObjectMeaning =
  | { kind: 'call'; call: ToolCall }
  | { kind: 'final'; answer: string }
  | { kind: 'problem'; problem: string }
  | { kind: 'data' };

/** Keys that only a tool call would use. */
const CALL_KEYS = ['tool', 'tool_name', 'toolName', 'function', 'action'];
/** Keys that may hold the tool name, in order of preference (`name` is also common in plain data). */
const NAME_KEYS = [...CALL_KEYS, 'name'];
/** Keys that may hold the arguments, in order of preference. */
const ARGUMENT_KEYS = ['arguments', 'parameters', 'args', 'tool_input', 'action_input', 'input', 'params'];
/** Argument keys that only a tool call would use (`input` and `params` are common in plain data). */
const CALL_ARGUMENT_KEYS = ARGUMENT_KEYS.slice(0, 5);
const FINAL_KEYS = ['final_answer', 'finalAnswer', 'final answer', 'Final Answer'];
const WRAPPER_KEYS = ['tool_calls', 'toolCalls', 'calls'];
const IGNORED_KEYS = new Set(['type', 'id', 'thought', 'reasoning']);

/**
 * Reads one JSON object from a reply: a tool call in any of the shapes models use
 * (`{"tool", "arguments"}`, `{"name", "parameters"}`, OpenAI's `{"function": {"name", "arguments"}}`,
 * LangChain's `{"action", "action_input"}`, a `tool_calls` list, or the arguments flattened beside the
 * name), a final answer (`{"final_answer": ...}` or `{"action": "Final Answer", ...}`), a broken call, or
 * plain data that belongs to a prose answer.
 */
export function readToolObject(value: Record<string, unknown>, tools: ToolNameResolver): ObjectMeaning[] {
  for (const key of WRAPPER_KEYS) {
    const list = value[key];
    if (Array.isArray(list) && list.some(isPlainObject)) {
      return list.flatMap((item) => (isPlainObject(item) ? readToolObject(item, tools) : []));
    }
  }
  const finalKey = FINAL_KEYS.find((key) => Object.hasOwn(value, key));
  if (finalKey !== undefined) return [{ kind: 'final', answer: asText(value[finalKey]) }];

  const source = isPlainObject(value.function) ? value.function : value;
  const nameKey = NAME_KEYS.find((key) => typeof source[key] === 'string');
  const written = nameKey === undefined ? undefined : (source[nameKey] as string).trim();
  const resolved = written === undefined ? undefined : tools.resolve(written);
  const looksLikeCall =
    source !== value ||
    resolved !== undefined ||
    CALL_KEYS.some((key) => Object.hasOwn(value, key)) ||
    CALL_ARGUMENT_KEYS.some((key) => Object.hasOwn(value, key));
  if (!looksLikeCall) return [{ kind: 'data' }];

  const argumentKey = ARGUMENT_KEYS.find((key) => Object.hasOwn(source, key));
  if (written !== undefined && /^final[ _]?answer$/i.test(written)) {
    return [{ kind: 'final', answer: asText(argumentKey === undefined ? '' : source[argumentKey]) }];
  }
  if (written === undefined || written === '') {
    return [{ kind: 'problem', problem: 'A tool call has no tool name: put the name under "tool".' }];
  }
  if (resolved === undefined) {
    return [{ kind: 'problem', problem: `There is no tool named "${written}".` }];
  }
  const args = normaliseArguments(
    argumentKey === undefined ? flattenedArguments(source, nameKey!) : source[argumentKey],
  );
  if (!args.ok) return [{ kind: 'problem', problem: `The call to "${resolved}" is wrong: ${args.problem}.` }];
  return [{ kind: 'call', call: { name: resolved, arguments: args.value } }];
}

/** `{"tool": "x", "url": "..."}`: the keys beside the name are the arguments. */
function flattenedArguments(source: Record<string, unknown>, nameKey: string): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(source).filter(([key]) => key !== nameKey && !IGNORED_KEYS.has(key)),
  );
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? '');
}
