import { parseJsonReply } from './parse-json-reply';
import { parseReactReply } from './parse-react-reply';
import type { ParsedReply } from './parsed-reply';
import { splitReactSections } from './react-sections';
import { invalidReply } from './reply-problem';
import { ToolNameResolver } from './tool-name-resolver';

/**
 * Works out what an assistant's text reply asks for: tool calls, a final answer, or a broken tool call
 * whose `problem` should go back to the model as an observation. Run it on every text reply, also when
 * native tools were offered, because small models often answer in text anyway.
 *
 * Tolerated: JSON in ```json or ``` fences or `<tool_call>` tags or bare amid prose; several objects
 * (several calls, in order); single quotes, unquoted keys, trailing commas, Python `True`/`False`/`None`;
 * the name under `tool`/`name`/`function`/`action`, arguments under `arguments`/`parameters`/`args`/
 * `input`/`tool_input`, as an object or a JSON string; OpenAI's `{"function": {...}}`; the ReAct form
 * (`Thought:`/`Action:`/`Action Input:`/`Final Answer:`). Tool names are matched to `knownTools`
 * ignoring case and `-`/`_`. Plain prose, or prose with JSON data that has no tool-call key, is final.
 */
export function parseAssistantReply(text: string, knownTools: readonly string[]): ParsedReply {
  const tools = new ToolNameResolver(knownTools);
  const reply = text.trim();
  if (reply === '') return invalidReply(['Your reply was empty.'], knownTools);
  const sections = splitReactSections(reply);
  return sections.length > 0 ? parseReactReply(sections, tools) : parseJsonReply(reply, tools);
}
