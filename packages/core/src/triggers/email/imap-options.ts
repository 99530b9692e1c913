import type { ImapFlowOptions } from 'imapflow';
import type { EmailConfigScope } from '../../models/email-trigger';
import type { ToolManager } from '../../tools/tool-manager';
import { EmailWatchError } from './email-watch-error';

/** The tool whose IMAP configuration email triggers connect with. */
export const READ_EMAILS_TOOL = 'read_emails';

/** How a watcher finds its IMAP connection options (`ToolManager.resolveConfig` in a running Agentry). */
export type ImapOptionsSource = (scope: EmailConfigScope) => Promise<ImapFlowOptions>;

/**
 * Builds the IMAP options source over the tool manager: the `read_emails` configuration of the scope,
 * merged as for a call, with the tool's own defaults (port 993, TLS, 15 s timeouts). Throws
 * {@link EmailWatchError} `EMAIL_CONFIG_MISSING` when the tool is not loaded or host, user or password is
 * not configured.
 */
export function imapOptionsFrom(tools: Pick<ToolManager, 'resolveConfig'>): ImapOptionsSource {
  return async (scope) => {
    const layer =
      scope.scope === 'agent'
        ? { agent: scope.name }
        : scope.scope === 'workflow'
          ? { workflow: scope.name }
          : {};
    const resolved = await tools.resolveConfig(READ_EMAILS_TOOL, layer);
    if (resolved === undefined) {
      throw new EmailWatchError('EMAIL_CONFIG_MISSING', `The ${READ_EMAILS_TOOL} tool is not loaded.`);
    }
    const config = resolved.config as Record<string, unknown>;
    const missing = ['host', 'user', 'password'].filter((field) => typeof config[field] !== 'string');
    if (missing.length > 0) {
      const where = scope.scope === 'tool' ? 'the tool default' : `${scope.scope} '${scope.name ?? ''}'`;
      throw new EmailWatchError(
        'EMAIL_CONFIG_MISSING',
        `The ${READ_EMAILS_TOOL} configuration of ${where} has no ${missing.join(', ')}: set it with PUT /api/v1/tools/${READ_EMAILS_TOOL}/config.`,
      );
    }
    const timeoutMs = typeof config.timeoutMs === 'number' ? config.timeoutMs : 15_000;
    return {
      host: config.host as string,
      port: typeof config.port === 'number' ? config.port : 993,
      secure: config.secure !== false,
      auth: { user: config.user as string, pass: config.password as string },
      tls: { rejectUnauthorized: config.tlsRejectUnauthorized !== false },
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
    };
  };
}
