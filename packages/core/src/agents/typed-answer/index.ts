export { AnswerCheck, type AnswerVerdict } from './answer-check';
export { renderOutputInstructions, renderRetryRequest } from './output-instructions';
export { outputSchemaIssues } from './output-schema-issues';
export { parseStructuredAnswer, type StructuredAnswer } from './parse-structured-answer';
export { OUTPUT_INVALID, type TypedOutcome, typedOutcome } from './typed-outcome';
