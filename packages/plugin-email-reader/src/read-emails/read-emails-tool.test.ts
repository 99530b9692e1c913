import { type ToolContext, ToolError } from '@agentry/core';
import { createToolContext } from '@agentry/core/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  DOVECOT_HOW_TO_ENABLE,
  type DovecotServer,
  dovecotAvailable,
  startDovecot,
} from '../../../../test-support/dovecot';
import { freePort } from '../../../../test-support/free-port';
import { requireService } from '../../../../test-support/require-service';
import { type SilentServer, startSilentServer } from '../../../../test-support/silent-server';
import type { ReadEmailsConfig, ReadEmailsParams } from './read-emails-schemas';
import { ReadEmailsTool } from './read-emails-tool';

const available = requireService(dovecotAvailable(), 'read_emails against Dovecot', DOVECOT_HOW_TO_ENABLE);
const tool = new ReadEmailsTool();

function mail(from: string, subject: string, body: string, date: string): string {
  return [
    `From: ${from}`,
    'To: tester@agentry.test',
    `Subject: ${subject}`,
    `Date: ${new Date(date).toUTCString()}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    body,
    '',
  ].join('\r\n');
}

async function failure(promise: Promise<unknown>): Promise<ToolError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!ToolError.isInstance(error)) throw new Error(`expected a ToolError, got ${String(error)}`);
  return error;
}

describe.skipIf(!available)('read_emails against a real Dovecot', () => {
  let dovecot: DovecotServer;
  const uids: Record<string, number> = {};

  function context(extra: Partial<ReadEmailsConfig> = {}): ToolContext<ReadEmailsConfig> {
    const config = {
      host: dovecot.host,
      port: dovecot.port,
      secure: false,
      user: dovecot.user,
      password: dovecot.password,
    };
    return createToolContext({ config: { ...config, ...extra } as ReadEmailsConfig });
  }
  const read = (params: Partial<ReadEmailsParams> = {}, extra: Partial<ReadEmailsConfig> = {}) =>
    tool.execute(params as ReadEmailsParams, context(extra));

  beforeAll(async () => {
    dovecot = await startDovecot();
    const append = async (key: string, raw: string, received: string, flags: string[] = []) => {
      uids[key] = await dovecot.append(raw, { flags, date: new Date(received) });
    };
    await append(
      'old',
      mail('Ana <ana@example.test>', 'Invoice 41', 'Old invoice, paid.', '2024-01-10'),
      '2024-01-10',
      ['\\Seen'],
    );
    await append(
      'invoice',
      mail('Ana <ana@example.test>', 'Invoice 42', 'Please pay by Friday.', '2024-03-01'),
      '2024-03-01',
    );
    await append(
      'lunch',
      mail('Ben <ben@example.test>', 'Lunch?', 'Pizza at noon.', '2024-03-05'),
      '2024-03-05',
    );
    const html = [
      'From: News <news@example.test>',
      'To: tester@agentry.test',
      'Subject: Newsletter',
      'Date: Fri, 08 Mar 2024 09:00:00 +0000',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<html><body><h1>Spring sale</h1><p>Everything <b>half</b> price.</p></body></html>',
      '',
    ].join('\r\n');
    await append('html', html, '2024-03-08');
  });
  afterAll(() => dovecot?.stop());

  it('returns messages newest first with sender, recipients, subject, date and body', async () => {
    const result = await read();
    expect(result.mailbox).toBe('INBOX');
    expect(result.total).toBe(4);
    expect(result.messages.map((message) => message.subject)).toEqual([
      'Newsletter',
      'Lunch?',
      'Invoice 42',
      'Invoice 41',
    ]);
    expect(result.messages[1]).toEqual({
      uid: uids.lunch,
      from: 'Ben <ben@example.test>',
      to: 'tester@agentry.test',
      subject: 'Lunch?',
      date: '2024-03-05T00:00:00.000Z',
      text: 'Pizza at noon.',
      truncated: false,
    });
  });

  it('reads only unseen messages when asked', async () => {
    const result = await read({ search: { unseen: true } });
    expect(result.messages.map((message) => message.subject)).toEqual(['Newsletter', 'Lunch?', 'Invoice 42']);
  });

  it('searches by sender, subject and receive date', async () => {
    const fromAna = await read({ search: { from: 'ana@example.test' } });
    expect(fromAna.messages.map((message) => message.uid)).toEqual([uids.invoice, uids.old]);
    const invoice42 = await read({ search: { subject: 'Invoice 42' } });
    expect(invoice42.messages.map((message) => message.uid)).toEqual([uids.invoice]);
    const recent = await read({ search: { since: '2024-03-04' } });
    expect(recent.messages.map((message) => message.subject)).toEqual(['Newsletter', 'Lunch?']);
    const byBody = await read({ search: { text: 'pizza' } });
    expect(byBody.messages.map((message) => message.uid)).toEqual([uids.lunch]);
  });

  it('returns at most limit messages, the newest, and the total that matched', async () => {
    const result = await read({ limit: 2 });
    expect(result.total).toBe(4);
    expect(result.messages.map((message) => message.uid)).toEqual([uids.html, uids.lunch]);
  });

  it('converts HTML-only mail to plain text', async () => {
    const result = await read({ search: { subject: 'Newsletter' } });
    const text = result.messages[0]?.text ?? '';
    expect(text).toContain('SPRING SALE');
    expect(text).toContain('Everything half price.');
    expect(text).not.toContain('<');
  });

  it('cuts long bodies to maxBodyChars and says so', async () => {
    await dovecot.append(mail('Long <long@example.test>', 'Long one', 'x'.repeat(500), '2024-02-01'), {
      mailbox: 'Archive',
    });
    const result = await read({ mailbox: 'Archive' }, { maxBodyChars: 100 });
    expect(result.messages[0]?.truncated).toBe(true);
    expect(result.messages[0]?.text).toBe(`${'x'.repeat(100)}…`);
  });

  it('leaves messages unread by default and marks them read only with markSeen', async () => {
    await read({ search: { subject: 'Lunch?' } });
    expect(await dovecot.flags(uids.lunch as number)).not.toContain('\\Seen');

    await read({ search: { subject: 'Lunch?' }, markSeen: true });
    expect(await dovecot.flags(uids.lunch as number)).toContain('\\Seen');
    expect(await dovecot.flags(uids.invoice as number)).not.toContain('\\Seen');
  });

  it('logs out after a successful read and after a failed one', async () => {
    const before = (await dovecot.disconnectReasons()).length;
    await read({ limit: 1 });
    await failure(read({ mailbox: 'Missing' }));
    const reasons = await vi.waitFor(async () => {
      const all = await dovecot.disconnectReasons();
      if (all.length < before + 2) throw new Error('sessions still open');
      return all.slice(before);
    });
    expect(reasons.length).toBeGreaterThanOrEqual(2);
    expect(new Set(reasons)).toEqual(new Set(['Logged out']));
  });

  it('refuses a wrong password with a clear error that does not contain the password', async () => {
    const error = await failure(read({}, { password: 'not-the-password-9' }));
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/^IMAP authentication failed/);
    expect(error.message).not.toContain('not-the-password-9');
  });

  it('names a mailbox that does not exist', async () => {
    const error = await failure(read({ mailbox: 'Nope' }));
    expect(error.code).toBe('INVALID_ARGUMENTS');
    expect(error.message).toContain('"Nope" does not exist');
    expect(error.issues.map((issue) => issue.pointer)).toEqual(['/mailbox']);
  });

  it('rejects a limit above 50, naming the field', async () => {
    const error = await failure(read({ limit: 500 }));
    expect(error.code).toBe('INVALID_ARGUMENTS');
    expect(error.issues.map((issue) => issue.pointer)).toEqual(['/limit']);
  });
});

describe.skipIf(!available)('read_emails over TLS', () => {
  let dovecot: DovecotServer;
  beforeAll(async () => {
    dovecot = await startDovecot({ tls: true });
    await dovecot.append(mail('Ana <ana@example.test>', 'Over TLS', 'Encrypted hello.', '2024-03-01'));
  });
  afterAll(() => dovecot?.stop());

  const config = (extra: Partial<ReadEmailsConfig> = {}) =>
    ({
      host: dovecot.host,
      port: dovecot.port,
      user: dovecot.user,
      password: dovecot.password,
      ...extra,
    }) as ReadEmailsConfig;

  it('reads over implicit TLS when the certificate is accepted', async () => {
    const result = await tool.execute(
      {} as ReadEmailsParams,
      createToolContext({ config: config({ tlsRejectUnauthorized: false }) }),
    );
    expect(result.messages.map((message) => message.text)).toEqual(['Encrypted hello.']);
  });

  it('refuses an untrusted certificate by default', async () => {
    const error = await failure(
      tool.execute({} as ReadEmailsParams, createToolContext({ config: config() })),
    );
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.message).toContain('self-signed certificate');
  });
});

describe('read_emails when the server cannot be reached', () => {
  let silent: SilentServer;
  beforeAll(async () => {
    silent = await startSilentServer();
  });
  afterAll(() => silent.close());

  const unreachable = (port: number, extra: Partial<ReadEmailsConfig> = {}) =>
    ({
      host: '127.0.0.1',
      port,
      secure: false,
      user: 'tester',
      password: 'pw',
      ...extra,
    }) as ReadEmailsConfig;

  it('fails with a retryable error on a closed port', async () => {
    const port = await freePort();
    const error = await failure(
      tool.execute({} as ReadEmailsParams, createToolContext({ config: unreachable(port) })),
    );
    expect(error.code).toBe('TOOL_UNAVAILABLE');
    expect(error.retryable).toBe(true);
    expect(error.message).toContain(`127.0.0.1:${port}`);
  });

  it('times out with a retryable error when the server never greets', async () => {
    const config = unreachable(silent.port, { timeoutMs: 300 });
    const error = await failure(tool.execute({} as ReadEmailsParams, createToolContext({ config })));
    expect(error.code).toBe('TOOL_UNAVAILABLE');
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('did not answer in time');
  });

  it('does not connect when the call is already cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const context = createToolContext({ config: unreachable(silent.port), signal: controller.signal });
    const error = await failure(tool.execute({} as ReadEmailsParams, context));
    expect(error.code).toBe('TOOL_ABORTED');
  });

  it('stops waiting when the call is cancelled mid-way', async () => {
    const controller = new AbortController();
    const context = createToolContext({ config: unreachable(silent.port), signal: controller.signal });
    const reading = tool.execute({} as ReadEmailsParams, context);
    setTimeout(() => controller.abort(), 50);
    const error = await failure(reading);
    expect(error.code).toBe('TOOL_ABORTED');
  });
});
