import { parseTemplate } from './parse-template';
import type { VariableReference } from './variable-reference';
import { VariableResolutionError } from './variable-resolution-error';

/** How an earlier step ended, as far as variables are concerned. */
export type StepOutcome = { status: 'succeeded'; output: unknown } | { status: 'failed'; message: string };

/** The values variables are filled from while a workflow runs. */
export interface VariableValues {
  /** The run's inputs (defaults applied). */
  inputs: Record<string, unknown>;
  /** Outcomes of the steps that have finished, by step id. */
  steps: ReadonlyMap<string, StepOutcome>;
  /** Id of the step just before the current one, if any. */
  previousStepId?: string;
}

/**
 * Fills the variables in `value` (strings, recursively inside objects and arrays). A string that is exactly
 * one variable takes the value with its type; inside text, objects and arrays are written as JSON. Throws
 * {@link VariableResolutionError} when a value is missing.
 */
export function resolveVariables(value: unknown, values: VariableValues): unknown {
  if (typeof value === 'string') return resolveString(value, values);
  if (Array.isArray(value)) return value.map((item) => resolveVariables(item, values));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, resolveVariables(item, values)]),
    );
  }
  return value;
}

function resolveString(template: string, values: VariableValues): unknown {
  const { parts } = parseTemplate(template);
  const [only] = parts;
  if (parts.length === 1 && only?.kind === 'variable') return lookUp(only.variable, values);
  return parts
    .map((part) => (part.kind === 'text' ? part.text : asText(lookUp(part.variable, values))))
    .join('');
}

/** The value of one variable; throws {@link VariableResolutionError} when there is none. */
export function lookUp(variable: VariableReference, values: VariableValues): unknown {
  const { source } = variable;
  let value: unknown;
  if (source.kind === 'input') {
    if (!Object.hasOwn(values.inputs, source.name)) {
      throw new VariableResolutionError(
        variable.text,
        `input '${source.name}' was not given and has no default.`,
      );
    }
    value = values.inputs[source.name];
  } else {
    const stepId = source.kind === 'step' ? source.stepId : values.previousStepId;
    if (stepId === undefined) throw new VariableResolutionError(variable.text, 'there is no previous step.');
    value = stepOutput(variable, stepId, values);
  }
  return followPath(variable, value);
}

function stepOutput(variable: VariableReference, stepId: string, values: VariableValues): unknown {
  const outcome = values.steps.get(stepId);
  if (outcome === undefined)
    throw new VariableResolutionError(variable.text, `step '${stepId}' has not run.`);
  if (outcome.status === 'failed') {
    throw new VariableResolutionError(variable.text, `step '${stepId}' failed (${outcome.message}).`);
  }
  return outcome.output;
}

function followPath(variable: VariableReference, start: unknown): unknown {
  let value = start;
  const walked: string[] = [];
  for (const segment of variable.path) {
    const container = typeof value === 'string' ? parseJsonObject(value) : value;
    if (typeof container !== 'object' || container === null || !Object.hasOwn(container, segment)) {
      const where = walked.length === 0 ? 'the value' : `'${walked.join('.')}'`;
      throw new VariableResolutionError(variable.text, `${where} has no '${segment}'.`);
    }
    value = (container as Record<string, unknown>)[segment];
    walked.push(segment);
  }
  if (value === undefined) throw new VariableResolutionError(variable.text, 'the value is missing.');
  return value;
}

/** Agents answer with text; when that text is a JSON object or array, paths can reach into it. */
function parseJsonObject(text: string): unknown {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  try {
    return JSON.parse(trimmed);
  } catch {
    return undefined;
  }
}

function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}
