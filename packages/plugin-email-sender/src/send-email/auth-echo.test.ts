import { ToolError } from '@agentry/core';
import { createToolContext } from '@agentry/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialForms, leakedForms } from '../../../../test-support/credential-forms';
import { startSmtpServer, type TestSmtpServer } from '../../../../test-support/smtp-server';
import type { SendEmailConfig } from './send-email-schemas';
import { SendEmailTool } from './send-email-tool';

const USER = 'echo-user';
const PASSWORD = 'Sm7p-Echo-Marker-41b9';

describe('send_email against an SMTP server that echoes the AUTH exchange', () => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startSmtpServer({ echoCredentials: true });
  });
  afterAll(() => smtp.close());

  it('answers SMTP authentication failed (535) and passes on nothing of the reply, not even as the cause', async () => {
    const config = {
      host: smtp.host,
      port: smtp.port,
      user: USER,
      password: PASSWORD,
      from: 'bot@agentry.test',
    } as SendEmailConfig;
    const error = await new SendEmailTool()
      .execute({ to: 'ana@example.test', subject: 'Hi', text: 'x' }, createToolContext({ config }))
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );

    if (!ToolError.isInstance(error)) throw new Error(`expected a ToolError, got ${String(error)}`);
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.message).toBe(
      `SMTP authentication failed (535) at ${smtp.host}:${smtp.port}; check the user and password in the tool config.`,
    );
    expect(error.cause).toBeUndefined();
    const everything = JSON.stringify({ ...error, message: error.message, stack: error.stack });
    expect(leakedForms(everything, credentialForms(USER, PASSWORD))).toEqual({});
    expect(smtp.messages).toHaveLength(0);
  });
});
