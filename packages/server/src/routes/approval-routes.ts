import {
  type Agentry,
  Approval,
  ApprovalDecision,
  ApprovalStatus,
  PageOf,
  PaginationQuery,
  Uuid,
} from '@agentry/core';
import { Type } from 'typebox';
import { type AnyRoute, defineRoute } from '../http/route';
import { ANONYMOUS } from '../middleware/authenticate';

const ApprovalIdParams = Type.Object({ id: Uuid });
const ApprovalListQuery = Type.Object({
  ...PaginationQuery.properties,
  status: Type.Optional(ApprovalStatus),
  runId: Type.Optional(Uuid),
});

/** Approvals of tool calls that wait for a person: list, details, decide. */
export function approvalRoutes(agentry: Agentry): AnyRoute[] {
  const approvals = agentry.approvals;
  return [
    defineRoute<never, Type.Static<typeof ApprovalListQuery>>({
      method: 'GET',
      path: '/api/v1/approvals',
      operationId: 'listApprovals',
      summary: 'Approvals, newest first: pending ones unless `status` or `runId` says otherwise.',
      tag: 'approvals',
      query: ApprovalListQuery,
      responses: {
        200: { description: 'A page of approvals.', schema: PageOf(Approval, 'ApprovalPage') },
      },
      handler: async ({ query: { limit, cursor, status, runId } }) => ({
        body: await approvals.list(
          { status: status ?? (runId === undefined ? 'pending' : undefined), runId },
          { limit, cursor },
        ),
      }),
    }),
    defineRoute<Type.Static<typeof ApprovalIdParams>>({
      method: 'GET',
      path: '/api/v1/approvals/:id',
      operationId: 'getApproval',
      summary: 'One approval: the call (secret arguments masked), the model’s reasoning and the decision.',
      tag: 'approvals',
      params: ApprovalIdParams,
      responses: { 200: { description: 'The approval.', schema: Approval } },
      handler: async ({ params }) => ({ body: await approvals.get(params.id) }),
    }),
    defineRoute<Type.Static<typeof ApprovalIdParams>, never, ApprovalDecision>({
      method: 'POST',
      path: '/api/v1/approvals/:id',
      operationId: 'decideApproval',
      summary: 'Approve (optionally with edited arguments) or reject a pending call; the run goes on.',
      description:
        'Recorded once: a second decision is 409 `ALREADY_DECIDED`. Edited `arguments` are checked against the tool’s schema (400 names each bad field under `/arguments`). The decision is recorded with the API key’s name (`anonymous` when the server has no keys).',
      tag: 'approvals',
      params: ApprovalIdParams,
      body: ApprovalDecision,
      responses: { 200: { description: 'The decided approval.', schema: Approval } },
      handler: async ({ params, body, ctx }) => ({
        body: await approvals.decide(params.id, body, String(ctx.state.principal ?? ANONYMOUS)),
      }),
    }),
  ];
}
