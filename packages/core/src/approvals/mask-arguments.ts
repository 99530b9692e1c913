/** What a masked argument shows. */
export const MASKED = '***';

/** Argument names that hold secrets even when the schema does not say so. */
const SECRET_NAME = /pass(word)?|secret|token|api[_-]?key|credential|authorization/i;

/**
 * A copy of a call's arguments safe to show to approvers: each top-level field the tool's parameters
 * schema marks `secret: true`, or whose name says it is a secret (password, token, apiKey, ...), becomes
 * `***`.
 */
export function maskArguments(args: Record<string, unknown>, schema: unknown): Record<string, unknown> {
  const properties = (schema as { properties?: Record<string, { secret?: unknown }> } | undefined)
    ?.properties;
  const masked: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(args)) {
    const secret = properties?.[name]?.secret === true || SECRET_NAME.test(name);
    masked[name] = secret && value !== undefined && value !== null ? MASKED : value;
  }
  return masked;
}
