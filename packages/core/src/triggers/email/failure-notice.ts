import type { Logger } from '../../logging/logger';
import type { ErrorInfo } from '../../models/common';
import type { EmailOptions } from '../../models/email-trigger';
import type { Trigger } from '../../models/trigger';
import type { ToolManager } from '../../tools/tool-manager';

/** The tool a failure notice is sent with. */
export const SEND_EMAIL_TOOL = 'send_email';

/** What a watcher reports when its trigger starts failing. */
export interface EmailTriggerFailure {
  trigger: Trigger & { email: EmailOptions };
  /** The last connection problem. */
  error: ErrorInfo;
  /** When the watcher last stopped being connected (ISO). */
  since: string;
}

/** Sends the notice of one failing episode; never throws. */
export type FailureNotifier = (failure: EmailTriggerFailure) => Promise<void>;

/**
 * Builds the notifier of failing email triggers: when `triggers.email.notifyTo` (read live) lists
 * addresses, mails them with the `send_email` tool, in the trigger's own configuration scope (its
 * `email.configScope`: that agent's or workflow's `send_email` configuration over the tool default).
 * A notice that cannot be sent is logged at warn, never retried.
 */
export function failureNotifier(deps: {
  tools: Pick<ToolManager, 'execute'>;
  recipients: () => readonly string[];
  logger: Logger;
}): FailureNotifier {
  return async ({ trigger, error, since }) => {
    const to = deps.recipients();
    if (to.length === 0) return;
    const { scope, name } = trigger.email.configScope;
    const outcome = await deps.tools.execute({
      tool: SEND_EMAIL_TOOL,
      parameters: {
        to: [...to],
        subject: `Agentry email trigger '${trigger.name}' is failing`,
        text: [
          `The email trigger '${trigger.name}' (${trigger.id}) cannot watch its mailbox '${trigger.email.mailbox}'.`,
          `Not connected since: ${since}`,
          `Last error: ${error.code}: ${error.message}`,
          '',
          'Messages arriving meanwhile are processed once it connects again.',
          `Its health: GET /api/v1/triggers/${trigger.id}`,
        ].join('\n'),
      },
      scope: scope === 'agent' ? { agent: name } : scope === 'workflow' ? { workflow: name } : {},
    });
    const fields = { triggerId: trigger.id, recipients: to };
    if (outcome.ok) deps.logger.info(fields, 'email trigger failure notice sent');
    else {
      const { code, message } = outcome.error;
      deps.logger.warn({ ...fields, error: { code, message } }, 'email trigger failure notice not sent');
    }
  };
}
