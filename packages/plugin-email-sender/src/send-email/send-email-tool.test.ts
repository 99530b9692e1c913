import { type ToolContext, ToolError } from '@agentry/core';
import { createToolContext } from '@agentry/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../../test-support/free-port';
import { type SilentServer, startSilentServer } from '../../../../test-support/silent-server';
import { startSmtpServer, type TestSmtpServer } from '../../../../test-support/smtp-server';
import type { SendEmailConfig } from './send-email-schemas';
import { SendEmailTool } from './send-email-tool';

const tool = new SendEmailTool();

function context(config: Partial<SendEmailConfig>, signal?: AbortSignal): ToolContext<SendEmailConfig> {
  return createToolContext({ config: config as SendEmailConfig, signal, scope: { agent: 'test' } });
}

function configFor(server: TestSmtpServer, extra: Partial<SendEmailConfig> = {}): Partial<SendEmailConfig> {
  return {
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
    from: 'Agentry <bot@agentry.test>',
    ...extra,
  };
}

async function failure(promise: Promise<unknown>): Promise<ToolError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!ToolError.isInstance(error)) throw new Error(`expected a ToolError, got ${String(error)}`);
  return error;
}

describe('send_email over plain SMTP with AUTH', () => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startSmtpServer({ rejectRecipients: ['nobody@agentry.test'] });
  });
  afterAll(() => smtp.close());

  it('delivers the message with to, cc, bcc, reply-to and both bodies', async () => {
    const result = await tool.execute(
      {
        to: ['ana@example.test', 'ben@example.test'],
        cc: 'cy@example.test',
        bcc: 'dee@example.test',
        replyTo: 'help@agentry.test',
        subject: 'Weekly report',
        text: 'All green.',
        html: '<p>All <b>green</b>.</p>',
      },
      context(configFor(smtp)),
    );

    expect(result.accepted).toEqual([
      'ana@example.test',
      'ben@example.test',
      'cy@example.test',
      'dee@example.test',
    ]);
    expect(result.rejected).toEqual([]);
    const received = smtp.messages.find((message) => message.mail.messageId === result.messageId);
    expect(received?.authenticatedUser).toBe(smtp.user);
    expect(received?.envelopeTo).toContain('dee@example.test');
    expect(received?.mail.subject).toBe('Weekly report');
    expect(received?.mail.from?.value).toEqual([{ name: 'Agentry', address: 'bot@agentry.test' }]);
    expect(received?.mail.replyTo?.text).toBe('help@agentry.test');
    expect(received?.mail.text?.trim()).toBe('All green.');
    expect(received?.mail.html).toContain('<b>green</b>');
    expect(received?.mail.headers.get('bcc')).toBeUndefined();
  });

  it('cannot be made to add headers or recipients through line breaks in the subject', async () => {
    const result = await tool.execute(
      { to: 'ana@example.test', subject: 'Hi\r\nBcc: eve@evil.test\r\nX-Injected: yes', text: 'x' },
      context(configFor(smtp)),
    );
    const received = smtp.messages.find((message) => message.mail.messageId === result.messageId);
    expect(received?.envelopeTo).toEqual(['ana@example.test']);
    expect(received?.mail.headers.has('x-injected')).toBe(false);
    expect(received?.mail.headers.has('bcc')).toBe(false);
  });

  it('reports recipients the server refused while delivering to the others', async () => {
    const result = await tool.execute(
      { to: ['ana@example.test', 'nobody@agentry.test'], subject: 'Partly', text: 'x' },
      context(configFor(smtp)),
    );
    expect(result.accepted).toEqual(['ana@example.test']);
    expect(result.rejected).toEqual(['nobody@agentry.test']);
  });

  it('fails naming the recipient when the server refuses every recipient', async () => {
    const before = smtp.messages.length;
    const error = await failure(
      tool.execute({ to: 'nobody@agentry.test', subject: 'No', text: 'x' }, context(configFor(smtp))),
    );
    expect(error.code).toBe('TOOL_FAILED');
    expect(error.message).toContain('nobody@agentry.test');
    expect(smtp.messages.length).toBe(before);
  });

  it('refuses a wrong password with a clear error that does not contain the password', async () => {
    const before = smtp.messages.length;
    const error = await failure(
      tool.execute(
        { to: 'ana@example.test', subject: 'Hi', text: 'x' },
        context(configFor(smtp, { password: 'wrong-pass-123' })),
      ),
    );
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/^SMTP authentication failed \(535\)/);
    expect(error.message).not.toContain('wrong-pass-123');
    expect(smtp.messages.length).toBe(before);
  });

  it('sends nothing to a recipient outside the allowlist and names it', async () => {
    const before = smtp.messages.length;
    const error = await failure(
      tool.execute(
        { to: 'ana@example.test', cc: ['boss@elsewhere.test'], subject: 'Hi', text: 'x' },
        context(configFor(smtp, { allowRecipients: ['@example.test'] })),
      ),
    );
    expect(error.code).toBe('INVALID_ARGUMENTS');
    expect(error.message).toContain('Not allowed to email boss@elsewhere.test;');
    expect(error.issues).toEqual([
      { pointer: '/cc/0', message: 'boss@elsewhere.test is not an allowed recipient' },
    ]);
    expect(smtp.messages.length).toBe(before);
  });

  it('sends to recipients the allowlist permits by address or domain', async () => {
    const result = await tool.execute(
      { to: 'Ana@Example.test', bcc: 'boss@elsewhere.test', subject: 'Allowed', text: 'x' },
      context(configFor(smtp, { allowRecipients: ['@example.test', 'boss@elsewhere.test'] })),
    );
    expect(result.accepted).toHaveLength(2);
  });

  it('does not connect when the call is already cancelled', async () => {
    const before = smtp.messages.length;
    const controller = new AbortController();
    controller.abort();
    const error = await failure(
      tool.execute(
        { to: 'ana@example.test', subject: 'Hi', text: 'x' },
        context(configFor(smtp), controller.signal),
      ),
    );
    expect(error.code).toBe('TOOL_ABORTED');
    expect(smtp.messages.length).toBe(before);
  });

  it('rejects arguments that are not email addresses, naming the field', async () => {
    const error = await failure(
      tool.execute({ to: 'not-an-address', subject: 'Hi', text: 'x' }, context(configFor(smtp))),
    );
    expect(error.code).toBe('INVALID_ARGUMENTS');
    expect(error.issues.map((issue) => issue.pointer)).toContain('/to');
  });

  it('asks for a body when neither text nor html is given', async () => {
    const error = await failure(
      tool.execute({ to: 'ana@example.test', subject: 'Hi' }, context(configFor(smtp))),
    );
    expect(error.code).toBe('INVALID_ARGUMENTS');
    expect(error.issues).toEqual([{ pointer: '/text', message: expect.any(String) }]);
  });

  it('rejects a config without host or sender', async () => {
    const error = await failure(
      tool.execute({ to: 'ana@example.test', subject: 'Hi', text: 'x' }, context({})),
    );
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.issues.map((issue) => issue.pointer).sort()).toEqual(['/from', '/host']);
  });
});

describe('send_email over STARTTLS', () => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startSmtpServer({ starttls: true });
  });
  afterAll(() => smtp.close());

  it('upgrades the connection before authenticating and sending', async () => {
    const result = await tool.execute(
      { to: 'ana@example.test', subject: 'Encrypted', text: 'secret plans' },
      context(configFor(smtp, { requireTLS: true, tlsRejectUnauthorized: false })),
    );
    const received = smtp.messages.find((message) => message.mail.messageId === result.messageId);
    expect(received?.secured).toBe(true);
    expect(received?.mail.text?.trim()).toBe('secret plans');
  });

  it('refuses an untrusted certificate by default', async () => {
    const before = smtp.messages.length;
    const error = await failure(
      tool.execute(
        { to: 'ana@example.test', subject: 'Hi', text: 'x' },
        context(configFor(smtp, { requireTLS: true })),
      ),
    );
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.message).toContain('self-signed certificate');
    expect(smtp.messages.length).toBe(before);
  });
});

describe('send_email with one config per agent', () => {
  let first: TestSmtpServer;
  let second: TestSmtpServer;
  beforeAll(async () => {
    first = await startSmtpServer({ user: 'alpha', password: 'alpha-pass' });
    second = await startSmtpServer({ user: 'beta', password: 'beta-pass', starttls: true });
  });
  afterAll(async () => {
    await first.close();
    await second.close();
  });

  it('sends each message through the server of its own config only', async () => {
    await tool.execute(
      { to: 'ana@example.test', subject: 'From alpha', text: 'a' },
      context(configFor(first, { from: 'alpha@agentry.test' })),
    );
    await tool.execute(
      { to: 'ben@example.test', subject: 'From beta', text: 'b' },
      context(configFor(second, { from: 'beta@agentry.test', tlsRejectUnauthorized: false })),
    );

    expect(first.messages.map((message) => message.mail.subject)).toEqual(['From alpha']);
    expect(first.messages[0]?.envelopeFrom).toBe('alpha@agentry.test');
    expect(second.messages.map((message) => message.mail.subject)).toEqual(['From beta']);
    expect(second.messages[0]?.authenticatedUser).toBe('beta');
  });
});

describe('send_email when the server cannot be reached', () => {
  let silent: SilentServer;
  beforeAll(async () => {
    silent = await startSilentServer();
  });
  afterAll(() => silent.close());

  it('fails with a retryable error on a closed port', async () => {
    const port = await freePort();
    const error = await failure(
      tool.execute(
        { to: 'ana@example.test', subject: 'Hi', text: 'x' },
        context({ host: '127.0.0.1', port, from: 'bot@agentry.test' }),
      ),
    );
    expect(error.code).toBe('TOOL_UNAVAILABLE');
    expect(error.retryable).toBe(true);
    expect(error.message).toContain(`127.0.0.1:${port}`);
  });

  it('times out with a retryable error when the server never greets', async () => {
    const error = await failure(
      tool.execute(
        { to: 'ana@example.test', subject: 'Hi', text: 'x' },
        context({ host: silent.host, port: silent.port, from: 'bot@agentry.test', timeoutMs: 300 }),
      ),
    );
    expect(error.code).toBe('TOOL_UNAVAILABLE');
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('did not answer in time');
  });

  it('stops waiting when the call is cancelled mid-way', async () => {
    const controller = new AbortController();
    const sending = tool.execute(
      { to: 'ana@example.test', subject: 'Hi', text: 'x' },
      context(
        { host: silent.host, port: silent.port, from: 'bot@agentry.test', timeoutMs: 60_000 },
        controller.signal,
      ),
    );
    setTimeout(() => controller.abort(), 50);
    const error = await failure(sending);
    expect(error.code).toBe('TOOL_ABORTED');
  });
});
