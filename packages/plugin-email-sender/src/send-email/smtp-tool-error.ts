import { ToolError, type ToolErrorCode } from '@agentry/core';

/** Node's codes for certificate and TLS failures: retrying will not help. */
const CERTIFICATE_ERROR = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL/;

interface NodemailerError extends Error {
  code?: string;
  /** Node's code (e.g. `DEPTH_ZERO_SELF_SIGNED_CERT`) when nodemailer re-coded a socket error. */
  originalCode?: string;
  responseCode?: number;
  response?: string;
  /** The SMTP command that failed, e.g. `AUTH PLAIN` or `RCPT TO`. */
  command?: string;
  rejected?: string[];
}

/** A failure of the login: its reply (and the command) may echo the credentials, so neither is kept. */
function isAuthFailure(failure: NodemailerError): boolean {
  return failure.code === 'EAUTH' || failure.code === 'ENOAUTH' || /^AUTH\b/i.test(failure.command ?? '');
}

/**
 * Turns a nodemailer failure into a {@link ToolError} that says what went wrong, without credentials:
 * a refused login or an untrusted certificate is `INVALID_CONFIG` (the operator must fix it), an
 * unreachable or silent server is `TOOL_UNAVAILABLE` (retryable), a refused message is `TOOL_FAILED`
 * (retryable on a 4xx reply).
 */
export function smtpToolError(tool: string, error: unknown, server: string): ToolError {
  const failure = error as NodemailerError;
  const reply = failure.response ? ` Server replied: ${failure.response}` : '';
  const transient =
    failure.responseCode !== undefined && failure.responseCode >= 400 && failure.responseCode < 500;
  const toolError = (code: ToolErrorCode, message: string, retryable = false) =>
    new ToolError(code, tool, message, { retryable, cause: error });

  if (isAuthFailure(failure)) {
    // Nothing of the AUTH exchange is passed on, not even as the cause: a server may echo the credentials
    // (the AUTH PLAIN blob) in its reply, and the cause reaches the logs.
    const code = failure.responseCode === undefined ? 'no reply code' : String(failure.responseCode);
    return new ToolError(
      'INVALID_CONFIG',
      tool,
      failure.code === 'ENOAUTH'
        ? `SMTP server ${server} needs a login; set user and password in the tool config.`
        : `SMTP authentication failed (${code}) at ${server}; check the user and password in the tool config.`,
    );
  }
  if (CERTIFICATE_ERROR.test(failure.originalCode ?? '') || failure.code === 'ETLS') {
    return toolError(
      'INVALID_CONFIG',
      `TLS with SMTP server ${server} failed (${failure.message}); check the server's certificate or tlsRejectUnauthorized in the tool config.`,
    );
  }
  switch (failure.code) {
    case 'EREQUIRETLS':
      return toolError('INVALID_CONFIG', `SMTP server ${server} does not support the required TLS.${reply}`);
    case 'EENVELOPE':
      return toolError(
        'TOOL_FAILED',
        failure.rejected?.length
          ? `SMTP server ${server} refused the recipient(s) ${failure.rejected.join(', ')}; nothing was sent.${reply}`
          : `SMTP server ${server} refused the sender or recipients; nothing was sent.${reply}`,
        transient,
      );
    case 'ETIMEDOUT':
      return toolError(
        'TOOL_UNAVAILABLE',
        `SMTP server ${server} did not answer in time; try again later.`,
        true,
      );
    case 'EABORT':
      return toolError('TOOL_ABORTED', 'Sending was cancelled before it finished.');
    case 'ECONNECTION':
    case 'ESOCKET':
    case 'EDNS':
      return toolError(
        'TOOL_UNAVAILABLE',
        `Could not connect to SMTP server ${server}: ${failure.message}`,
        true,
      );
    default:
      return toolError(
        'TOOL_FAILED',
        `SMTP server ${server} did not accept the message: ${failure.message}${reply}`,
        transient,
      );
  }
}
