import { reply } from '@agentry/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApprovalKit, startApprovalKit } from './approval.test-support';

// biome-ignore lint/suspicious/noExplicitAny: the tests read JSON whose shape they assert.
type Json = any;

describe('approval routes', () => {
  let kit: ApprovalKit;

  beforeAll(async () => {
    kit = await startApprovalKit({ security: { apiKey: 'admin-key-0123456789' } });
    const agent = {
      name: 'clerk',
      role: 'Clerk',
      goals: ['Tidy'],
      backstory: '',
      tools: ['archive_ticket'],
      memoryTurns: 0,
    };
    expect((await kit.call('POST', '/api/v1/agents', agent)).status).toBe(201);
  }, 120_000);
  afterAll(() => kit?.close());

  it('lists the pending call, approves it once (409 the second time), and the run shows who decided', async () => {
    kit.ollama.enqueue(
      reply.toolCalls([{ name: 'archive_ticket', arguments: { id: 7 } }]),
      reply.text('Archived 7.'),
    );
    const started = await kit.call('POST', '/api/v1/agents/clerk/run', { task: 'Archive ticket 7' });
    expect(started.body.status).toBe('waiting_approval');
    const pending = await kit.call('GET', '/api/v1/approvals');
    const approval = pending.body.items.find((item: Json) => item.runId === started.body.id);
    expect(approval).toMatchObject({ tool: 'archive_ticket', arguments: { id: 7 }, status: 'pending' });
    expect((await kit.call('GET', `/api/v1/approvals/${approval.id}`)).body.id).toBe(approval.id);
    const decided = await kit.call('POST', `/api/v1/approvals/${approval.id}`, { decision: 'approve' });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'approved', decidedBy: 'admin' });
    const run = await kit.runReaching(started.body.id, 'succeeded');
    expect(run.output).toBe('Archived 7.');
    expect(run.approvals).toMatchObject([{ id: approval.id, status: 'approved', decidedBy: 'admin' }]);
    expect(kit.archived).toEqual([7]);
    const second = await kit.call('POST', `/api/v1/approvals/${approval.id}`, {
      decision: 'reject',
      reason: 'late',
    });
    expect(second.status).toBe(409);
    expect(second.type).toContain('application/problem+json');
    expect(second.body.code).toBe('ALREADY_DECIDED');
    expect((await kit.call('GET', `/api/v1/approvals?runId=${started.body.id}`)).body.items).toHaveLength(1);
    expect(
      (await kit.call('GET', '/api/v1/approvals?status=approved')).body.items.map((a: Json) => a.id),
    ).toContain(approval.id);
  });

  it('answers 400 naming the bad field of edited arguments or the body, and 404 for an unknown approval', async () => {
    kit.ollama.enqueue(reply.toolCalls([{ name: 'archive_ticket', arguments: { id: 8 } }]));
    const started = await kit.call('POST', '/api/v1/agents/clerk/run', { task: 'Archive ticket 8' });
    const [approval] = (await kit.call('GET', `/api/v1/approvals?runId=${started.body.id}`)).body.items;
    const badArgs = await kit.call('POST', `/api/v1/approvals/${approval.id}`, {
      decision: 'approve',
      arguments: { id: 0 },
    });
    expect(badArgs.status).toBe(400);
    expect(badArgs.body.errors.map((error: Json) => error.pointer)).toEqual(['/arguments/id']);
    const badDecision = await kit.call('POST', `/api/v1/approvals/${approval.id}`, { decision: 'maybe' });
    expect(badDecision.status).toBe(400);
    expect(badDecision.body.errors.map((error: Json) => error.pointer)).toContain('/decision');
    expect((await kit.call('GET', `/api/v1/approvals/${approval.id}`)).body.status).toBe('pending');
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await kit.call('GET', `/api/v1/approvals/${missing}`)).status).toBe(404);
    expect((await kit.call('POST', `/api/v1/approvals/${missing}`, { decision: 'approve' })).status).toBe(
      404,
    );
    kit.ollama.enqueue(reply.text('Left it.'));
    const rejected = await kit.call('POST', `/api/v1/approvals/${approval.id}`, {
      decision: 'reject',
      reason: 'keep it',
    });
    expect(rejected.body).toMatchObject({ status: 'rejected', reason: 'keep it' });
    await kit.runReaching(started.body.id, 'succeeded');
    expect(kit.archived).not.toContain(8);
  });
});
