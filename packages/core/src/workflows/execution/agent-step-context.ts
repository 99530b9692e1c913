import type { StepOutcome } from '../variables/index';

/** Longest text of one earlier output shown to an agent as context. */
const OUTPUT_TEXT_LIMIT = 2_000;

/**
 * The workflow context an agent step receives: the workflow's name, its inputs and the outputs of the
 * earlier steps that succeeded, each cut to a readable length (the full values stay in the run's steps).
 */
export function agentStepContext(
  workflow: string,
  inputs: Record<string, unknown>,
  outcomes: ReadonlyMap<string, StepOutcome>,
): Record<string, unknown> {
  const steps: Record<string, unknown> = {};
  for (const [id, outcome] of outcomes) {
    steps[id] = outcome.status === 'succeeded' ? compact(outcome.output) : `(failed: ${outcome.message})`;
  }
  return { workflow, inputs, steps };
}

function compact(value: unknown): unknown {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text === undefined || text.length <= OUTPUT_TEXT_LIMIT) return value;
  return `${text.slice(0, OUTPUT_TEXT_LIMIT)}… [${text.length - OUTPUT_TEXT_LIMIT} more characters in the run record]`;
}
