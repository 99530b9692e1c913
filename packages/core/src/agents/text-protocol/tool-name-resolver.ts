const MAX_NAME_LENGTH = 200;

/**
 * Maps the tool names models write to registered names. Exact names win; otherwise the comparison
 * ignores case, a `functions.` prefix (an OpenAI habit), surrounding quotes or backticks, and the
 * difference between `-`, `_`, `.` and spaces, as long as exactly one registered tool matches.
 */
export class ToolNameResolver {
  private readonly exact: Set<string>;
  private readonly loose = new Map<string, string | null>();

  /** Indexes the registered tool names once. */
  constructor(readonly knownTools: readonly string[]) {
    this.exact = new Set(knownTools);
    for (const name of knownTools) {
      const key = looseKey(name);
      this.loose.set(key, this.loose.has(key) ? null : name);
    }
  }

  /** The registered name `written` refers to, or undefined when no single tool matches. */
  resolve(written: string): string | undefined {
    if (this.exact.has(written)) return written;
    if (written.length > MAX_NAME_LENGTH) return undefined;
    return this.loose.get(looseKey(written)) ?? undefined;
  }
}

function looseKey(name: string): string {
  return name
    .trim()
    .replace(/^[`'"]+|[`'"]+$/g, '')
    .replace(/^functions\./i, '')
    .toLowerCase()
    .replace(/[-_.\s]+/g, '_');
}
