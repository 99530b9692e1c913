import type { FieldIssue } from '../errors/index';
import type { EmailOptions } from '../models/email-trigger';
import type { Trigger } from '../models/trigger';
import type { Repositories } from '../storage/repositories';

/** Defaults of an email trigger's options (`configScope` has none: it must be given). */
export const EMAIL_DEFAULTS: Omit<EmailOptions, 'configScope'> = { mailbox: 'INBOX', afterSuccess: 'none' };

/**
 * Checks the kind-specific options of a trigger about to be saved: an email trigger has `email` (with a
 * config scope that exists, and `moveTo` when it moves messages) and no `webhook`; a webhook trigger has
 * no `email`. Returns an issue per problem.
 */
export async function checkKindOptions(
  trigger: Pick<Trigger, 'kind' | 'webhook' | 'email'>,
  repositories: Pick<Repositories, 'agents' | 'workflows'>,
): Promise<FieldIssue[]> {
  if (trigger.kind === 'webhook') {
    return trigger.email === undefined
      ? []
      : [{ pointer: '/email', message: 'email options apply to email triggers only' }];
  }
  const issues: FieldIssue[] = [];
  if (trigger.webhook !== undefined) {
    issues.push({ pointer: '/webhook', message: 'webhook options apply to webhook triggers only' });
  }
  const email = trigger.email;
  if (email?.configScope === undefined) {
    issues.push({
      pointer: '/email/configScope',
      message: 'an email trigger needs email.configScope: which read_emails configuration to connect with',
    });
    return issues;
  }
  const { scope, name } = email.configScope;
  if (scope === 'tool' && name !== undefined) {
    issues.push({ pointer: '/email/configScope/name', message: "scope 'tool' takes no name" });
  } else if (scope !== 'tool') {
    const found =
      name === undefined
        ? undefined
        : scope === 'agent'
          ? await repositories.agents.find(name)
          : await repositories.workflows.find(name);
    if (found === undefined) {
      issues.push({
        pointer: '/email/configScope/name',
        message: `No ${scope} named '${name ?? ''}': scope '${scope}' needs the name of an existing ${scope}.`,
      });
    }
  }
  if (email.afterSuccess === 'move' && email.moveTo === undefined) {
    issues.push({ pointer: '/email/moveTo', message: "afterSuccess 'move' needs moveTo (a mailbox name)" });
  }
  return issues;
}
