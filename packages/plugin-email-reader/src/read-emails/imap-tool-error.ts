import { ToolError } from '@agentry/core';
import type { ImapFlowError } from 'imapflow';

const TIMEOUT_CODES = new Set(['CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT', 'ETIMEOUT']);
/** Node's codes for certificate and TLS failures: retrying will not help. */
const CERTIFICATE_ERROR = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL/;
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * Turns an imapflow failure into a {@link ToolError} that says what went wrong without credentials.
 * Connection trouble and timeouts are retryable; a refused login or a missing mailbox are not.
 */
export function imapToolError(tool: string, error: unknown, server: string, mailbox: string): ToolError {
  const failure = error as ImapFlowError;
  const code = failure.code ?? '';
  const fail = (message: string, retryable: boolean) =>
    new ToolError('TOOL_FAILED', tool, message, { retryable, cause: error });
  if (failure.authenticationFailed) {
    return fail(
      `IMAP server ${server} refused the login; check the user and password in the tool config.`,
      false,
    );
  }
  if (failure.mailboxMissing || failure.serverResponseCode === 'NONEXISTENT') {
    return fail(
      `Mailbox "${mailbox}" does not exist on ${server}; use INBOX or an existing folder name.`,
      false,
    );
  }
  if (TIMEOUT_CODES.has(code)) {
    return new ToolError('TOOL_TIMEOUT', tool, `IMAP server ${server} did not answer in time.`, {
      retryable: true,
      cause: error,
    });
  }
  if (failure.tlsFailed || CERTIFICATE_ERROR.test(code)) {
    return fail(
      `TLS with IMAP server ${server} failed: ${failure.message}; its certificate is not trusted.`,
      false,
    );
  }
  if (CONNECTION_CODES.has(code) || code === 'NoConnection' || code === 'EConnectionClosed') {
    return fail(`Could not connect to IMAP server ${server}: ${failure.message}`, true);
  }
  const detail = failure.responseText ? `${failure.message} (${failure.responseText})` : failure.message;
  return fail(`Reading mail from ${server} failed: ${detail}`, false);
}
