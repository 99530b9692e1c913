import { parseTemplate } from './parse-template';
import type { VariableReference } from './variable-reference';

/** A variable found in a step, with the JSON pointer of the string that holds it. */
export interface VariableUse {
  /** JSON pointer of the string, e.g. `/steps/1/task` or `/steps/0/parameters/url`. */
  pointer: string;
  /** The variable. */
  variable: VariableReference;
}

/** A malformed variable found in a step. */
export interface VariableSyntaxIssue {
  /** JSON pointer of the string holding it. */
  pointer: string;
  /** What is wrong. */
  message: string;
}

/**
 * Collects every variable in `value` (a string, or strings nested in objects and arrays), each with the
 * pointer of its string under `pointer`, and every malformed one.
 */
export function findVariables(
  value: unknown,
  pointer: string,
): { uses: VariableUse[]; issues: VariableSyntaxIssue[] } {
  const uses: VariableUse[] = [];
  const issues: VariableSyntaxIssue[] = [];
  walk(value, pointer, (text, at) => {
    const parsed = parseTemplate(text);
    for (const message of parsed.errors) issues.push({ pointer: at, message });
    for (const part of parsed.parts)
      if (part.kind === 'variable') uses.push({ pointer: at, variable: part.variable });
  });
  return { uses, issues };
}

/** True when `value` holds at least one variable (well-formed or not) somewhere inside. */
export function containsVariables(value: unknown): boolean {
  const found = findVariables(value, '');
  return found.uses.length > 0 || found.issues.length > 0;
}

function walk(value: unknown, pointer: string, visit: (text: string, pointer: string) => void): void {
  if (typeof value === 'string') {
    visit(value, pointer);
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) walk(item, `${pointer}/${index}`, visit);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) walk(item, `${pointer}/${escapePointer(key)}`, visit);
  }
}

/** Escapes one JSON pointer segment (RFC 6901). */
export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
