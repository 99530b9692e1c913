import type { JsonSchema } from '../../tools/tool-types';

/**
 * The system-prompt section that asks for a typed answer: the final answer is only a JSON value that
 * follows the schema, shown in full. Models with native `format` get it too (it grounds the answer);
 * models on the text protocol depend on it.
 */
export function renderOutputInstructions(schema: JsonSchema, withTools: boolean): string {
  const when = withTools
    ? 'When you have everything you need, your final answer must be'
    : 'Your answer must be';
  return [
    `${when} ONLY a JSON value that follows this JSON Schema, with no prose and no code fence:`,
    JSON.stringify(schema),
  ].join('\n');
}

/** The message that asks the model once more after an answer broke the schema, listing the problems. */
export function renderRetryRequest(problems: readonly string[]): string {
  return [
    'Your final answer does not follow the required JSON Schema:',
    ...problems.map((problem) => `- ${problem}`),
    'Reply again with ONLY the corrected JSON value.',
  ].join('\n');
}
