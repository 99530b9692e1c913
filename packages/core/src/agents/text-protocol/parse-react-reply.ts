import { findJsonObjects } from './find-json-objects';
import { normaliseArguments } from './normalise-arguments';
import type { ParsedReply, ToolCall } from './parsed-reply';
import type { ReactSection } from './react-sections';
import { CUT_OFF_PROBLEM, invalidReply } from './reply-problem';
import type { ToolNameResolver } from './tool-name-resolver';

const NO_ACTION = /^(none|n\/a|no action|nothing)\b/i;
const FINAL_ACTION = /^[`'"*]*final[ _]?answer[`'"*]*$/i;

/**
 * Reads a ReAct-style reply (`Thought:` / `Action:` / `Action Input:` / `Final Answer:`). Whatever comes
 * first, actions or a final answer, wins; an `Observation:` written by the model itself is invented and
 * ends the reading. The action's input may also sit on the `Action:` line: `Action: fetch_url {"url": ...}`.
 */
export function parseReactReply(sections: readonly ReactSection[], tools: ToolNameResolver): ParsedReply {
  const thoughts: string[] = [];
  const calls: ToolCall[] = [];
  const problems: string[] = [];
  for (let index = 0; index < sections.length; index++) {
    const section = sections[index]!;
    if (section.label === 'observation') break;
    if (section.label === 'thought') {
      if (section.text) thoughts.push(section.text);
    } else if (section.label === 'final answer') {
      if (calls.length === 0 && problems.length === 0) return { kind: 'final', answer: section.text };
      break;
    } else if (section.label === 'action input') {
      problems.push('"Action Input:" must follow an "Action:" line that names the tool.');
    } else {
      const next = sections[index + 1];
      const input = next?.label === 'action input' ? next.text : undefined;
      if (input !== undefined) index++;
      if (FINAL_ACTION.test(section.text)) {
        if (calls.length === 0 && problems.length === 0)
          return { kind: 'final', answer: unquote(input ?? '') };
        break;
      }
      readAction(section.text, input, tools, calls, problems);
    }
  }
  const thought = thoughts.join('\n') || undefined;
  if (problems.length > 0) return invalidReply(problems, tools.knownTools, thought);
  if (calls.length > 0)
    return thought ? { kind: 'tool_calls', calls, thought } : { kind: 'tool_calls', calls };
  return { kind: 'final', answer: thought ?? '' };
}

function readAction(
  actionText: string,
  inputText: string | undefined,
  tools: ToolNameResolver,
  calls: ToolCall[],
  problems: string[],
): void {
  const firstLine = actionText.split('\n')[0]!.trim();
  if (firstLine === '' || NO_ACTION.test(firstLine)) return;
  const split = /[\s([{]/.exec(firstLine);
  const written = (split ? firstLine.slice(0, split.index) : firstLine).replace(/[`'"*:]/g, '');
  const name = tools.resolve(written);
  if (name === undefined) {
    problems.push(`There is no tool named "${written}".`);
    return;
  }
  const args = readInput(inputText ?? (split ? actionText.slice(split.index) : ''));
  if (args.ok) calls.push({ name, arguments: args.value });
  else problems.push(`The call to "${name}" is wrong: ${args.problem}`);
}

function readInput(
  text: string,
): { ok: true; value: Record<string, unknown> } | { ok: false; problem: string } {
  const input = text
    .replace(/```[\w-]*/g, '')
    .trim()
    .replace(/^[([]|[)\]]$/g, '');
  if (input === '' || /^(none|null|n\/a)$/i.test(input)) return { ok: true, value: {} };
  const [span] = findJsonObjects(input);
  if (span === undefined) {
    return {
      ok: false,
      problem:
        'the Action Input must be a JSON object of parameter names and values, such as {"url": "https://example.com"}.',
    };
  }
  if (!span.complete) return { ok: false, problem: CUT_OFF_PROBLEM };
  const args = normaliseArguments(span.text);
  return args.ok ? args : { ok: false, problem: `${args.problem}.` };
}

/** `"done"` (a JSON string, as LangChain's final action writes it) becomes `done`. */
function unquote(text: string): string {
  if (!text.startsWith('"')) return text;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'string' ? value : text;
  } catch {
    return text;
  }
}
