import {
  BaseTool,
  checkToolInput,
  compileValidator,
  type ToolAnnotations,
  type ToolContext,
  ToolError,
} from '@agentry/core';
import { ImapFlow } from 'imapflow';

import { emailSummary } from './email-summary';
import { imapSearchQuery } from './imap-search';
import { imapToolError } from './imap-tool-error';
import {
  type EmailSummary,
  type ReadEmailsConfig,
  ReadEmailsConfigSchema,
  ReadEmailsParameters,
  type ReadEmailsParams,
  type ReadEmailsResult,
} from './read-emails-schemas';

const TOOL_NAME = 'read_emails';
/** Bytes fetched per message at most; bodies are read from the start of the message. */
const MAX_SOURCE_BYTES = 1024 * 1024;
const parametersValidator = compileValidator<ReadEmailsParams>(ReadEmailsParameters, { useDefaults: true });
const configValidator = compileValidator<ReadEmailsConfig>(ReadEmailsConfigSchema, { useDefaults: true });

/**
 * `read_emails`: searches one IMAP mailbox (imapflow) and returns the newest matching messages as
 * plain text. Read-only unless `markSeen` is true; always logs out.
 */
export class ReadEmailsTool extends BaseTool<ReadEmailsParams, ReadEmailsConfig, ReadEmailsResult> {
  readonly name = TOOL_NAME;
  readonly description =
    'Reads emails from a mailbox (default INBOX), newest first. Filter with "search": unseen, since ' +
    '(YYYY-MM-DD), from, subject, text. Returns uid, from, to, subject, date and the plain-text body. ' +
    'Does not mark messages as read unless "markSeen" is true.';
  readonly parameters = ReadEmailsParameters;
  override readonly configSchema = ReadEmailsConfigSchema;
  override readonly annotations: ToolAnnotations = {
    title: 'Read emails',
    readOnlyHint: true,
    openWorldHint: true,
  };

  async execute(input: ReadEmailsParams, context: ToolContext<ReadEmailsConfig>): Promise<ReadEmailsResult> {
    const params = checkToolInput(TOOL_NAME, 'INVALID_ARGUMENTS', parametersValidator, input);
    const config = checkToolInput(TOOL_NAME, 'INVALID_CONFIG', configValidator, context.config);
    if (context.signal.aborted) throw aborted();

    const server = `${config.host}:${config.port}`;
    const client = new ImapFlow({
      host: config.host,
      port: config.port,
      secure: config.secure,
      auth: { user: config.user, pass: config.password },
      tls: { rejectUnauthorized: config.tlsRejectUnauthorized },
      connectionTimeout: config.timeoutMs,
      greetingTimeout: config.timeoutMs,
      socketTimeout: config.timeoutMs,
      disableAutoIdle: true,
      logger: false,
    });
    // Socket errors are also emitted as events; the failing command reports them to us.
    client.on('error', () => undefined);
    const onAbort = () => client.close();
    context.signal.addEventListener('abort', onAbort, { once: true });
    try {
      await client.connect();
      const result = await readMailbox(client, params, config.maxBodyChars);
      context.logger.debug({ server, mailbox: params.mailbox, total: result.total }, 'emails read');
      return result;
    } catch (error) {
      if (context.signal.aborted) throw aborted(error);
      throw imapToolError(TOOL_NAME, error, server, params.mailbox);
    } finally {
      context.signal.removeEventListener('abort', onAbort);
      await client.logout().catch(() => client.close());
    }
  }
}

async function readMailbox(
  client: ImapFlow,
  params: ReadEmailsParams,
  maxBodyChars: number,
): Promise<ReadEmailsResult> {
  const lock = await client.getMailboxLock(params.mailbox, { readOnly: !params.markSeen });
  try {
    const found = (await client.search(imapSearchQuery(params.search), { uid: true })) || [];
    const newest = [...found].sort((a, b) => b - a).slice(0, params.limit);
    const messages: EmailSummary[] = [];
    if (newest.length > 0) {
      const fetched = await client.fetchAll(
        newest,
        { uid: true, internalDate: true, source: { maxLength: MAX_SOURCE_BYTES } },
        { uid: true },
      );
      for (const message of fetched) {
        if (!message.source) continue;
        const receivedAt = message.internalDate instanceof Date ? message.internalDate : undefined;
        messages.push(await emailSummary(message.uid, message.source, receivedAt, maxBodyChars));
      }
      if (params.markSeen) await client.messageFlagsAdd(newest, ['\\Seen'], { uid: true });
    }
    messages.sort((a, b) => b.uid - a.uid);
    return { mailbox: params.mailbox, total: found.length, messages };
  } finally {
    lock.release();
  }
}

function aborted(cause?: unknown): ToolError {
  return new ToolError('TOOL_ABORTED', TOOL_NAME, 'Reading mail was cancelled.', { cause });
}
