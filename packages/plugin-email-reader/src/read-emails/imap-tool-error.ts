import { ToolError, type ToolErrorCode } from '@agentry/core';
import type { ImapFlowError } from 'imapflow';

/** Node's codes for certificate and TLS failures: retrying will not help. */
const CERTIFICATE_ERROR = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL/;
const TIMEOUT_CODES = new Set(['CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT', 'ETIMEOUT']);
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'NoConnection',
  'EConnectionClosed',
]);

/** The command a NO/BAD answered, as imapflow logs it (`A1 LOGIN "user" "(* value hidden *)"`). */
const LOGIN_COMMAND = /^\S+ (LOGIN|AUTHENTICATE)\b/i;

/** A refused login, or any failure answering LOGIN/AUTHENTICATE: its text may echo the credentials. */
function isAuthFailure(failure: ImapFlowError & { executedCommand?: string }): boolean {
  return failure.authenticationFailed === true || LOGIN_COMMAND.test(failure.executedCommand ?? '');
}

/**
 * Turns an imapflow failure into a {@link ToolError} that says what went wrong, without credentials:
 * a refused login or an untrusted certificate is `INVALID_CONFIG` (the operator must fix it), a
 * missing mailbox is `INVALID_ARGUMENTS` on `/mailbox` (the model can fix it), an unreachable or
 * silent server is `TOOL_UNAVAILABLE` (retryable).
 */
export function imapToolError(tool: string, error: unknown, server: string, mailbox: string): ToolError {
  const failure = error as ImapFlowError;
  const code = failure.code ?? '';
  const toolError = (errorCode: ToolErrorCode, message: string, retryable = false) =>
    new ToolError(errorCode, tool, message, { retryable, cause: error });

  if (isAuthFailure(failure)) {
    // Nothing of the login exchange is passed on, not even as the cause (it reaches the logs): a server
    // may echo the credentials in its reply text or response code.
    return new ToolError(
      'INVALID_CONFIG',
      tool,
      `IMAP authentication failed at ${server}; check the user and password in the tool config.`,
    );
  }
  if (failure.tlsFailed || CERTIFICATE_ERROR.test(code)) {
    return toolError(
      'INVALID_CONFIG',
      `TLS with IMAP server ${server} failed (${failure.message}); check the server's certificate or tlsRejectUnauthorized in the tool config.`,
    );
  }
  if (failure.mailboxMissing || failure.serverResponseCode === 'NONEXISTENT') {
    return new ToolError(
      'INVALID_ARGUMENTS',
      tool,
      `Mailbox "${mailbox}" does not exist; use INBOX or an existing folder.`,
      {
        issues: [{ pointer: '/mailbox', message: `mailbox "${mailbox}" does not exist` }],
        cause: error,
      },
    );
  }
  if (TIMEOUT_CODES.has(code)) {
    return toolError(
      'TOOL_UNAVAILABLE',
      `IMAP server ${server} did not answer in time; try again later.`,
      true,
    );
  }
  if (CONNECTION_CODES.has(code)) {
    return toolError(
      'TOOL_UNAVAILABLE',
      `Could not connect to IMAP server ${server}: ${failure.message}`,
      true,
    );
  }
  const detail = failure.responseText ? `${failure.message} (${failure.responseText})` : failure.message;
  return toolError('TOOL_FAILED', `Reading mail from ${server} failed: ${detail}`);
}
