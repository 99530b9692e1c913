/** Outcome of {@link parseTolerantJson}: the value, or a sentence saying what is wrong and where. */
export type TolerantJsonResult = { ok: true; value: unknown } | { ok: false; problem: string };

const MAX_DEPTH = 64;
const BARE_WORDS: Record<string, unknown> = {
  true: true,
  false: false,
  null: null,
  True: true,
  False: false,
  None: null,
};
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '/': '/' };

/**
 * Parses JSON the way small models write it: strict JSON, plus single-quoted strings, unquoted keys,
 * trailing or missing commas, raw line breaks inside strings, and Python's `True`/`False`/`None`.
 * A single recursive-descent pass (nesting limited to 64 levels); nothing after the value is allowed
 * except whitespace.
 */
export function parseTolerantJson(text: string): TolerantJsonResult {
  const reader = new Reader(text);
  try {
    reader.skipSpace();
    const value = reader.value(0);
    reader.skipSpace();
    if (!reader.atEnd()) reader.fail(`unexpected text after the JSON value`);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof SyntaxProblem) return { ok: false, problem: error.message };
    throw error;
  }
}

class SyntaxProblem extends Error {}

class Reader {
  private at = 0;

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.at >= this.text.length;
  }

  fail(what: string): never {
    const near = this.text.slice(this.at, this.at + 20);
    throw new SyntaxProblem(
      this.atEnd()
        ? `${what}: the JSON ends too early`
        : `${what} at character ${this.at + 1} (near "${near}")`,
    );
  }

  skipSpace(): void {
    while (this.at < this.text.length && /\s/.test(this.text[this.at]!)) this.at++;
  }

  value(depth: number): unknown {
    if (depth > MAX_DEPTH) this.fail('nesting is too deep');
    const char = this.text[this.at];
    if (char === '{') return this.object(depth + 1);
    if (char === '[') return this.array(depth + 1);
    if (char === '"' || char === "'") return this.string(char);
    if (char !== undefined && /[-+0-9.]/.test(char)) return this.number();
    const start = this.at;
    const word = this.word();
    if (Object.hasOwn(BARE_WORDS, word)) return BARE_WORDS[word];
    this.at = start;
    return this.fail(word === '' ? 'expected a value' : `unknown word "${word}" (strings need quotes)`);
  }

  private object(depth: number): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    this.at++;
    for (;;) {
      this.skipSeparators();
      if (this.text[this.at] === '}') {
        this.at++;
        return result;
      }
      if (this.atEnd()) this.fail('an object is not closed with "}"');
      const char = this.text[this.at];
      const key = char === '"' || char === "'" ? this.string(char) : this.word();
      if (key === '') this.fail('expected a key');
      this.skipSpace();
      if (this.text[this.at] !== ':') this.fail(`expected ":" after the key "${key}"`);
      this.at++;
      this.skipSpace();
      Object.defineProperty(result, key, {
        value: this.value(depth),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }

  private array(depth: number): unknown[] {
    const result: unknown[] = [];
    this.at++;
    for (;;) {
      this.skipSeparators();
      if (this.text[this.at] === ']') {
        this.at++;
        return result;
      }
      if (this.atEnd()) this.fail('an array is not closed with "]"');
      result.push(this.value(depth));
    }
  }

  /** Commas are optional and may trail: skip any run of whitespace and commas. */
  private skipSeparators(): void {
    while (this.at < this.text.length && /[\s,]/.test(this.text[this.at]!)) this.at++;
  }

  private string(quote: string): string {
    let result = '';
    this.at++;
    while (this.at < this.text.length) {
      const char = this.text[this.at++]!;
      if (char === quote) return result;
      if (char !== '\\') {
        result += char;
        continue;
      }
      const escaped = this.text[this.at++];
      if (escaped === undefined) break;
      if (escaped === 'u') {
        const hex = this.text.slice(this.at, this.at + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('invalid \\u escape');
        result += String.fromCharCode(Number.parseInt(hex, 16));
        this.at += 4;
      } else {
        result += ESCAPES[escaped] ?? escaped;
      }
    }
    return this.fail(`a string is not closed with ${quote}`);
  }

  private number(): number {
    const match = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(this.text.slice(this.at, this.at + 64));
    if (!match) this.fail('invalid number');
    this.at += match[0].length;
    return Number(match[0]);
  }

  private word(): string {
    const start = this.at;
    while (this.at < this.text.length && /[\w$.-]/.test(this.text[this.at]!)) this.at++;
    return this.text.slice(start, this.at);
  }
}
