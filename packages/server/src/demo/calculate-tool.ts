import { BaseTool, ToolError } from '@agentry/core';
import { type Static, Type } from 'typebox';
import { ArithmeticSyntaxError, evaluateArithmetic, MAX_EXPRESSION_LENGTH } from './evaluate-arithmetic';

const CalculateParameters = Type.Object(
  {
    expression: Type.String({
      minLength: 1,
      maxLength: MAX_EXPRESSION_LENGTH,
      description: 'Arithmetic only: numbers, + - * / % ^ and parentheses, e.g. `17 * 23`.',
    }),
  },
  { additionalProperties: false },
);

/** Parameters of `calculate`. */
export type CalculateParams = Static<typeof CalculateParameters>;

/** What `calculate` returns. */
export interface CalculateResult {
  /** The expression as given. */
  expression: string;
  /** Its value. */
  result: number;
}

/**
 * `calculate` (demo mode only): evaluates an arithmetic expression with a safe parser (no `eval`).
 * Anything that is not arithmetic is refused with `INVALID_ARGUMENTS` naming the problem.
 */
export class CalculateTool extends BaseTool<CalculateParams, Record<string, never>, CalculateResult> {
  readonly name = 'calculate';
  readonly description =
    'Evaluates an arithmetic expression (numbers, + - * / % ^, parentheses) and returns the exact result.';
  readonly parameters = CalculateParameters;
  override readonly annotations = { readOnlyHint: true, destructiveHint: false };

  async execute(params: CalculateParams): Promise<CalculateResult> {
    try {
      return { expression: params.expression, result: evaluateArithmetic(params.expression) };
    } catch (error) {
      if (!(error instanceof ArithmeticSyntaxError)) throw error;
      throw new ToolError('INVALID_ARGUMENTS', this.name, `expression: ${error.message}`, {
        issues: [{ pointer: '/expression', message: error.message }],
        cause: error,
      });
    }
  }
}
