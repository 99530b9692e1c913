import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  DOVECOT_HOW_TO_ENABLE,
  type DovecotServer,
  dovecotAvailable,
  startDovecot,
} from '../../../../test-support/dovecot';
import { requireService } from '../../../../test-support/require-service';
import { startSmtpServer, type TestSmtpServer } from '../../../../test-support/smtp-server';
import { type RecordingLogger, recordingLogger } from '../testing/recording-logger';
import { startTestServer, type TestServer } from '../testing/start-test-server';
import { FAST_WATCH, waitForHealth } from './email-trigger.test-support';

const dovecotUp = requireService(dovecotAvailable(), 'email trigger failure notices', DOVECOT_HOW_TO_ENABLE);

describe.skipIf(!dovecotUp)('email trigger failure notice', { timeout: 120_000 }, () => {
  let dovecot: DovecotServer;
  let smtp: TestSmtpServer;
  let server: TestServer;
  let logger: RecordingLogger;

  beforeAll(async () => {
    dovecot = await startDovecot();
    smtp = await startSmtpServer();
    logger = recordingLogger();
    server = await startTestServer(
      {
        scheduler: { enabled: true, intervalMs: 100 },
        triggers: { email: { pollSeconds: 1, failingAfterSeconds: 1, notifyTo: ['ops@agentry.test'] } },
      },
      {},
      { logger, emailWatchTiming: FAST_WATCH },
    );
    const mailer = await server.request('/api/v1/tools/send_email/config', {
      method: 'PUT',
      json: { config: smtpConfig() },
    });
    expect(mailer.status).toBe(200);
    await server.agentry.agents.create({
      name: 'clerk',
      role: 'Clerk',
      goals: ['File invoices'],
      backstory: 'Files invoices.',
      tools: [],
    });
  });
  const smtpConfig = () => ({
    host: smtp.host,
    port: smtp.port,
    user: smtp.user,
    password: smtp.password,
    from: 'Agentry <agentry@agentry.test>',
  });
  /** An email trigger reading with agent clerk's read_emails configuration. */
  const createAgentScopedTrigger = async (name: string): Promise<string> => {
    const created = await server.request('/api/v1/triggers', {
      method: 'POST',
      json: {
        name,
        kind: 'email',
        target: { kind: 'agent', name: 'clerk' },
        input: { task: 'File {event.subject}' },
        email: { configScope: { scope: 'agent', name: 'clerk' } },
      },
    });
    expect(created.status).toBe(201);
    return ((await created.json()) as { id: string }).id;
  };

  afterAll(async () => {
    await server?.close();
    await smtp?.close();
    await dovecot?.stop();
  });

  it('mails triggers.email.notifyTo once per failing episode, with the trigger and its last error', async () => {
    // No scope has a read_emails configuration: the trigger fails at once, without a connection.
    const failingId = await createAgentScopedTrigger('notice-probe');
    const failing = await waitForHealth(server, failingId, 'failing');
    expect(failing.health?.lastError?.code).toBe('EMAIL_CONFIG_MISSING');
    await vi.waitFor(() => expect(smtp.messages).toHaveLength(1), { timeout: 30_000, interval: 100 });
    const [notice] = smtp.messages;
    expect(notice?.envelopeTo).toEqual(['ops@agentry.test']);
    expect(notice?.mail.subject).toBe("Agentry email trigger 'notice-probe' is failing");
    expect(notice?.mail.text).toContain(failingId);
    expect(notice?.mail.text).toContain('EMAIL_CONFIG_MISSING');
    // It keeps failing (reconnect attempts every 0.2–1 s) without a second notice in the same episode.
    await new Promise((wait) => setTimeout(wait, 3000));
    expect((await waitForHealth(server, failingId, 'failing')).health?.state).toBe('failing');
    expect(smtp.messages).toHaveLength(1);

    const imap = {
      host: dovecot.host,
      port: dovecot.port,
      secure: false,
      user: dovecot.user,
      password: dovecot.password,
    };
    const configured = await server.request('/api/v1/agents/clerk/tools/read_emails/config', {
      method: 'PUT',
      json: { config: imap },
    });
    expect(configured.status).toBe(200);
    await waitForHealth(server, failingId, 'connected');
    const removed = await server.request('/api/v1/agents/clerk/tools/read_emails/config', {
      method: 'DELETE',
    });
    expect(removed.status).toBe(204);
    // Editing the trigger restarts its watcher, which now finds no configuration: a new failing episode.
    const edited = await server.request(`/api/v1/triggers/${failingId}`, {
      method: 'PATCH',
      json: { email: { mailbox: 'INBOX' }, maxRetries: 1 },
    });
    expect(edited.status).toBe(200);
    await vi.waitFor(() => expect(smtp.messages).toHaveLength(2), { timeout: 30_000, interval: 100 });
    const sent = logger.lines.filter((line) => line.message === 'email trigger failure notice sent');
    expect(sent).toHaveLength(2);
  });

  it('logs a notice it cannot send at warn, and sends none when notifyTo is empty', async () => {
    const refused = await server.request('/api/v1/config', {
      method: 'PATCH',
      json: { triggers: { email: { notifyTo: ['not-allowed@elsewhere.test'] } } },
    });
    expect(refused.status).toBe(200);
    const allow = await server.request('/api/v1/tools/send_email/config', {
      method: 'PUT',
      json: { config: { ...smtpConfig(), allowRecipients: ['@agentry.test'] } },
    });
    expect(allow.status).toBe(200);
    const id = await createAgentScopedTrigger('refused-notice');
    await waitForHealth(server, id, 'failing');
    await vi.waitFor(
      () => {
        const warned = logger.lines.filter(
          (line) => line.message === 'email trigger failure notice not sent' && line.data.includes(id),
        );
        expect(warned).toHaveLength(1);
      },
      { timeout: 30_000, interval: 100 },
    );
    expect(smtp.messages).toHaveLength(2);

    const off = await server.request('/api/v1/config', {
      method: 'PATCH',
      json: { triggers: { email: { notifyTo: [] } } },
    });
    expect(off.status).toBe(200);
    const quiet = await createAgentScopedTrigger('quiet');
    await waitForHealth(server, quiet, 'failing');
    expect(
      logger.lines.filter((line) => line.message.includes('notice') && line.data.includes(quiet)),
    ).toEqual([]);
    expect(smtp.messages).toHaveLength(2);
  });

  it('notices a trigger whose IMAP server went away: failing with the connection error, mailed once', async () => {
    const on = await server.request('/api/v1/config', {
      method: 'PATCH',
      json: { triggers: { email: { notifyTo: ['ops@agentry.test'] } } },
    });
    expect(on.status).toBe(200);
    const configured = await server.request('/api/v1/agents/clerk/tools/read_emails/config', {
      method: 'PUT',
      json: {
        config: {
          host: dovecot.host,
          port: dovecot.port,
          secure: false,
          user: dovecot.user,
          password: dovecot.password,
        },
      },
    });
    expect(configured.status).toBe(200);
    const id = await createAgentScopedTrigger('server-gone');
    await waitForHealth(server, id, 'connected');
    const aboutServerGone = () =>
      smtp.messages.filter(
        (message) => message.mail.subject === "Agentry email trigger 'server-gone' is failing",
      );
    await dovecot.halt(); // every open IMAP session ends with it
    try {
      const failing = await waitForHealth(server, id, 'failing');
      expect(failing.health?.lastError?.code).toMatch(/^EMAIL_CONNECTION_(LOST|FAILED)$/);
      // Other triggers of this file may mail their own episodes meanwhile; this one mails exactly once.
      await vi.waitFor(() => expect(aboutServerGone()).toHaveLength(1), { timeout: 30_000, interval: 100 });
      expect(aboutServerGone()[0]?.mail.text).toContain(id);
    } finally {
      await dovecot.restart();
    }
    await waitForHealth(server, id, 'connected');
  });
});
