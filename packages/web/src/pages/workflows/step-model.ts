import type { WorkflowStep } from '../../api/workflows';

/** One step as the list editor edits it: an agent with a task, or a tool with parameters as JSON text. */
export interface StepDraft {
  /** A key for React; not sent. */
  key: number;
  id: string;
  kind: 'agent' | 'tool';
  agent: string;
  /** The agent's task, with `{inputs.x}`, `{steps.<id>.output}` or `{previous}` variables. */
  task: string;
  tool: string;
  /** The tool's parameters as JSON text (strings may hold the same variables). */
  parameters: string;
  /** Fields the editor does not show (onError, retries, …), kept as they were. */
  rest: Record<string, unknown>;
}

let nextKey = 1;

/** A new, empty agent step numbered `index + 1`. */
export function emptyStep(index: number): StepDraft {
  return {
    key: nextKey++,
    id: `step-${index + 1}`,
    kind: 'agent',
    agent: '',
    task: '',
    tool: '',
    parameters: '{}',
    rest: {},
  };
}

/** The editor's form of a step the API returned. */
export function stepDraft(step: WorkflowStep): StepDraft {
  const { id, agent, task, tool, parameters, ...rest } = step as Record<string, unknown>;
  const isTool = typeof tool === 'string';
  return {
    key: nextKey++,
    id: String(id ?? ''),
    kind: isTool ? 'tool' : 'agent',
    agent: typeof agent === 'string' ? agent : '',
    task: typeof task === 'string' ? task : '',
    tool: isTool ? tool : '',
    parameters: JSON.stringify(parameters ?? {}, null, 2),
    rest,
  };
}

/** The steps to send, or the message of each step whose parameters are not a JSON object. */
export function apiSteps(
  drafts: readonly StepDraft[],
): { ok: true; steps: WorkflowStep[] } | { ok: false; errors: Record<number, string> } {
  const errors: Record<number, string> = {};
  const steps = drafts.map((draft, index) => {
    if (draft.kind === 'agent')
      return { ...draft.rest, id: draft.id.trim(), agent: draft.agent, task: draft.task };
    let parameters: unknown;
    try {
      parameters = JSON.parse(draft.parameters || '{}');
    } catch {
      parameters = undefined;
    }
    if (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters))
      errors[index] = 'Parameters must be a JSON object.';
    return { ...draft.rest, id: draft.id.trim(), tool: draft.tool, parameters };
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, steps: steps as WorkflowStep[] };
}

/** The `{…}` variables a task or parameters text uses, in order, without repeats (`{{` is a literal brace). */
export function variablesIn(text: string): string[] {
  const found = text.replace(/\{\{|\}\}/g, '').match(/\{[^{}\s]+\}/g) ?? [];
  return [...new Set(found)];
}
