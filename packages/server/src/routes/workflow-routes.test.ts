import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { reply, type ScriptedOllama, startScriptedOllama } from '@agentry/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpServer, type TestSmtpServer } from '../../../../test-support/smtp-server';
import { startTestServer, type TestServer } from '../testing/start-test-server';

let ollama: ScriptedOllama;
let smtp: TestSmtpServer;
let site: Server;
let siteUrl: string;
let siteHits = 0;
let server: TestServer;

beforeAll(async () => {
  ollama = await startScriptedOllama();
  smtp = await startSmtpServer();
  site = createServer((_req, res) => {
    siteHits += 1;
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('Sales rose 10% in March; returns fell.');
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  server = await startTestServer({ ollama: { url: ollama.url } });
  await server.agentry.agents.create({
    name: 'writer',
    role: 'Report summariser',
    goals: ['Summarise reports in one sentence'],
    backstory: 'Writes short digests.',
    tools: [],
  });
});
afterAll(async () => {
  await server.close();
  await ollama.close();
  await smtp.close();
  site.close();
});

type RunBody = { id: string; status: string; steps: Array<{ stepId: string; status: string }> };
type Problem = { title: string; errors: Array<{ pointer: string; message: string }> };
type WorkflowPage = { items: Array<{ name: string }> };

const post = (path: string, json: unknown, headers: Record<string, string> = {}) =>
  server.request(path, { method: 'POST', json, headers });

describe('workflows over REST', () => {
  it('runs http_get → agent with {previous} → send_email with {steps.<id>.output}, and the mail arrives', async () => {
    const created = await post('/api/v1/workflows', {
      name: 'report-digest',
      description: 'Fetch the sales report, summarise it, mail the summary to the boss.',
      steps: [
        { id: 'fetch', tool: 'http_get', parameters: { url: `${siteUrl}/report` } },
        { id: 'summarise', agent: 'writer', task: 'Summarise this report in one sentence: {previous}' },
        {
          id: 'mail',
          tool: 'send_email',
          parameters: { to: 'boss@example.com', subject: 'Daily digest', text: '{steps.summarise.output}' },
          // send_email is destructive: without this the step waits for approval (workflow-approval-routes.test.ts)
          approval: { default: 'never' },
        },
      ],
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/api/v1/workflows/report-digest');
    const configs = {
      http_get: { allowHosts: [siteUrl.slice('http://'.length)] },
      send_email: {
        host: smtp.host,
        port: smtp.port,
        user: smtp.user,
        password: smtp.password,
        from: 'Agentry <bot@example.com>',
        allowRecipients: ['boss@example.com'],
      },
    };
    for (const [tool, config] of Object.entries(configs)) {
      const put = await server.request(`/api/v1/workflows/report-digest/tools/${tool}/config`, {
        method: 'PUT',
        json: { config },
      });
      expect(put.status).toBe(200);
    }
    ollama.enqueue(reply.text('Sales are up 10% and returns are down.'));

    const response = await post('/api/v1/workflows/report-digest/run', {});
    const run = (await response.json()) as RunBody;
    expect(response.status).toBe(200);
    expect(run).toMatchObject({ kind: 'workflow', target: 'report-digest', status: 'succeeded' });
    expect(run.steps.map((step) => [step.stepId, step.status])).toEqual([
      ['fetch', 'succeeded'],
      ['summarise', 'succeeded'],
      ['mail', 'succeeded'],
    ]);
    expect(ollama.chatRequests()[0]?.messages?.at(-1)?.content).toContain('Sales rose 10% in March');
    expect(siteHits).toBe(1);
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]?.mail.subject).toBe('Daily digest');
    expect(smtp.messages[0]?.mail.text?.trim()).toBe('Sales are up 10% and returns are down.');
    const child = await server.agentry.runs.list({ agent: 'writer' });
    expect(child.items[0]?.parentRunId).toBe(run.id);
  });

  it('answers 400 naming the step and the variable (and secrets put in step configs), and writes nothing', async () => {
    const response = await post('/api/v1/workflows', {
      name: 'broken',
      description: 'Refers forward.',
      steps: [
        { id: 'a', agent: 'writer', task: 'Use {steps.b.output}' },
        { id: 'b', agent: 'ghost', task: 'Anything' },
        {
          id: 'c',
          tool: 'send_email',
          parameters: { to: 'a@example.com', subject: 'x', text: '{previous}' },
          toolConfigs: { send_email: { host: 'smtp.example.com', password: 'in clear' } },
        },
      ],
    });
    expect(response.status).toBe(400);
    const problem = (await response.json()) as Problem;
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { pointer: '/steps/0/task', message: expect.stringContaining('{steps.b.output} refers to step') },
        { pointer: '/steps/1/agent', message: "no agent is called 'ghost'" },
        {
          pointer: '/steps/2/toolConfigs/send_email/password',
          message: expect.stringContaining("'password' is secret"),
        },
      ]),
    );
    expect((await server.request('/api/v1/workflows/broken')).status).toBe(404);
  });

  it('refuses to run a disabled workflow with 409, then runs it async (202 + Location) once enabled', async () => {
    await post('/api/v1/workflows', {
      name: 'echo-once',
      description: 'Ask the writer.',
      enabled: false,
      steps: [{ id: 'ask', agent: 'writer', task: 'Say hi' }],
    });
    const refused = await post('/api/v1/workflows/echo-once/run', {});
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as Problem).title).toBeDefined();

    expect((await post('/api/v1/workflows/echo-once/enable', undefined)).status).toBe(200);
    ollama.enqueue(reply.text('hi'));
    const accepted = await post('/api/v1/workflows/echo-once/run', { async: true });
    expect(accepted.status).toBe(202);
    const queued = (await accepted.json()) as RunBody;
    expect(accepted.headers.get('location')).toBe(`/api/v1/runs/${queued.id}`);
    const finished = await server.agentry.runs.waitFor(queued.id);
    expect(finished).toMatchObject({ status: 'succeeded', output: 'hi' });
    const listed = (await server.request('/api/v1/runs?workflow=echo-once').then((r) => r.json())) as {
      items: RunBody[];
    };
    expect(listed.items.map((item) => item.id)).toEqual([queued.id]);
    const step = await server
      .request(`/api/v1/runs/${queued.id}`)
      .then(async (r) => (await r.json()) as RunBody);
    expect(step.steps).toMatchObject([{ stepId: 'ask', status: 'succeeded' }]);
  });

  it('streams the run as Server-Sent Events with Accept: text/event-stream', async () => {
    ollama.enqueue(reply.text('streamed hi'));
    const response = await post('/api/v1/workflows/echo-once/run', {}, { accept: 'text/event-stream' });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const text = await response.text();
    expect(text).toContain('event: run.started');
    expect(text).toContain('event: step.finished');
    expect(text.trim().split('\n\n').at(-1)).toContain('event: run.finished');
  });

  it('drafts steps from a description without saving, and creates a generated workflow when steps are omitted', async () => {
    const steps = [{ id: 'ask', agent: 'writer', task: 'Summarise {inputs.topic}' }];
    ollama.enqueue(reply.json({ steps }));
    const draft = await post('/api/v1/workflows/draft', {
      description: 'Summarise a topic.',
      inputs: { topic: { default: 'news' } },
    });
    expect(draft.status).toBe(200);
    expect(await draft.json()).toEqual({ steps, generated: true });
    expect(
      (
        await server
          .request('/api/v1/workflows?limit=200')
          .then(async (r) => (await r.json()) as WorkflowPage)
      ).items.map((w: { name: string }) => w.name),
    ).not.toContain('summary');

    ollama.enqueue(
      reply.json({ steps: [{ id: 'x', tool: 'nope', parameters: {} }] }),
      reply.text('still not json'),
    );
    const failed = await post('/api/v1/workflows', { name: 'summary', description: 'Summarise a topic.' });
    expect(failed.status).toBe(422);

    ollama.enqueue(reply.json({ steps }));
    const created = await post('/api/v1/workflows', {
      name: 'summary',
      description: 'Summarise a topic.',
      inputs: { topic: { default: 'news' } },
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ generated: true, steps });
  });

  it('drafts a trigger proposal for "when an email arrives…" without creating it; POSTing it with the saved workflow as target creates it', async () => {
    const steps = [{ id: 'ask', agent: 'writer', task: 'Summarise {inputs.invoice}' }];
    const trigger = {
      kind: 'email',
      name: 'invoice-mail',
      email: { filter: { from: 'invoices@example.com' } },
      input: { invoice: '{event.body}' },
    };
    ollama.enqueue(reply.json({ steps, trigger }));
    const description = 'When an email arrives from invoices@example.com, summarise it.';
    const inputs = { invoice: { description: 'The invoice text' } };
    const draft = await post('/api/v1/workflows/draft', { description, inputs });
    expect(draft.status).toBe(200);
    const proposed = (await draft.json()) as { trigger: Record<string, unknown> };
    expect(proposed).toEqual({
      steps,
      generated: true,
      trigger: {
        kind: 'email',
        name: 'invoice-mail',
        input: { invoice: '{event.body}' },
        email: { configScope: { scope: 'tool' }, mailbox: 'INBOX', filter: { from: 'invoices@example.com' } },
      },
    });
    const before = (await server.request('/api/v1/triggers').then((r) => r.json())) as { items: unknown[] };
    expect(before.items).toEqual([]);

    expect((await post('/api/v1/workflows', { name: 'invoices', description, inputs, steps })).status).toBe(
      201,
    );
    const created = await post('/api/v1/triggers', {
      ...proposed.trigger,
      target: { kind: 'workflow', name: 'invoices' },
      enabled: false,
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      name: 'invoice-mail',
      kind: 'email',
      target: { name: 'invoices' },
    });
  });

  it('patches, lists, disables and deletes workflows, with their tool configurations', async () => {
    const patched = await server.request('/api/v1/workflows/echo-once', {
      method: 'PATCH',
      json: { steps: [{ id: 'ask', agent: 'writer', task: 'Say hello' }] },
    });
    expect(await patched.json()).toMatchObject({ generated: false, steps: [{ task: 'Say hello' }] });
    await post('/api/v1/workflows/echo-once/disable', undefined);
    const disabled = await server
      .request('/api/v1/workflows?enabled=false')
      .then(async (r) => (await r.json()) as WorkflowPage);
    expect(disabled.items.map((w: { name: string }) => w.name)).toEqual(['echo-once']);
    const config = '/api/v1/workflows/echo-once/tools/http_get/config';
    await server.request(config, { method: 'PUT', json: { config: { allowHosts: ['intranet.local'] } } });
    expect((await server.request(config)).status).toBe(200);
    expect((await server.request('/api/v1/workflows/echo-once', { method: 'DELETE' })).status).toBe(204);
    expect((await server.request('/api/v1/workflows/echo-once')).status).toBe(404);
    const again = await post('/api/v1/workflows', {
      name: 'echo-once',
      description: 'Same name, new workflow.',
      steps: [{ id: 'ask', agent: 'writer', task: 'Say hi' }],
    });
    expect(again.status).toBe(201);
    expect((await server.request(config)).status).toBe(404);
  });
});
