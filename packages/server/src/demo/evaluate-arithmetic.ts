/** Longest expression {@link evaluateArithmetic} accepts, in characters. */
export const MAX_EXPRESSION_LENGTH = 200;

/** Why an expression was refused: names the position and what was expected. */
export class ArithmeticSyntaxError extends Error {
  /** Stable code of the refusal. */
  readonly code = 'INVALID_EXPRESSION';

  /** Creates the error. */
  constructor(message: string) {
    super(message);
    this.name = 'ArithmeticSyntaxError';
  }
}

type Token = { kind: 'number'; value: number; at: number } | { kind: 'symbol'; value: string; at: number };

const symbols = new Set(['+', '-', '*', '/', '%', '^', '(', ')']);

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const char = text.charAt(at);
    if (/\s/.test(char)) {
      at += 1;
      continue;
    }
    const number = /^(\d+(\.\d+)?|\.\d+)/.exec(text.slice(at));
    if (number) {
      tokens.push({ kind: 'number', value: Number(number[0]), at });
      at += number[0].length;
      continue;
    }
    if (!symbols.has(char))
      throw new ArithmeticSyntaxError(
        `'${char}' at position ${at + 1} is not arithmetic: use numbers, + - * / % ^ and parentheses`,
      );
    tokens.push({ kind: 'symbol', value: char, at });
    at += 1;
  }
  return tokens;
}

/**
 * Evaluates an arithmetic expression with a small recursive-descent parser (never `eval`): numbers,
 * `+ - * / %`, `^` (power, right-associative), unary minus and parentheses. Throws
 * {@link ArithmeticSyntaxError} for anything else, a division by zero or a non-finite result.
 *
 * @example
 * evaluateArithmetic('17 * 23'); // 391
 */
export function evaluateArithmetic(expression: string): number {
  if (expression.trim() === '') throw new ArithmeticSyntaxError('the expression is empty');
  if (expression.length > MAX_EXPRESSION_LENGTH)
    throw new ArithmeticSyntaxError(`the expression is longer than ${MAX_EXPRESSION_LENGTH} characters`);
  const tokens = tokenize(expression);
  let index = 0;
  const peek = () => tokens[index];
  const take = (value: string) => {
    const token = peek();
    if (token?.kind === 'symbol' && token.value === value) {
      index += 1;
      return true;
    }
    return false;
  };

  function sum(): number {
    let value = product();
    for (;;) {
      if (take('+')) value += product();
      else if (take('-')) value -= product();
      else return value;
    }
  }
  function product(): number {
    let value = power();
    for (;;) {
      if (take('*')) value *= power();
      else if (take('/')) value = divide(value, power(), (a, b) => a / b);
      else if (take('%')) value = divide(value, power(), (a, b) => a % b);
      else return value;
    }
  }
  function power(): number {
    const base = unary();
    return take('^') ? base ** power() : base;
  }
  function unary(): number {
    if (take('-')) return -unary();
    if (take('+')) return unary();
    return primary();
  }
  function primary(): number {
    const token = peek();
    if (token === undefined) throw new ArithmeticSyntaxError('the expression ends too early');
    if (token.kind === 'number') {
      index += 1;
      return token.value;
    }
    if (take('(')) {
      const value = sum();
      if (!take(')')) throw new ArithmeticSyntaxError(`a ')' is missing after position ${token.at + 1}`);
      return value;
    }
    throw new ArithmeticSyntaxError(`unexpected '${token.value}' at position ${token.at + 1}`);
  }

  const result = sum();
  const rest = peek();
  if (rest) throw new ArithmeticSyntaxError(`unexpected '${rest.value}' at position ${rest.at + 1}`);
  if (!Number.isFinite(result)) throw new ArithmeticSyntaxError('the result is not a finite number');
  return result;
}

function divide(left: number, right: number, operation: (a: number, b: number) => number): number {
  if (right === 0) throw new ArithmeticSyntaxError('division by zero');
  return operation(left, right);
}
