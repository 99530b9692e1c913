import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/start-test-server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await server.agentry.agents.create({
    name: 'clerk',
    role: 'Clerk',
    goals: ['File orders'],
    backstory: 'Files orders.',
    tools: [],
  });
  await server.agentry.workflows.create({
    name: 'invoice-filing',
    description: 'Files invoices.',
    inputs: {
      subject: { description: 'Subject line' },
      sender: { description: 'Who sent it' },
      note: { default: '' },
    },
    steps: [{ id: 'file', agent: 'clerk', task: 'File {inputs.subject} from {inputs.sender}' }],
  });
});
afterAll(async () => {
  await server.close();
});

const post = (json: unknown) => server.request('/api/v1/triggers', { method: 'POST', json });
const agentTrigger = {
  name: 'orders',
  kind: 'webhook',
  target: { kind: 'agent', name: 'clerk' },
  input: { task: 'File order {event.payload.order.id}' },
};

interface Problem {
  status: number;
  errors: { pointer: string; message: string }[];
}

async function pointers(response: Response): Promise<string[]> {
  expect(response.status).toBe(400);
  return ((await response.json()) as Problem).errors.map((error) => error.pointer);
}

describe('/api/v1/triggers', () => {
  it('refuses unknown event fields, payload fields the schema lacks, unknown targets and taskless agents', async () => {
    expect(await pointers(await post({ ...agentTrigger, input: { task: 'Do {event.subject}' } }))).toEqual([
      '/input/task',
    ]);
    const schema = { type: 'object', properties: { order: { type: 'object', properties: { id: {} } } } };
    const typo = {
      ...agentTrigger,
      input: { task: '{event.payload.order.ident}' },
      webhook: { payloadSchema: schema },
    };
    expect(await pointers(await post(typo))).toEqual(['/input/task']);
    expect(
      await pointers(await post({ ...agentTrigger, target: { kind: 'agent', name: 'nobody' } })),
    ).toContain('/target/name');
    expect(await pointers(await post({ ...agentTrigger, input: {} }))).toEqual(['/input/task']);
    expect(await pointers(await post({ ...agentTrigger, kind: 'email' }))).toEqual([
      '/email/configScope',
      '/input/task',
    ]);
    const list = (await (await server.request('/api/v1/triggers')).json()) as { items: unknown[] };
    expect(list.items).toEqual([]);
  });

  it("checks a workflow trigger's inputs mapping against the workflow's inputs", async () => {
    const mapping = { subject: '{event.payload.subject}', extra: 'x' };
    const response = await post({
      ...agentTrigger,
      name: 'invoices',
      target: { kind: 'workflow', name: 'invoice-filing' },
      input: mapping,
    });
    expect((await pointers(response)).sort()).toEqual(['/input/extra', '/input/sender']);
  });

  it('creates a trigger showing its secret once, then reads, lists, disables, edits and deletes it', async () => {
    const created = await post(agentTrigger);
    expect(created.status).toBe(201);
    const trigger = (await created.json()) as {
      id: string;
      secret: string;
      hookPath: string;
      secretSet: boolean;
    };
    expect(created.headers.get('location')).toBe(`/api/v1/triggers/${trigger.id}`);
    expect(trigger.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{32}$/);
    expect(trigger).toMatchObject({ hookPath: `/hooks/${trigger.id}`, secretSet: true, enabled: true });

    const read = (await (await server.request(`/api/v1/triggers/${trigger.id}`)).json()) as Record<
      string,
      unknown
    >;
    expect(read).not.toHaveProperty('secret');
    expect(JSON.stringify(read)).not.toContain(trigger.secret.slice(6));
    expect(read).toMatchObject({ secretSet: true, webhook: { allowUnsigned: false, maxBodyBytes: 65_536 } });

    const disabled = await server.request(`/api/v1/triggers/${trigger.id}`, {
      method: 'PATCH',
      json: { enabled: false, webhook: { rateLimitPerMinute: 5 } },
    });
    expect(await disabled.json()).toMatchObject({
      enabled: false,
      webhook: { rateLimitPerMinute: 5, maxBodyBytes: 65_536, allowUnsigned: false },
    });
    const badEdit = await server.request(`/api/v1/triggers/${trigger.id}`, {
      method: 'PATCH',
      json: { input: { task: '{event.nothing}' } },
    });
    expect(await pointers(badEdit)).toEqual(['/input/task']);

    const call = await server.request(`/hooks/${trigger.id}`, { method: 'POST', json: {}, key: null });
    expect(call.status).toBe(409);

    const list = (await (await server.request('/api/v1/triggers')).json()) as { items: { id: string }[] };
    expect(list.items.map((item) => item.id)).toEqual([trigger.id]);
    expect((await server.request(`/api/v1/triggers/${trigger.id}/events`)).status).toBe(200);
    expect((await server.request(`/api/v1/triggers/${trigger.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await server.request(`/api/v1/triggers/${trigger.id}`)).status).toBe(404);
    expect((await server.request(`/api/v1/triggers/${trigger.id}/events`)).status).toBe(404);
  });

  it('checks email options and variables, stores nothing on bad input, and shows an email trigger idle', async () => {
    const email = { configScope: { scope: 'tool' } };
    const mailTrigger = {
      ...agentTrigger,
      name: 'inbox',
      kind: 'email',
      input: { task: 'File {event.subject}' },
    };
    expect(
      await pointers(
        await post({ ...mailTrigger, email, input: { task: '{event.payload.x} {event.body}' } }),
      ),
    ).toEqual(['/input/task']);
    const unknownAgent = { configScope: { scope: 'agent', name: 'nobody' } };
    expect(await pointers(await post({ ...mailTrigger, email: unknownAgent }))).toEqual([
      '/email/configScope/name',
    ]);
    expect(await pointers(await post({ ...mailTrigger, email: { ...email, afterSuccess: 'move' } }))).toEqual(
      ['/email/moveTo'],
    );
    expect(await pointers(await post({ ...mailTrigger, email, webhook: { allowUnsigned: true } }))).toEqual([
      '/webhook',
    ]);
    expect(await pointers(await post({ ...agentTrigger, name: 'hook', email }))).toEqual(['/email']);
    expect((await server.agentry.triggers.list()).items.map((item) => item.name)).not.toContain('inbox');

    const created = await post({
      ...mailTrigger,
      email: { ...email, filter: { subjectContains: 'Invoice' } },
    });
    expect(created.status).toBe(201);
    const trigger = (await created.json()) as { id: string; createdAt: string };
    expect(trigger).toMatchObject({
      secret: null,
      secretSet: false,
      hookPath: null,
      email: { configScope: { scope: 'tool' }, mailbox: 'INBOX', afterSuccess: 'none' },
      health: { state: 'idle', since: trigger.createdAt },
    });
    const moved = await server.request(`/api/v1/triggers/${trigger.id}`, {
      method: 'PATCH',
      json: { email: { afterSuccess: 'move', moveTo: 'Filed' } },
    });
    expect(await moved.json()).toMatchObject({
      email: { afterSuccess: 'move', moveTo: 'Filed', filter: { subjectContains: 'Invoice' } },
      health: { state: 'idle' },
    });
    const call = await server.request(`/hooks/${trigger.id}`, { method: 'POST', json: {}, key: null });
    expect(call.status).toBeGreaterThanOrEqual(400);
    expect((await server.request(`/api/v1/triggers/${trigger.id}`, { method: 'DELETE' })).status).toBe(204);
  });

  it('refuses a second trigger with the same name', async () => {
    expect((await post({ ...agentTrigger, name: 'twin' })).status).toBe(201);
    expect((await post({ ...agentTrigger, name: 'twin' })).status).toBe(409);
  });
});
