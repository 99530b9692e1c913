import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../../test-support/free-port';
import { type RecordingLogger, recordingLogger } from '../testing/recording-logger';
import { startTestServer, type TestServer } from '../testing/start-test-server';
import { FAST_WATCH, waitForHealth } from './email-trigger.test-support';

let server: TestServer;
let logger: RecordingLogger;

beforeAll(async () => {
  logger = recordingLogger();
  server = await startTestServer(
    {
      scheduler: { enabled: true, intervalMs: 100 },
      triggers: { email: { pollSeconds: 1, failingAfterSeconds: 1 } },
    },
    {},
    { logger, emailWatchTiming: FAST_WATCH },
  );
  await server.agentry.agents.create({
    name: 'clerk',
    role: 'Clerk',
    goals: ['File invoices'],
    backstory: 'Files invoices.',
    tools: [],
  });
});
afterAll(async () => {
  await server?.close();
});

async function createTrigger(name: string, scope: Record<string, string>): Promise<string> {
  const created = await server.request('/api/v1/triggers', {
    method: 'POST',
    json: {
      name,
      kind: 'email',
      target: { kind: 'agent', name: 'clerk' },
      input: { task: 'File {event.subject}' },
      email: { configScope: scope },
    },
  });
  expect(created.status).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

describe('email trigger health', () => {
  it('shows reconnecting, then failing logged at error, when the scope has no IMAP configuration', async () => {
    const id = await createTrigger('unconfigured', { scope: 'agent', name: 'clerk' });
    const reconnecting = await waitForHealth(server, id, 'reconnecting');
    expect(reconnecting.health?.lastError?.code).toBe('EMAIL_CONFIG_MISSING');
    expect(reconnecting.health?.lastError?.message).toContain("agent 'clerk' has no host, user, password");
    const failing = await waitForHealth(server, id, 'failing');
    expect(failing.health?.lastError?.code).toBe('EMAIL_CONFIG_MISSING');
    const errors = logger.lines.filter((line) => line.level === 'error' && line.data.includes(id));
    expect(errors.map((line) => line.message)).toEqual(['email trigger failing: cannot watch its mailbox']);
  });

  it('names the connection failure when nothing listens at the configured port, and is idle once disabled', async () => {
    const port = await freePort();
    const config = await server.request('/api/v1/tools/read_emails/config', {
      method: 'PUT',
      json: { config: { host: '127.0.0.1', port, secure: false, user: 'u', password: 'p' } },
    });
    expect(config.status).toBe(200);
    const id = await createTrigger('closed-port', { scope: 'tool' });
    const down = await waitForHealth(server, id, 'reconnecting');
    expect(down.health?.lastError?.code).toBe('EMAIL_CONNECTION_FAILED');
    const disabled = await server.request(`/api/v1/triggers/${id}`, {
      method: 'PATCH',
      json: { enabled: false },
    });
    expect(disabled.status).toBe(200);
    const idle = await waitForHealth(server, id, 'idle');
    expect(idle.health?.lastError?.code).toBe('EMAIL_CONNECTION_FAILED');
  });
});
