import { ToolError } from '@agentry/core';

const toolName = 'http_get';

const retryableNetworkCodes = new Set([
  'ECONNRESET',
  'EPIPE',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

/** Node/OpenSSL codes of a failed TLS handshake or certificate check. */
const tlsFailureCode = /^ERR_TLS|^ERR_SSL|CERT|SELF_SIGNED|UNABLE_TO_VERIFY/;

/** What {@link toToolError} needs to know about the failed call. */
export interface FailedCall {
  /** The URL being fetched when it failed. */
  url: URL;
  /** True when the call's own time limit ended it. */
  timedOut: boolean;
  /** The time limit, for the message. */
  timeoutMs: number;
  /** True when the caller aborted (run cancelled, host timeout). */
  aborted: boolean;
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Turns anything thrown while fetching into a {@link ToolError} whose message tells the model what to do. */
export function toToolError(error: unknown, call: FailedCall): ToolError {
  if (ToolError.isInstance(error)) return error;
  const { url } = call;
  const where = url.host;
  const code = errorCode(error) ?? errorCode((error as { cause?: unknown } | null)?.cause);
  if (
    call.timedOut ||
    code === 'UND_ERR_CONNECT_TIMEOUT' ||
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT'
  ) {
    return new ToolError(
      'TOOL_TIMEOUT',
      toolName,
      `Timed out after ${call.timeoutMs} ms fetching ${url.href}. The server may be slow or unreachable: try again later or pass a larger "timeoutMs" (at most 60000).`,
      { retryable: true, cause: error },
    );
  }
  if (call.aborted) {
    return new ToolError('TOOL_ABORTED', toolName, `Fetching ${url.href} was cancelled.`, { cause: error });
  }
  if (code === 'ECONNREFUSED') {
    return new ToolError(
      'TOOL_FAILED',
      toolName,
      `Connection refused by ${where}: nothing is listening there or the service is down. Check the URL and port, or try again later.`,
      { retryable: true, cause: error },
    );
  }
  if (code && retryableNetworkCodes.has(code)) {
    return new ToolError(
      'TOOL_FAILED',
      toolName,
      `The connection to ${where} failed (${code}). Try again later.`,
      {
        retryable: true,
        cause: error,
      },
    );
  }
  if (code && tlsFailureCode.test(code)) {
    return new ToolError(
      'TOOL_FAILED',
      toolName,
      `The TLS certificate of ${where} could not be verified (${code}); the site cannot be fetched safely.`,
      {
        cause: error,
      },
    );
  }
  if (code === 'UND_ERR_INVALID_ARG') {
    const detail = (error as Error).message;
    return new ToolError(
      'INVALID_ARGUMENTS',
      toolName,
      `The request is invalid: ${detail}. Fix "headers" or "url" and call again.`,
      {
        cause: error,
      },
    );
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new ToolError('TOOL_FAILED', toolName, `Fetching ${url.href} failed: ${detail}.`, { cause: error });
}
