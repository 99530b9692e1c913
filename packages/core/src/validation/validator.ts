import type { ErrorObject, ValidateFunction } from 'ajv';
import { type FieldIssue, ValidationError } from '../errors/validation-error';
import { type CreateAjvOptions, createAjv } from './ajv';

/** A compiled schema check. */
export interface Validator<T> {
  /** Returns the issues found in `value` (empty when valid). May coerce/fill defaults in place if so configured. */
  issues(value: unknown): FieldIssue[];
  /** Returns `value` typed as `T`, or throws {@link ValidationError} listing every issue (pointers prefixed by `prefix`). */
  assert(value: unknown, prefix?: string): T;
}

const instances = new Map<string, ReturnType<typeof createAjv>>();

function ajvFor(options: CreateAjvOptions) {
  const key = `${options.coerceTypes ?? false}:${options.useDefaults ?? false}`;
  let ajv = instances.get(key);
  if (!ajv) {
    ajv = createAjv(options);
    instances.set(key, ajv);
  }
  return ajv;
}

/**
 * Compiles `schema` once and returns a {@link Validator}. Throws {@link ValidationError} (pointer `''`)
 * when the schema itself is not valid JSON Schema.
 */
export function compileValidator<T>(schema: object, options: CreateAjvOptions = {}): Validator<T> {
  let check: ValidateFunction;
  try {
    check = ajvFor(options).compile(schema);
  } catch (cause) {
    throw new ValidationError(
      [{ pointer: '', message: `invalid JSON Schema: ${(cause as Error).message}` }],
      undefined,
      cause,
    );
  }
  const issues = (value: unknown): FieldIssue[] => (check(value) ? [] : toIssues(check.errors ?? []));
  return {
    issues,
    assert(value: unknown, prefix = ''): T {
      const found = issues(value);
      if (found.length > 0) {
        throw new ValidationError(found.map((issue) => ({ ...issue, pointer: prefix + issue.pointer })));
      }
      return value as T;
    },
  };
}

/**
 * Like {@link compileValidator}, for one of core's own schemas (known to be valid), compiled on its first
 * use instead of at import: modules that validate at their top level then cost nothing to import, and ajv
 * is loaded only by a process that validates something.
 */
export function compileOnFirstUse<T>(schema: object, options: CreateAjvOptions = {}): Validator<T> {
  let compiled: Validator<T> | undefined;
  const validator = () => {
    compiled ??= compileValidator<T>(schema, options);
    return compiled;
  };
  return {
    issues: (value) => validator().issues(value),
    assert: (value, prefix) => validator().assert(value, prefix),
  };
}

/** Converts ajv errors to field issues with JSON pointers and messages that say how to fix the value. */
export function toIssues(errors: readonly ErrorObject[]): FieldIssue[] {
  const seen = new Set<string>();
  const result: FieldIssue[] = [];
  const collapsed = collapseConstChoices(errors);
  for (const error of errors) {
    if (collapsed.hidden.has(error)) continue;
    const issue = collapsed.issues.get(error) ?? toIssue(error);
    const key = `${issue.pointer}\u0000${issue.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      result.push(issue);
    }
  }
  return result;
}

function toIssue(error: ErrorObject): FieldIssue {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return {
        pointer: `${error.instancePath}/${escapePointerSegment(String(params.missingProperty))}`,
        message: 'is required',
      };
    case 'additionalProperties':
      return {
        pointer: `${error.instancePath}/${escapePointerSegment(String(params.additionalProperty))}`,
        message: 'is not an allowed property',
      };
    case 'enum':
      return {
        pointer: error.instancePath,
        message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    default:
      return { pointer: error.instancePath, message: error.message ?? `fails ${error.keyword}` };
  }
}

/** Issues replacing ajv's `anyOf` errors whose branches are all `const`, and the branch errors they hide. */
interface CollapsedChoices {
  issues: Map<ErrorObject, FieldIssue>;
  hidden: Set<ErrorObject>;
}

/**
 * A union of literals (`anyOf` of `const`) fails with one "must be equal to constant" per branch plus "must
 * match a schema in anyOf"; this turns them into one issue listing the allowed values, e.g.
 * `must be one of: fatal, error, warn`.
 */
function collapseConstChoices(errors: readonly ErrorObject[]): CollapsedChoices {
  const collapsed: CollapsedChoices = { issues: new Map(), hidden: new Set() };
  for (const anyOf of errors.filter((error) => error.keyword === 'anyOf')) {
    const branchPrefix = `${anyOf.schemaPath}/`;
    const branches = errors.filter(
      (error) => error.schemaPath.startsWith(branchPrefix) && error.instancePath === anyOf.instancePath,
    );
    const allConst = branches.length > 0 && branches.every((error) => error.keyword === 'const');
    if (!allConst) continue;
    const allowed = branches.map((error) =>
      formatAllowedValue((error.params as { allowedValue: unknown }).allowedValue),
    );
    collapsed.issues.set(anyOf, {
      pointer: anyOf.instancePath,
      message: `must be one of: ${allowed.join(', ')}`,
    });
    for (const branch of branches) collapsed.hidden.add(branch);
  }
  return collapsed;
}

function formatAllowedValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function escapePointerSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
