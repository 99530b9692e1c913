import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateToolError } from './create-tool-error';
import {
  DEFAULT_DESCRIPTION,
  defaultDirectoryName,
  defaultPackageName,
  packageNameProblem,
  singleLineProblem,
  toolClassName,
  toolNameProblem,
} from './plugin-names';
import { renderTemplate, type TemplateValues } from './render-template';

/** The `@agentry/core` range a generated plugin depends on. */
export const CORE_RANGE = '^0.1.0';

/** What to scaffold. Only `toolName` is required; everything else has a default. */
export interface CreateToolOptions {
  /** The tool's name as the model calls it: snake_case, `^[a-z][a-z0-9_]{0,63}$`. */
  toolName: string;
  /** npm package name. Default: `agentry-plugin-<tool name with "-">`. */
  packageName?: string;
  /** The tool's description, written for the model. Default: a placeholder to replace. */
  description?: string;
  /** package.json `author`. Default: empty. */
  author?: string;
  /** Generate a configuration schema with a secret field (`apiKey`) and a plain one. Default: false. */
  withConfig?: boolean;
  /** Where to write the package; must not exist or be empty. Default: `<cwd>/<package name without scope>`. */
  directory?: string;
  /** Base for a relative `directory`. Default: `process.cwd()`. */
  cwd?: string;
  /**
   * The devDependency spec for `@agentry/core` (default {@link CORE_RANGE}). For testing against an
   * unpublished core, e.g. `file:/tmp/agentry-core-0.1.0.tgz` from `npm pack`. The peer range stays
   * {@link CORE_RANGE}.
   */
  coreSpec?: string;
}

/** What was scaffolded. */
export interface CreateToolResult {
  /** Absolute path of the new package. */
  directory: string;
  /** Its npm name. */
  packageName: string;
  /** The tool's name. */
  toolName: string;
  /** Files written, relative to `directory`, in writing order. */
  files: string[];
}

const templatesDirectory = fileURLToPath(new URL('../templates/plugin/', import.meta.url));

/** Template file → output path (the test file is named after the tool). */
const templateFiles = (toolName: string): ReadonlyArray<readonly [string, string]> => [
  ['package.json.tmpl', 'package.json'],
  ['tsconfig.json.tmpl', 'tsconfig.json'],
  ['tsup.config.ts.tmpl', 'tsup.config.ts'],
  ['gitignore.tmpl', '.gitignore'],
  ['README.md.tmpl', 'README.md'],
  ['src/index.ts.tmpl', 'src/index.ts'],
  ['src/tool.test.ts.tmpl', `src/${toolName}.test.ts`],
];

/**
 * Scaffolds an Agentry tool plugin package: package.json with the plugin manifest, a tool class and its
 * `definePlugin` default export, a vitest test, tsup and TypeScript configs, a README and .gitignore.
 * Throws {@link CreateToolError} for invalid options or a non-empty target directory; writes nothing then.
 *
 * @example
 * ```ts
 * const { directory } = await createTool({ toolName: 'word_count', withConfig: true });
 * ```
 */
export async function createTool(options: CreateToolOptions): Promise<CreateToolResult> {
  const { packageName, values } = validatedValues(options);
  const directory = resolve(
    options.cwd ?? process.cwd(),
    options.directory ?? defaultDirectoryName(packageName),
  );
  await assertEmptyDirectory(directory);

  const files: string[] = [];
  for (const [template, output] of templateFiles(options.toolName)) {
    const source = await readFile(join(templatesDirectory, template), 'utf8');
    const target = join(directory, output);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, renderTemplate(source, values));
    files.push(output);
  }
  return { directory, packageName, toolName: options.toolName, files };
}

/** Checks the options, fills in defaults, and derives what the templates use. */
function validatedValues(options: CreateToolOptions): { packageName: string; values: TemplateValues } {
  const { toolName } = options;
  const packageName = options.packageName ?? defaultPackageName(toolName);
  const description = options.description ?? DEFAULT_DESCRIPTION;
  const author = options.author ?? '';
  assertValid('toolName', toolNameProblem(toolName));
  assertValid('packageName', packageNameProblem(packageName));
  assertValid('description', singleLineProblem('description', description));
  assertValid('author', singleLineProblem('author', author));
  if (description.trim().length === 0) assertValid('description', 'description must not be empty');

  const className = toolClassName(toolName);
  const withConfig = options.withConfig ?? false;
  const values = {
    toolName,
    packageName,
    description,
    className,
    dirName: defaultDirectoryName(packageName),
    withConfig,
    contextOptions: withConfig ? "{ config: { apiKey: 'test-key' } }" : '',
    descriptionJson: JSON.stringify(description),
    descriptionField: descriptionField(description),
    authorJson: JSON.stringify(author),
    coreSpecJson: JSON.stringify(options.coreSpec ?? CORE_RANGE),
  };
  return { packageName, values };
}

function assertValid(option: string, problem: string | undefined): void {
  if (problem !== undefined) throw new CreateToolError('INVALID_OPTION', problem, option);
}

async function assertEmptyDirectory(directory: string): Promise<void> {
  const existing = await stat(directory).catch(() => undefined);
  if (existing === undefined) return;
  const empty = existing.isDirectory() && (await readdir(directory)).length === 0;
  if (!empty) {
    throw new CreateToolError(
      'DIRECTORY_NOT_EMPTY',
      `${directory} already exists and is not an empty directory; choose another directory (--dir) or empty it first`,
      'directory',
    );
  }
}

/** The `description` field, wrapped the way biome formats it (line width 110). */
function descriptionField(description: string): string {
  const field = `  readonly description = ${stringLiteral(description)};`;
  return field.length <= 110 ? field : `  readonly description =\n    ${stringLiteral(description)};`;
}

/** A TypeScript string literal in biome's style: single quotes, double when that needs fewer escapes. */
function stringLiteral(text: string): string {
  const escaped = text.replaceAll('\\', '\\\\');
  const quote = text.split("'").length > text.split('"').length ? '"' : "'";
  return `${quote}${escaped.replaceAll(quote, `\\${quote}`)}${quote}`;
}
