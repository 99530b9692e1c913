import { api } from './client';
import { unwrap } from './problem';
import type { operations } from './schema';

/** The body of `POST /api/v1/workflows`. */
export type WorkflowBody = operations['createWorkflow']['requestBody']['content']['application/json'];

/** One step as the API stores it (an agent step or a tool step). */
export type WorkflowStep = NonNullable<WorkflowBody['steps']>[number];

/** One workflow. */
export async function getWorkflow(name: string) {
  return unwrap(await api.GET('/api/v1/workflows/{name}', { params: { path: { name } } }));
}

/** Creates a workflow. */
export async function createWorkflow(body: WorkflowBody) {
  return unwrap(await api.POST('/api/v1/workflows', { body }));
}

/** Replaces workflow `name`'s definition (steps, description, inputs). */
export async function replaceWorkflow(name: string, body: Omit<WorkflowBody, 'name'>) {
  return unwrap(await api.PUT('/api/v1/workflows/{name}', { params: { path: { name } }, body }));
}

/** A trigger the drafter proposed with the steps: a `POST /api/v1/triggers` body without `target`. */
export type TriggerProposal = NonNullable<
  operations['draftWorkflow']['responses'][200]['content']['application/json']['trigger']
>;

/**
 * Steps the model drafted from `description` (and the workflow's `inputs`), for review, with the trigger
 * an event in the description calls for (nothing is saved or created).
 */
export async function draftWorkflow(description: string, inputs?: WorkflowBody['inputs']) {
  return unwrap(
    await api.POST('/api/v1/workflows/draft', { body: { description, ...(inputs ? { inputs } : {}) } }),
  );
}
