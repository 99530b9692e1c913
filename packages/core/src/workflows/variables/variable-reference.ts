/** Where a variable takes its value from. */
export type VariableSource =
  | { kind: 'input'; name: string }
  | { kind: 'step'; stepId: string }
  | { kind: 'previous' };

/** A parsed `{...}` variable: its source, the path into that value, and the text as written. */
export interface VariableReference {
  /** The value it starts from. */
  source: VariableSource;
  /** Property names or array indexes to follow inside the value, e.g. `['body', 'items', '0']`. */
  path: string[];
  /** The variable as written, braces included, e.g. `{steps.fetch.output.body}`. */
  text: string;
}

/** The names that mean "the previous step's output". */
export const previousStepNames: readonly string[] = ['previous', 'result_from_previous_step'];

/**
 * Reads the inside of a `{...}` variable (`inputs.x`, `steps.<id>.output.a.b`, `previous`,
 * `result_from_previous_step`, each optionally followed by a path). Returns a message when the
 * expression names no known source.
 */
export function parseVariable(expression: string): VariableReference | { error: string } {
  const text = `{${expression}}`;
  const segments = expression.split('.');
  const [root, ...rest] = segments;
  if (segments.some((segment) => segment === '')) return { error: `${text} has an empty name between dots.` };
  if (root !== undefined && previousStepNames.includes(root)) {
    return { source: { kind: 'previous' }, path: rest, text };
  }
  if (root === 'inputs') {
    const [name, ...path] = rest;
    if (name === undefined) return { error: `${text} names no input; write {inputs.<name>}.` };
    return { source: { kind: 'input', name }, path, text };
  }
  if (root === 'steps') {
    const outputAt = rest.indexOf('output', 1);
    if (outputAt < 1)
      return { error: `${text} must be written {steps.<id>.output} (optionally .path.into.it).` };
    return {
      source: { kind: 'step', stepId: rest.slice(0, outputAt).join('.') },
      path: rest.slice(outputAt + 1),
      text,
    };
  }
  return {
    error: `${text} is not a known variable; use {inputs.<name>}, {steps.<id>.output}, {previous}, or write {{ and }} for literal braces.`,
  };
}
