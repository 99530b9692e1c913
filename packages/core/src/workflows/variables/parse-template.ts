import { parseVariable, type VariableReference } from './variable-reference';

/** One piece of a template string: literal text or a variable. */
export type TemplatePart = { kind: 'text'; text: string } | { kind: 'variable'; variable: VariableReference };

/** A template string split into parts, and the messages for variables that name no known source. */
export interface ParsedTemplate {
  /** Literal text and variables, in order. `{{` and `}}` have become single braces. */
  parts: TemplatePart[];
  /** One message per malformed variable. */
  errors: string[];
}

/** `{{` / `}}` escapes, or a `{name.path}` expression (letters, digits, `_`, `.`, `-`). */
const token = /\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_.-]*)\}/g;

/**
 * Splits a task or parameter string into literal text and variables. A brace group that looks like a
 * name (`{inputs.city}`) is a variable and must name a known source; other braces (`{"a": 1}`) stay text;
 * `{{` and `}}` are literal braces.
 */
export function parseTemplate(template: string): ParsedTemplate {
  const parts: TemplatePart[] = [];
  const errors: string[] = [];
  let text = '';
  let last = 0;
  for (const match of template.matchAll(token)) {
    text += template.slice(last, match.index);
    last = match.index + match[0].length;
    if (match[1] === undefined) {
      text += match[0][0];
      continue;
    }
    const parsed = parseVariable(match[1]);
    if ('error' in parsed) {
      errors.push(parsed.error);
      text += match[0];
      continue;
    }
    if (text !== '') parts.push({ kind: 'text', text });
    text = '';
    parts.push({ kind: 'variable', variable: parsed });
  }
  text += template.slice(last);
  if (text !== '') parts.push({ kind: 'text', text });
  return { parts, errors };
}
