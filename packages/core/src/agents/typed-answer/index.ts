export { AnswerCheck, type AnswerVerdict } from './answer-check';
export { renderOutputInstructions, renderRetryRequest } from './output-instructions';
export { outputSchemaIssues } from './output-schema-issues';
export { parseStructuredAnswer, type StructuredAnswer } from './parse-structured-answer';

/** Error code of a run whose final answer still broke its `outputSchema` after one retry; `output` holds the raw answer. */
export const OUTPUT_INVALID = 'OUTPUT_INVALID';
