import { ToolError } from '@agentry/core';
import { createToolContext } from '@agentry/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { credentialForms, leakedForms } from '../../../../test-support/credential-forms';
import { type ImapEchoServer, startImapEchoServer } from '../../../../test-support/imap-echo-server';
import type { ReadEmailsConfig, ReadEmailsParams } from './read-emails-schemas';
import { ReadEmailsTool } from './read-emails-tool';

const USER = 'echo-user';
const PASSWORD = 'Im4p-Echo-Marker-7c2e';

describe('read_emails against an IMAP server that echoes the login', () => {
  let imap: ImapEchoServer | undefined;
  afterEach(async () => {
    await imap?.close();
    imap = undefined;
  });

  it.each(['plain', 'login'] as const)(
    'answers IMAP authentication failed and passes on nothing of the %s exchange',
    async (mechanism) => {
      const server = await startImapEchoServer({ mechanism });
      imap = server;
      const config = {
        host: server.host,
        port: server.port,
        secure: false,
        user: USER,
        password: PASSWORD,
      } as ReadEmailsConfig;
      const error = await new ReadEmailsTool()
        .execute({} as ReadEmailsParams, createToolContext({ config }))
        .then(
          () => undefined,
          (caught: unknown) => caught,
        );

      expect(server.logins).toBe(1);
      if (!ToolError.isInstance(error)) throw new Error(`expected a ToolError, got ${String(error)}`);
      expect(error.code).toBe('INVALID_CONFIG');
      expect(error.message).toBe(
        `IMAP authentication failed at ${server.host}:${server.port}; check the user and password in the tool config.`,
      );
      expect(error.cause).toBeUndefined();
      const everything = JSON.stringify({ ...error, message: error.message, stack: error.stack });
      expect(leakedForms(everything, credentialForms(USER, PASSWORD))).toEqual({});
    },
  );
});
