import { api } from './client';
import { unwrap } from './problem';
import type { operations } from './schema';

/** An approval as the API sends it (arguments with secret fields masked). */
export type Approval =
  operations['listApprovals']['responses'][200]['content']['application/json']['items'][number];

/** The body of `POST /api/v1/approvals/{id}`: the decision, a reason, edited arguments. */
export type DecisionBody = operations['decideApproval']['requestBody']['content']['application/json'];

/** Approvals, newest first: pending ones by default, or those of one run (`runId`). */
export async function listApprovals(query: { runId?: string } = {}) {
  return unwrap(
    await api.GET('/api/v1/approvals', {
      params: { query: { limit: 200, status: 'pending', ...query } },
    }),
  ).items;
}

/** Records a decision; the answer is the decided approval (a second decision is a 409 `ALREADY_DECIDED`). */
export async function decideApproval(id: string, body: DecisionBody) {
  return unwrap(await api.POST('/api/v1/approvals/{id}', { params: { path: { id } }, body }));
}
