import {
  BaseTool,
  checkToolInput,
  compileValidator,
  type ToolAnnotations,
  type ToolContext,
  ToolError,
} from '@agentry/core';
import { createTransport } from 'nodemailer';

import { recipientsOutsideAllowlist } from './recipient-allowlist';
import {
  type SendEmailConfig,
  SendEmailConfigSchema,
  SendEmailParameters,
  type SendEmailParams,
  type SendEmailResult,
} from './send-email-schemas';
import { smtpToolError } from './smtp-tool-error';

const TOOL_NAME = 'send_email';
const parametersValidator = compileValidator<SendEmailParams>(SendEmailParameters, { useDefaults: true });
const configValidator = compileValidator<SendEmailConfig>(SendEmailConfigSchema, { useDefaults: true });

/**
 * `send_email`: sends one message over SMTP (nodemailer) with the sender and server from the tool
 * config. Recipients outside `allowRecipients` are refused before anything is sent.
 */
export class SendEmailTool extends BaseTool<SendEmailParams, SendEmailConfig, SendEmailResult> {
  readonly name = TOOL_NAME;
  readonly description =
    'Sends an email. Give "to" (one address or a list), a "subject" and a "text" and/or "html" body; ' +
    'optionally "cc", "bcc" and "replyTo". Returns the message id and the accepted and rejected recipients.';
  readonly parameters = SendEmailParameters;
  override readonly configSchema = SendEmailConfigSchema;
  override readonly annotations: ToolAnnotations = {
    title: 'Send email',
    destructiveHint: true,
    openWorldHint: true,
  };

  async execute(input: SendEmailParams, context: ToolContext<SendEmailConfig>): Promise<SendEmailResult> {
    const params = checkToolInput(TOOL_NAME, 'INVALID_ARGUMENTS', parametersValidator, input);
    const config = checkToolInput(TOOL_NAME, 'INVALID_CONFIG', configValidator, context.config);
    if (params.text === undefined && params.html === undefined) {
      throw new ToolError('INVALID_ARGUMENTS', TOOL_NAME, 'Give the message body as "text" or "html".', {
        issues: [{ pointer: '/text', message: 'is required when "html" is not given' }],
      });
    }
    const refused = recipientsOutsideAllowlist(params, config.allowRecipients);
    if (refused.length > 0) {
      const addresses = refused.map((recipient) => recipient.address).join(', ');
      const permitted = config.allowRecipients?.join(', ') || 'none';
      throw new ToolError(
        'INVALID_ARGUMENTS',
        TOOL_NAME,
        `Not allowed to email ${addresses}; permitted recipients: ${permitted}. Nothing was sent.`,
        {
          issues: refused.map(({ pointer, address }) => ({
            pointer,
            message: `${address} is not an allowed recipient`,
          })),
        },
      );
    }
    if (context.signal.aborted) {
      throw new ToolError('TOOL_ABORTED', TOOL_NAME, 'Sending was cancelled before it started.');
    }

    const server = `${config.host}:${config.port}`;
    const transport = createTransport({
      host: config.host,
      port: config.port,
      secure: config.secure,
      requireTLS: config.requireTLS,
      auth: config.user ? { user: config.user, pass: config.password ?? '' } : undefined,
      tls: { rejectUnauthorized: config.tlsRejectUnauthorized },
      connectionTimeout: config.timeoutMs,
      greetingTimeout: config.timeoutMs,
      socketTimeout: config.timeoutMs,
      logger: false,
    });
    try {
      const info = await transport.sendMail({
        from: config.from,
        to: params.to,
        cc: params.cc,
        bcc: params.bcc,
        replyTo: params.replyTo,
        subject: params.subject,
        text: params.text,
        html: params.html,
        signal: context.signal,
      });
      const result = {
        messageId: info.messageId,
        accepted: info.accepted.map(String),
        rejected: info.rejected.map(String),
      };
      context.logger.info({ server, messageId: result.messageId, rejected: result.rejected }, 'email sent');
      return result;
    } catch (error) {
      if (context.signal.aborted) {
        throw new ToolError('TOOL_ABORTED', TOOL_NAME, 'Sending was cancelled before it finished.', {
          cause: error,
        });
      }
      throw smtpToolError(TOOL_NAME, error, server);
    } finally {
      transport.close();
    }
  }
}
