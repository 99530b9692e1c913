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

/** Steps the model drafted from `description` (and the workflow's `inputs`), for review (nothing is saved). */
export async function draftWorkflow(description: string, inputs?: WorkflowBody['inputs']) {
  return unwrap(
    await api.POST('/api/v1/workflows/draft', { body: { description, ...(inputs ? { inputs } : {}) } }),
  );
}
