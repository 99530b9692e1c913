import { BaseTool, definePlugin } from '@agentry/core';
import { reply, type ScriptedOllama, startScriptedOllama } from '@agentry/core/testing';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/start-test-server';

// biome-ignore lint/suspicious/noExplicitAny: the tests read JSON whose shape they assert.
type Json = any;

const archived: string[] = [];

class ArchiveTicket extends BaseTool<{ id: number }> {
  readonly name = 'archive_ticket';
  readonly description = 'Archives a ticket.';
  readonly parameters = Type.Object({ id: Type.Integer({ minimum: 1 }) });
  override readonly annotations = { destructiveHint: true };
  async execute(params: { id: number }) {
    archived.push(String(params.id));
    return `archived ${params.id}`;
  }
}

describe('approval routes', () => {
  let ollama: ScriptedOllama;
  let server: TestServer;

  const call = async (method: string, path: string, json?: unknown) => {
    const response = await server.request(path, { method, json });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: (await response.json()) as Json,
    };
  };

  async function waitFor(runId: string, status: string): Promise<Json> {
    for (let i = 0; i < 200; i++) {
      const run = await call('GET', `/api/v1/runs/${runId}`);
      if (run.body.status === status) return run.body;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`run ${runId} never became ${status}`);
  }

  beforeAll(async () => {
    ollama = await startScriptedOllama();
    server = await startTestServer(
      { ollama: { url: ollama.url, model: 'llama3' }, security: { apiKey: 'admin-key-0123456789' } },
      {},
      { plugins: [definePlugin({ name: 'tickets', version: '1.0.0', tools: [ArchiveTicket] })] },
    );
    const agent = {
      name: 'clerk',
      role: 'Clerk',
      goals: ['Tidy'],
      backstory: '',
      tools: ['archive_ticket'],
      memoryTurns: 0,
    };
    expect((await call('POST', '/api/v1/agents', agent)).status).toBe(201);
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await ollama?.close();
  });

  it('lists the pending call, approves it once (409 the second time), and the run shows who decided', async () => {
    ollama.enqueue(
      reply.toolCalls([{ name: 'archive_ticket', arguments: { id: 7 } }]),
      reply.text('Archived 7.'),
    );
    const started = await call('POST', '/api/v1/agents/clerk/run', { task: 'Archive ticket 7' });
    expect(started.body.status).toBe('waiting_approval');
    const pending = await call('GET', '/api/v1/approvals');
    const approval = pending.body.items.find((item: Json) => item.runId === started.body.id);
    expect(approval).toMatchObject({ tool: 'archive_ticket', arguments: { id: 7 }, status: 'pending' });
    expect((await call('GET', `/api/v1/approvals/${approval.id}`)).body.id).toBe(approval.id);
    const decided = await call('POST', `/api/v1/approvals/${approval.id}`, { decision: 'approve' });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'approved', decidedBy: 'admin' });
    const run = await waitFor(started.body.id, 'succeeded');
    expect(run.output).toBe('Archived 7.');
    expect(run.approvals).toMatchObject([{ id: approval.id, status: 'approved', decidedBy: 'admin' }]);
    expect(archived).toEqual(['7']);
    const second = await call('POST', `/api/v1/approvals/${approval.id}`, {
      decision: 'reject',
      reason: 'late',
    });
    expect(second.status).toBe(409);
    expect(second.type).toContain('application/problem+json');
    expect(second.body.code).toBe('ALREADY_DECIDED');
    expect((await call('GET', `/api/v1/approvals?runId=${started.body.id}`)).body.items).toHaveLength(1);
    expect(
      (await call('GET', '/api/v1/approvals?status=approved')).body.items.map((a: Json) => a.id),
    ).toContain(approval.id);
  });

  it('answers 400 naming the bad field of edited arguments or the body, and 404 for an unknown approval', async () => {
    ollama.enqueue(reply.toolCalls([{ name: 'archive_ticket', arguments: { id: 8 } }]));
    const started = await call('POST', '/api/v1/agents/clerk/run', { task: 'Archive ticket 8' });
    const [approval] = (await call('GET', `/api/v1/approvals?runId=${started.body.id}`)).body.items;
    const badArgs = await call('POST', `/api/v1/approvals/${approval.id}`, {
      decision: 'approve',
      arguments: { id: 0 },
    });
    expect(badArgs.status).toBe(400);
    expect(badArgs.body.errors.map((error: Json) => error.pointer)).toEqual(['/arguments/id']);
    const badDecision = await call('POST', `/api/v1/approvals/${approval.id}`, { decision: 'maybe' });
    expect(badDecision.status).toBe(400);
    expect(badDecision.body.errors.map((error: Json) => error.pointer)).toContain('/decision');
    expect((await call('GET', `/api/v1/approvals/${approval.id}`)).body.status).toBe('pending');
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await call('GET', `/api/v1/approvals/${missing}`)).status).toBe(404);
    expect((await call('POST', `/api/v1/approvals/${missing}`, { decision: 'approve' })).status).toBe(404);
    ollama.enqueue(reply.text('Left it.'));
    const rejected = await call('POST', `/api/v1/approvals/${approval.id}`, {
      decision: 'reject',
      reason: 'keep it',
    });
    expect(rejected.body).toMatchObject({ status: 'rejected', reason: 'keep it' });
    await waitFor(started.body.id, 'succeeded');
    expect(archived).not.toContain('8');
  });
});
