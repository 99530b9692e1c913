import { ToolError } from '@agentry/core';

/** Node's codes for certificate and TLS failures: retrying will not help. */
const CERTIFICATE_ERROR = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL/;

interface NodemailerError extends Error {
  code?: string;
  /** Node's code (e.g. `DEPTH_ZERO_SELF_SIGNED_CERT`) when nodemailer re-coded a socket error. */
  originalCode?: string;
  responseCode?: number;
  response?: string;
  rejected?: string[];
}

/**
 * Turns a nodemailer failure into a {@link ToolError} whose message tells the model (and the user)
 * what went wrong, without credentials. Network trouble and 4xx replies are retryable; a refused
 * login or refused recipients are not.
 */
export function smtpToolError(tool: string, error: unknown, server: string): ToolError {
  const failure = error as NodemailerError;
  const reply = failure.response ? ` Server replied: ${failure.response}` : '';
  const transient =
    failure.responseCode !== undefined && failure.responseCode >= 400 && failure.responseCode < 500;
  const fail = (message: string, retryable: boolean) =>
    new ToolError('TOOL_FAILED', tool, message, { retryable, cause: error });
  if (CERTIFICATE_ERROR.test(failure.originalCode ?? '')) {
    return fail(
      `TLS with SMTP server ${server} failed: ${failure.message}; its certificate is not trusted.`,
      false,
    );
  }
  switch (failure.code) {
    case 'EAUTH':
    case 'ENOAUTH':
      return fail(
        `SMTP server ${server} refused the login; check the user and password in the tool config.${reply}`,
        false,
      );
    case 'EENVELOPE':
      return fail(
        failure.rejected?.length
          ? `SMTP server ${server} refused the recipient(s) ${failure.rejected.join(', ')}; nothing was sent.${reply}`
          : `SMTP server ${server} refused the sender or recipients; nothing was sent.${reply}`,
        transient,
      );
    case 'ETIMEDOUT':
      return new ToolError('TOOL_TIMEOUT', tool, `SMTP server ${server} did not answer in time.`, {
        retryable: true,
        cause: error,
      });
    case 'EABORT':
      return new ToolError('TOOL_ABORTED', tool, 'Sending was cancelled before it finished.', {
        cause: error,
      });
    case 'ETLS':
    case 'EREQUIRETLS':
      return fail(`TLS with SMTP server ${server} failed: ${failure.message}`, false);
    case 'ECONNECTION':
    case 'ESOCKET':
    case 'EDNS':
      return fail(`Could not connect to SMTP server ${server}: ${failure.message}`, true);
    default:
      return fail(`SMTP server ${server} did not accept the message: ${failure.message}${reply}`, transient);
  }
}
