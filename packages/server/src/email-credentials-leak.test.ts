import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { reply, type ScriptedOllama, startScriptedOllama } from '@agentry/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialForms, leakedForms } from '../../../test-support/credential-forms';
import { type ImapEchoServer, startImapEchoServer } from '../../../test-support/imap-echo-server';
import { startSmtpServer, type TestSmtpServer } from '../../../test-support/smtp-server';
import { type RecordingLogger, recordingLogger } from './testing/recording-logger';
import { startTestServer, type TestServer } from './testing/start-test-server';

// biome-ignore lint/suspicious/noExplicitAny: the test reads JSON answers whose shape it asserts.
type Json = any;

const USER = 'leak-check';
/** Occurs nowhere but in the stored tool configs: every hit anywhere else is a leak. */
const MARKER = 'Zq7-LeakMarker-0f3c9e';
const forms = credentialForms(USER, MARKER);
/** Travels where the marker would, unmasked: finding it proves each place is really searched. */
const CONTROL = 'Control-7d1a: send a mail, then read mail.';

describe('email tools against servers that echo the credentials', () => {
  let ollama: ScriptedOllama;
  let smtp: TestSmtpServer;
  let imap: ImapEchoServer;
  let server: TestServer;
  let logger: RecordingLogger;
  /** Every response body the test received, as text. */
  const bodies: string[] = [];

  const api = async (path: string, init: { method?: string; json?: unknown } = {}): Promise<Json> => {
    const response = await server.request(path, {
      method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
      json: init.json,
    });
    const text = await response.text();
    bodies.push(text);
    expect(response.status, `${path}: ${text}`).toBeLessThan(300);
    return response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
  };

  beforeAll(async () => {
    ollama = await startScriptedOllama();
    smtp = await startSmtpServer({ echoCredentials: true });
    imap = await startImapEchoServer();
    logger = recordingLogger();
    server = await startTestServer({ ollama: { url: ollama.url, model: 'llama3' } }, {}, { logger });
  });
  afterAll(async () => {
    await server.close();
    await Promise.all([ollama.close(), smtp.close(), imap.close()]);
  });

  it('shows the marker and its encodings 0 times in responses, runs, memory, the model, logs and the database', async () => {
    await api('/api/v1/agents', {
      json: {
        name: 'mailer',
        role: 'Mailer',
        goals: ['Mail'],
        backstory: 'Careful.',
        tools: ['send_email', 'read_emails'],
        // send_email is destructive: without this the run would wait for an approval (docs/approvals.md).
        approval: { default: 'never' },
      },
    });
    await api('/api/v1/agents/mailer/tools/send_email/config', {
      method: 'PUT',
      json: {
        config: { host: smtp.host, port: smtp.port, user: USER, password: MARKER, from: 'bot@agentry.test' },
      },
    });
    await api('/api/v1/agents/mailer/tools/read_emails/config', {
      method: 'PUT',
      json: { config: { host: imap.host, port: imap.port, secure: false, user: USER, password: MARKER } },
    });
    ollama.enqueue(
      reply.toolCalls([
        { name: 'send_email', arguments: { to: 'ana@example.test', subject: 'Hi', text: 'Hello' } },
      ]),
      reply.toolCalls([{ name: 'read_emails', arguments: {} }]),
      reply.text('Neither mail server let me in.'),
    );

    const run = await api('/api/v1/agents/mailer/run', { json: { task: CONTROL } });

    expect(run.status).toBe('succeeded');
    const observations = JSON.stringify((await api(`/api/v1/runs/${run.id}`)).steps);
    expect(observations).toContain(`SMTP authentication failed (535) at ${smtp.host}:${smtp.port}`);
    expect(observations).toContain(`IMAP authentication failed at ${imap.host}:${imap.port}`);
    expect(imap.logins).toBe(1);
    const direct = await api('/api/v1/tools/send_email/execute', {
      json: { agent: 'mailer', parameters: { to: 'ana@example.test', subject: 'Hi', text: 'Hello' } },
    });
    expect(direct).toMatchObject({ ok: false, error: { code: 'INVALID_CONFIG' } });
    await api(`/api/v1/runs/${run.id}/events`);
    await api('/api/v1/runs?limit=100');
    await api('/api/v1/agents/mailer/memory');
    await api('/api/v1/agents/mailer/tools/send_email/config');
    await api('/api/v1/agents/mailer/tools/read_emails/config');

    const database = join(server.dir, 'agentry.db');
    const files = [database, `${database}-wal`].filter((file) => existsSync(file));
    expect(files).toContain(database);
    const places: Record<string, string> = {
      responses: bodies.join('\n'),
      runs: JSON.stringify([
        await server.agentry.runs.list({}, { limit: 100 }),
        await server.agentry.runs.get(run.id),
      ]),
      memory: JSON.stringify(await server.agentry.memory.list({ agent: 'mailer' }, { limit: 100 })),
      model: JSON.stringify(ollama.chatRequests()),
      logs: logger.text(),
      database: files.map((file) => readFileSync(file).toString('latin1')).join('\n'),
    };
    for (const [place, text] of Object.entries(places)) {
      expect(text, place).toContain(place === 'logs' ? 'SMTP authentication failed (535)' : CONTROL);
    }
    for (const [place, text] of Object.entries(places)) expect(leakedForms(text, forms), place).toEqual({});
  });
});
