/** A JSON object. */
export type JsonObject = { [key: string]: unknown };

/** True for a plain JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Applies a JSON merge patch (RFC 7396) to `target`, returning a new value: objects merge recursively,
 * `null` removes a member, anything else replaces. Neither argument is changed.
 */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isJsonObject(patch)) return structuredClone(patch);
  const result: JsonObject = isJsonObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key], value);
  }
  return result;
}

/** Lists the dotted paths of every leaf a merge patch sets or removes, e.g. `['ollama.url']`. */
export function patchedPaths(patch: unknown, prefix = ''): string[] {
  if (!isJsonObject(patch)) return [prefix];
  return Object.entries(patch).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return isJsonObject(value) ? patchedPaths(value, path) : [path];
  });
}
