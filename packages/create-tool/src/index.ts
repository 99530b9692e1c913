/**
 * @packageDocumentation
 * `@agentry/create-tool`: scaffolds an Agentry tool plugin package. Use it as `npm create @agentry/tool`,
 * or call {@link createTool} from code.
 */
export { CORE_RANGE, type CreateToolOptions, type CreateToolResult, createTool } from './create-tool';
export { CreateToolError, type CreateToolErrorCode } from './create-tool-error';
export {
  defaultPackageName,
  packageNameProblem,
  TOOL_NAME_PATTERN,
  toolClassName,
  toolNameProblem,
} from './plugin-names';
