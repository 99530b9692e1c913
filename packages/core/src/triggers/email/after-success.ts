import { ImapFlow } from 'imapflow';
import type { Logger } from '../../logging/logger';
import type { Trigger, TriggerFiring } from '../../models/trigger';
import type { ImapOptionsSource } from './imap-options';

/**
 * Builds what happens to a message after its run succeeded, per the trigger's `email.afterSuccess`: mark
 * it `\Seen`, move it to `email.moveTo` (created when missing), or nothing. The message is found by the
 * firing's key (`uidvalidity:uid`); when the mailbox's UIDVALIDITY changed since, it is left alone. A
 * failure is logged, never turned into a failed firing: the run did succeed.
 */
export function afterEmailSuccess(
  imapOptions: ImapOptionsSource,
  logger: Logger,
): (trigger: Trigger, firing: TriggerFiring) => Promise<void> {
  return async (trigger, firing) => {
    const email = trigger.email;
    if (trigger.kind !== 'email' || email === undefined || email.afterSuccess === 'none') return;
    const [uidValidity, uid] = (firing.eventKey ?? '').split(':').map(Number);
    if (!uidValidity || !uid) return;
    const fields = { triggerId: trigger.id, firingId: firing.id, uid, afterSuccess: email.afterSuccess };
    let client: ImapFlow | undefined;
    try {
      client = new ImapFlow({
        ...(await imapOptions(email.configScope)),
        logger: false,
        disableAutoIdle: true,
      });
      client.on('error', () => undefined);
      await client.connect();
      const mailbox = await client.mailboxOpen(email.mailbox);
      if (Number(mailbox.uidValidity) !== uidValidity) {
        logger.warn(fields, 'email trigger message left as is: the mailbox UIDVALIDITY changed');
        return;
      }
      if (email.afterSuccess === 'markSeen') {
        await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
      } else if (email.moveTo !== undefined) {
        await client.mailboxCreate(email.moveTo).catch(() => undefined);
        await client.messageMove(String(uid), email.moveTo, { uid: true });
      }
      logger.debug(fields, 'email trigger message handled after success');
    } catch (error) {
      logger.warn({ ...fields, err: error }, 'email trigger could not handle the message after success');
    } finally {
      await client?.logout().catch(() => client?.close());
    }
  };
}
