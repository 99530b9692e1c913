import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpServer, type TestSmtpServer } from '../../../../test-support/smtp-server';
import { startTestServer, type TestServer } from '../testing/start-test-server';

// biome-ignore lint/suspicious/noExplicitAny: the tests read JSON answers whose shape they assert.
type Json = any;

let server: TestServer;
let smtpA: TestSmtpServer;
let smtpB: TestSmtpServer;

const agentBase = { role: 'Mailer', goals: ['send mail'], backstory: '', tools: ['send_email'] };
const smtpConfig = (smtp: TestSmtpServer, from: string) => ({
  host: smtp.host,
  port: smtp.port,
  user: smtp.user,
  password: smtp.password,
  from,
});

beforeAll(async () => {
  server = await startTestServer();
  smtpA = await startSmtpServer({ user: 'alice-login', password: 'alice-smtp-password-1' });
  smtpB = await startSmtpServer({ user: 'bob-login', password: 'bob-smtp-password-2' });
  await server.agentry.repositories.agents.create({ ...agentBase, name: 'alice' });
  await server.agentry.repositories.agents.create({ ...agentBase, name: 'bob' });
});
afterAll(async () => {
  await server.close();
  await smtpA.close();
  await smtpB.close();
});

const put = (path: string, config: unknown) => server.request(path, { method: 'PUT', json: { config } });

describe('tool configs per agent', () => {
  it('lets two agents send through their own SMTP servers with their own credentials', async () => {
    expect(
      (await put('/api/v1/agents/alice/tools/send_email/config', smtpConfig(smtpA, 'alice@example.com')))
        .status,
    ).toBe(200);
    expect(
      (await put('/api/v1/agents/bob/tools/send_email/config', smtpConfig(smtpB, 'bob@example.com'))).status,
    ).toBe(200);

    const mail = { to: 'boss@example.com', subject: 'Report', text: 'All done.' };
    const byAlice = await server.agentry.tools.execute({
      tool: 'send_email',
      parameters: mail,
      scope: { agent: 'alice' },
    });
    const byBob = await server.agentry.tools.execute({
      tool: 'send_email',
      parameters: { ...mail, subject: 'Other' },
      scope: { agent: 'bob' },
    });

    expect(byAlice).toMatchObject({ ok: true, output: { accepted: ['boss@example.com'] } });
    expect(byBob.ok).toBe(true);
    expect(smtpA.messages.map((m) => [m.authenticatedUser, m.mail.subject, m.envelopeFrom])).toEqual([
      ['alice-login', 'Report', 'alice@example.com'],
    ]);
    expect(smtpB.messages.map((m) => [m.authenticatedUser, m.mail.subject, m.envelopeFrom])).toEqual([
      ['bob-login', 'Other', 'bob@example.com'],
    ]);
  });

  it('stores passwords encrypted: no plaintext in the database files or in API answers', async () => {
    const files = ['agentry.db', 'agentry.db-wal'].map((name) => {
      try {
        return readFileSync(join(server.dir, name)).toString('latin1');
      } catch {
        return '';
      }
    });
    for (const bytes of files) {
      expect(bytes).not.toContain('alice-smtp-password-1');
      expect(bytes).not.toContain('bob-smtp-password-2');
    }
    const answer = await server.request('/api/v1/agents/alice/tools/send_email/config');
    const body = (await answer.json()) as Json;
    expect(body).toMatchObject({ tool: 'send_email', scope: 'agent', scopeName: 'alice' });
    expect(body.config.password).toEqual({ set: true });
    expect(JSON.stringify(body)).not.toContain('alice-smtp-password-1');
  });

  it('keeps the stored secret when a PUT leaves it out, and still sends', async () => {
    const { password: _password, ...rest } = smtpConfig(smtpA, 'alice.new@example.com');
    expect((await put('/api/v1/agents/alice/tools/send_email/config', rest)).status).toBe(200);
    const outcome = await server.agentry.tools.execute({
      tool: 'send_email',
      parameters: { to: 'boss@example.com', subject: 'Again', text: 'x' },
      scope: { agent: 'alice' },
    });
    expect(outcome.ok).toBe(true);
    expect(smtpA.messages.at(-1)?.envelopeFrom).toBe('alice.new@example.com');
  });

  it('removes a stored secret sent as null, and keeps the other fields as sent', async () => {
    await server.agentry.repositories.agents.create({ ...agentBase, name: 'dave' });
    const path = '/api/v1/agents/dave/tools/send_email/config';
    expect((await put(path, smtpConfig(smtpB, 'dave@example.com'))).status).toBe(200);
    const { password: _password, ...rest } = smtpConfig(smtpB, 'dave@example.com');
    const cleared = await put(path, { ...rest, password: null });
    expect(cleared.status).toBe(200);
    const body = (await cleared.json()) as Json;
    expect(body.config).toEqual(rest);
    expect(((await (await server.request(path)).json()) as Json).config.password).toBeUndefined();
    const outcome = await server.agentry.tools.execute({
      tool: 'send_email',
      parameters: { to: 'boss@example.com', subject: 'No password', text: 'x' },
      scope: { agent: 'dave' },
    });
    expect(outcome.ok).toBe(false);
    const refused = await put(path, { ...rest, password: { set: true } });
    expect(refused.status).toBe(400);
  });

  it('refuses an invalid config naming each field and writes nothing', async () => {
    const response = await put('/api/v1/agents/alice/tools/send_email/config', { host: '', port: 'smtp' });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const pointers = ((await response.json()) as Json).errors
      .map((error: { pointer: string }) => error.pointer)
      .sort();
    expect(pointers).toEqual(['/config/host', '/config/port']);
    const stored = (await (
      await server.request('/api/v1/agents/alice/tools/send_email/config')
    ).json()) as Json;
    expect(stored.config.from).toBe('alice.new@example.com');
  });

  it('refuses { "set": true } for a password this scope never stored, and writes nothing', async () => {
    await server.agentry.repositories.agents.create({ ...agentBase, name: 'carol' });
    const response = await put('/api/v1/agents/carol/tools/send_email/config', {
      ...smtpConfig(smtpB, 'carol@example.com'),
      password: { set: true },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const pointers = ((await response.json()) as Json).errors.map(
      (error: { pointer: string }) => error.pointer,
    );
    expect(pointers).toEqual(['/config/password']);
    expect((await server.request('/api/v1/agents/carol/tools/send_email/config')).status).toBe(404);
  });

  it('answers 404 for an unknown agent, workflow or tool, and deletes a config', async () => {
    expect((await put('/api/v1/agents/nobody/tools/send_email/config', { host: 'x' })).status).toBe(404);
    expect((await put('/api/v1/workflows/none/tools/send_email/config', { host: 'x' })).status).toBe(404);
    expect((await put('/api/v1/tools/no_such_tool/config', {})).status).toBe(404);
    expect(
      (await put('/api/v1/tools/send_email/config', { host: 'default.example', from: 'x@example.com' }))
        .status,
    ).toBe(200);
    expect((await server.request('/api/v1/tools/send_email/config', { method: 'DELETE' })).status).toBe(204);
    expect((await server.request('/api/v1/tools/send_email/config')).status).toBe(404);
  });

  it('tells the model an admin must configure a tool that has no config for the caller', async () => {
    const response = await server.request('/api/v1/tools/send_email/execute', {
      method: 'POST',
      json: { parameters: { to: 'a@example.com', subject: 's', text: 't' } },
    });
    const body = (await response.json()) as Json;
    expect(body).toMatchObject({ ok: false, error: { code: 'INVALID_CONFIG' } });
    expect(body.error.message).toContain('/api/v1/tools/send_email/config');
    const notAllowed = await server.request('/api/v1/tools/http_get/execute', {
      method: 'POST',
      json: { parameters: { url: 'https://example.com' }, agent: 'alice' },
    });
    expect((await notAllowed.json()) as Json).toMatchObject({
      ok: false,
      error: { code: 'TOOL_NOT_ALLOWED' },
    });
  });
});
