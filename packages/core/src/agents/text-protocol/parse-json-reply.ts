import { findJsonObjects, type JsonObjectSpan } from './find-json-objects';
import { isPlainObject } from './normalise-arguments';
import type { ParsedReply, ToolCall } from './parsed-reply';
import { readPythonCall } from './read-python-call';
import { readToolObject } from './read-tool-object';
import { CUT_OFF_PROBLEM, invalidReply } from './reply-problem';
import { parseTolerantJson } from './tolerant-json';
import type { ToolNameResolver } from './tool-name-resolver';

const CALL_KEY_PATTERN =
  /["']?\b(tool|tool_name|toolName|function|action|arguments|parameters|args|tool_input|action_input)\b["']?\s*:/;

/**
 * Reads a reply that may hold JSON tool calls anywhere in it: fenced or bare, inside `<tool_call>` tags,
 * surrounded by prose, one or several objects. The prose around the calls becomes the `thought`. Objects
 * that carry no tool-call key are plain data, so the reply is then a final answer in prose.
 */
export function parseJsonReply(text: string, tools: ToolNameResolver): ParsedReply {
  const calls: ToolCall[] = [];
  const problems: string[] = [];
  const protocolSpans: JsonObjectSpan[] = [];
  let finalAnswer: string | undefined;

  for (const span of findJsonObjects(text)) {
    const parsed = span.complete ? parseTolerantJson(span.text) : undefined;
    if (parsed === undefined || !parsed.ok || !isPlainObject(parsed.value)) {
      if (looksLikeCall(span.text, tools.knownTools)) {
        protocolSpans.push(span);
        problems.push(
          parsed === undefined || parsed.ok
            ? CUT_OFF_PROBLEM
            : `Your tool call is not valid JSON: ${parsed.problem}.`,
        );
      }
      continue;
    }
    for (const meaning of readToolObject(parsed.value, tools)) {
      if (meaning.kind === 'data') continue;
      if (protocolSpans.at(-1) !== span) protocolSpans.push(span);
      if (meaning.kind === 'call') calls.push(meaning.call);
      else if (meaning.kind === 'problem') problems.push(meaning.problem);
      else finalAnswer ??= meaning.answer;
    }
  }

  if (calls.length === 0 && problems.length === 0 && finalAnswer === undefined) {
    const pythonCall = readPythonCall(withoutWrappers(text).trim(), tools);
    if (pythonCall?.kind === 'call') return { kind: 'tool_calls', calls: [pythonCall.call] };
    if (pythonCall?.kind === 'problem') return invalidReply([pythonCall.problem], tools.knownTools);
  }
  const thought = proseAround(text, protocolSpans);
  if (problems.length > 0) return invalidReply(problems, tools.knownTools, thought);
  if (calls.length > 0)
    return thought ? { kind: 'tool_calls', calls, thought } : { kind: 'tool_calls', calls };
  return { kind: 'final', answer: finalAnswer ?? text };
}

function looksLikeCall(raw: string, knownTools: readonly string[]): boolean {
  return CALL_KEY_PATTERN.test(raw) || knownTools.some((name) => raw.includes(name));
}

/** The reply without the protocol objects, fences, `<tool_call>` tags and a leading "Thought:" label. */
function proseAround(text: string, spans: readonly JsonObjectSpan[]): string | undefined {
  let prose = '';
  let from = 0;
  for (const span of spans) {
    prose += `${text.slice(from, span.start)}\n`;
    from = span.end;
  }
  prose += text.slice(from);
  const cleaned = withoutWrappers(prose)
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/^\s*thought\s*:\s*/i, '')
    .replace(/\n{2,}/g, '\n')
    .trim();
  return cleaned === '' ? undefined : cleaned;
}

/** The text without code fences, `<tool_call>` tags and special tokens such as `<|python_tag|>`. */
function withoutWrappers(text: string): string {
  return text
    .replace(/```[\w-]*/g, '')
    .replace(/<\/?tool_calls?>/g, '')
    .replace(/<\|[\w-]+\|>/g, '');
}
