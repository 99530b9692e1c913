import { normaliseArguments } from './normalise-arguments';
import type { ObjectMeaning } from './read-tool-object';
import type { ToolNameResolver } from './tool-name-resolver';

const CALL_EXPRESSION = /^([A-Za-z_][\w.-]*)\s*\(([\s\S]*)\)\s*;?$/;

/**
 * Reads a reply that is nothing but a Python-style call of a known tool, such as
 * `fetch_url(url="https://example.com", max_chars=500)` (Llama 3.2 writes these, often in a ```python
 * fence). Returns undefined when the reply is anything else, so prose that mentions a tool is untouched.
 */
export function readPythonCall(reply: string, tools: ToolNameResolver): ObjectMeaning | undefined {
  const match = CALL_EXPRESSION.exec(reply);
  if (!match) return undefined;
  const name = tools.resolve(match[1]!);
  if (name === undefined) return undefined;
  const args = normaliseArguments(`{${keywordsAsJson(match[2]!)}}`);
  if (args.ok) return { kind: 'call', call: { name, arguments: args.value } };
  return {
    kind: 'problem',
    problem: `The call to "${name}" is wrong: write its arguments as a JSON object with parameter names.`,
  };
}

/** `url="x", n=3` becomes `url:"x", n:3`: each `=` outside strings and brackets becomes `:`. */
function keywordsAsJson(keywords: string): string {
  let result = '';
  let quote = '';
  let depth = 0;
  for (let index = 0; index < keywords.length; index++) {
    const char = keywords[index]!;
    if (quote) {
      if (char === '\\') {
        result += char + (keywords[index + 1] ?? '');
        index++;
        continue;
      }
      if (char === quote) quote = '';
    } else if (char === '"' || char === "'") quote = char;
    else if ('{[('.includes(char)) depth++;
    else if ('}])'.includes(char)) depth--;
    else if (char === '=' && depth === 0) {
      result += ':';
      continue;
    }
    result += char;
  }
  return result;
}
