export { Bm25Index } from './bm25-index';
export { lexicalTerms } from './lexical-terms';
export { estimateToolTokens } from './tool-cost';
export { type ToolSelection, ToolSelector } from './tool-selector';
