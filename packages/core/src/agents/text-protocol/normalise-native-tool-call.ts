import { normaliseArguments } from './normalise-arguments';
import type { ToolCall } from './parsed-reply';
import { describeKnownTools } from './protocol-reminder';
import { ToolNameResolver } from './tool-name-resolver';

/** A native tool call made usable, or the problem to send back to the model as the call's result. */
export type NormalisedToolCall = { ok: true; call: ToolCall } | { ok: false; problem: string };

/**
 * Cleans up a tool call from Ollama's native `tool_calls`: arguments that arrive as a JSON string or
 * pseudo-JSON (single quotes, trailing commas, Python literals) become an object, with the same tolerant
 * rules as {@link parseAssistantReply}. When `knownTools` is given, the name is matched to a registered
 * tool ignoring case and `-`/`_`, and an unknown name is a problem.
 */
export function normaliseNativeToolCall(
  call: { name: string; arguments: unknown },
  knownTools?: readonly string[],
): NormalisedToolCall {
  let name = call.name.trim();
  if (knownTools !== undefined) {
    const resolved = new ToolNameResolver(knownTools).resolve(name);
    if (resolved === undefined) {
      return { ok: false, problem: `There is no tool named "${name}". ${describeKnownTools(knownTools)}` };
    }
    name = resolved;
  }
  const args = normaliseArguments(call.arguments);
  if (!args.ok) return { ok: false, problem: `The call to "${name}" is wrong: ${args.problem}.` };
  return { ok: true, call: { name, arguments: args.value } };
}
