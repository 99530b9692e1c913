/** The rule a tool name follows: snake_case, starting with a letter, at most 64 characters. */
export const TOOL_NAME_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

// npm's rules for new package names: lower case, URL-safe, optionally scoped, at most 214 characters.
const packageNamePattern = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;
const controlCharacters = /\p{Cc}/u;

/** Says what is wrong with a tool name, or `undefined` when it is valid. */
export function toolNameProblem(name: string): string | undefined {
  if (TOOL_NAME_PATTERN.test(name)) return undefined;
  return `tool name "${name}" must be snake_case: a lower-case letter, then up to 63 lower-case letters, digits or "_" (e.g. word_count)`;
}

/** Says what is wrong with an npm package name, or `undefined` when it is valid. */
export function packageNameProblem(name: string): string | undefined {
  if (name.length <= 214 && packageNamePattern.test(name)) return undefined;
  return `package name "${name}" is not a valid npm name: use lower-case letters, digits, "-", "." or "_", optionally scoped (e.g. @you/agentry-plugin-word-count)`;
}

/** Says what is wrong with a one-line text field (description, author), or `undefined` when it is valid. */
export function singleLineProblem(field: string, value: string): string | undefined {
  if (controlCharacters.test(value)) return `${field} must be a single line of text`;
  if (value.length > 500) return `${field} must be at most 500 characters`;
  return undefined;
}

/** The package name suggested for a tool: `word_count` → `agentry-plugin-word-count`. */
export function defaultPackageName(toolName: string): string {
  return `agentry-plugin-${toolName.replaceAll('_', '-').replace(/-+$/, '')}`;
}

/** The directory suggested for a package: its name without the scope. */
export function defaultDirectoryName(packageName: string): string {
  return packageName.slice(packageName.indexOf('/') + 1);
}

/** The description of the generated example tool; authors replace it along with the example logic. */
export const DEFAULT_DESCRIPTION = 'Counts the words in a text.';

// Names the generated src/index.ts imports or declares; the class may not shadow them.
const takenNames = new Set([
  'BaseTool',
  'Config',
  'Params',
  'Result',
  'Static',
  'ToolContext',
  'ToolError',
  'Type',
]);

/** The class name of a tool: `word_count` → `WordCount`; `type` → `TypeTool` (avoids names the file uses). */
export function toolClassName(toolName: string): string {
  const pascal = toolName
    .split('_')
    .filter((part) => part.length > 0)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
  return takenNames.has(pascal) ? `${pascal}Tool` : pascal;
}
