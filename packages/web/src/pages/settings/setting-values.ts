/** One setting in force: its dotted key, its value, and whether it is a secret (shown only as set). */
export interface SettingRow {
  key: string;
  value: unknown;
  secret: boolean;
}

/** The settings document as rows, depth first; a `{ "set": … }` object is one secret row. */
export function settingRows(value: unknown, prefix = ''): SettingRow[] {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const object = value as Record<string, unknown>;
    if (Object.keys(object).length === 1 && object.set !== undefined)
      return [{ key: prefix, value: object.set === true, secret: true }];
    return Object.entries(object).flatMap(([key, inner]) =>
      settingRows(inner, prefix ? `${prefix}.${key}` : key),
    );
  }
  return [{ key: prefix, value, secret: false }];
}

/** How a value is shown and edited: strings as they are, everything else as JSON. */
export function settingText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The value typed for a setting whose current value is `current`: text for a string setting, JSON for
 * the others (a number, a boolean, a list), or `null` to remove the runtime change. The API checks it.
 */
export function parseSettingText(
  current: unknown,
  text: string,
): { ok: true; value: unknown } | { ok: false } {
  const trimmed = text.trim();
  if (trimmed === 'null') return { ok: true, value: null };
  if (typeof current === 'string' || current === null || current === undefined)
    return { ok: true, value: text };
  try {
    return { ok: true, value: JSON.parse(trimmed) };
  } catch {
    return { ok: false };
  }
}

/** The JSON merge patch that sets dotted `key` to `value`, e.g. `agent.maxIterations` → `{ agent: { maxIterations } }`. */
export function settingPatch(key: string, value: unknown): Record<string, unknown> {
  return key.split('.').reduceRight<unknown>((inner, part) => ({ [part]: inner }), value) as Record<
    string,
    unknown
  >;
}

/** The dotted keys of the fields a problem names (`/agent/maxIterations` → `agent.maxIterations`). */
export function settingKey(pointer: string): string {
  return pointer.replace(/^\//, '').split('/').join('.');
}
