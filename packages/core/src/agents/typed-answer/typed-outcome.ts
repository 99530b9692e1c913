import type { RunError } from '../../runs/index';
import type { RunMemory } from '../run-memory';
import type { Transcript } from '../transcript';
import { AnswerCheck } from './answer-check';
import { renderRetryRequest } from './output-instructions';

/** Error code of a run whose final answer still broke its `outputSchema` after one retry; `output` holds the raw answer. */
export const OUTPUT_INVALID = 'OUTPUT_INVALID';

/** How a typed answer ended: the parsed value, or `OUTPUT_INVALID` with the raw answer. */
export interface TypedOutcome {
  /** Succeeded with the parsed value, or failed. */
  status: 'succeeded' | 'failed';
  /** The parsed value, or the raw answer. */
  output: unknown;
  /** Why it failed. */
  error: RunError | null;
}

/**
 * Checks a final answer against the output schema. A broken answer is sent back once with the
 * validation errors (`retry` takes a turn without tools, with the schema as `format` where the model
 * supports it, and returns its raw reply); the run succeeds with the parsed value, or fails
 * `OUTPUT_INVALID` keeping the raw answer.
 */
export async function typedOutcome(
  answer: string,
  schema: Record<string, unknown>,
  io: { transcript: Transcript; memory: RunMemory; iteration: number; retry: () => Promise<string> },
): Promise<TypedOutcome> {
  const check = new AnswerCheck(schema);
  const first = check.check(answer);
  if (first.ok) return { status: 'succeeded', output: first.value, error: null };
  const request = renderRetryRequest(first.problems);
  io.transcript.addAssistant(answer, []);
  io.transcript.addRequest(request);
  io.memory.add('system', request, { iteration: io.iteration, problem: true });
  const raw = await io.retry();
  const second = check.check(raw);
  if (second.ok) return { status: 'succeeded', output: second.value, error: null };
  return {
    status: 'failed',
    output: raw,
    error: {
      code: OUTPUT_INVALID,
      message: `The answer does not follow the output schema, also after one retry (${second.problems.join('; ')}); the output holds the raw answer.`,
    },
  };
}
