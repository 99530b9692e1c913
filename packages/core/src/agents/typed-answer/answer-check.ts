import type { Validator } from '../../validation/validator';
import { compileOutputSchema } from './compile-output-schema';
import { parseStructuredAnswer } from './parse-structured-answer';

/** Outcome of checking one answer: the parsed value, or what is wrong with it (for the model). */
export type AnswerVerdict = { ok: true; value: unknown } | { ok: false; problems: string[] };

/**
 * Checks final answers against an output schema: parses them tolerantly ({@link parseStructuredAnswer})
 * and validates the value with ajv. The schema is compiled once; it was checked when it was saved.
 */
export class AnswerCheck {
  private readonly validator: Validator<unknown>;

  /** Compiles `schema`; throws `ValidationError` when it is not valid JSON Schema. */
  constructor(readonly schema: Record<string, unknown>) {
    this.validator = compileOutputSchema(schema);
  }

  /** The parsed answer when it follows the schema, otherwise one line per problem. */
  check(answer: string): AnswerVerdict {
    const parsed = parseStructuredAnswer(answer);
    if (!parsed.ok) return { ok: false, problems: [parsed.problem] };
    const issues = this.validator.issues(parsed.value);
    if (issues.length === 0) return { ok: true, value: parsed.value };
    return {
      ok: false,
      problems: issues.map(
        (issue) => `${issue.pointer === '' ? 'the answer' : issue.pointer} ${issue.message}`,
      ),
    };
  }
}
