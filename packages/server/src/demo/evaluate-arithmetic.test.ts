import { describe, expect, it } from 'vitest';
import { ArithmeticSyntaxError, evaluateArithmetic } from './evaluate-arithmetic';

describe('evaluateArithmetic', () => {
  it.each([
    ['17 * 23', 391],
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['2 ^ 3 ^ 2', 512],
    ['-4 + -(-2)', -2],
    ['10 % 4', 2],
    ['.5 * 4', 2],
    ['7 / 2', 3.5],
  ])('evaluates %s to %d', (expression, expected) => {
    expect(evaluateArithmetic(expression)).toBe(expected);
  });

  it.each([
    ["require('child_process')", /not arithmetic/],
    ['constructor', /not arithmetic/],
    ['1 + 1; process.exit()', /not arithmetic/],
    ['2 +', /ends too early/],
    ['(1 + 2', /missing/],
    ['1 2', /unexpected '2'/],
    ['1 / 0', /division by zero/],
    ['10 ^ 400', /not a finite number/],
    ['', /empty/],
    ['1+'.repeat(150), /longer than/],
  ])('refuses %s', (expression, message) => {
    expect(() => evaluateArithmetic(expression)).toThrow(ArithmeticSyntaxError);
    expect(() => evaluateArithmetic(expression)).toThrow(message);
  });
});
