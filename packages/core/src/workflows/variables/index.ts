export { containsVariables, escapePointer, findVariables, type VariableUse } from './find-variables';
export { outputPathProblem } from './output-path-problem';
export { type ParsedTemplate, parseTemplate, type TemplatePart } from './parse-template';
export { lookUp, resolveVariables, type StepOutcome, type VariableValues } from './resolve-variables';
export {
  parseVariable,
  previousStepNames,
  type VariableReference,
  type VariableSource,
} from './variable-reference';
export { VariableResolutionError } from './variable-resolution-error';
