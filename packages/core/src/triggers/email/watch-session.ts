import { ImapFlow } from 'imapflow';
import type { Logger } from '../../logging/logger';
import type { EmailOptions } from '../../models/email-trigger';
import type { Trigger } from '../../models/trigger';
import type { Repositories } from '../../storage/repositories';
import { emailEvent } from './email-event';
import { EmailWatchError } from './email-watch-error';
import type { ImapOptionsSource } from './imap-options';
import { fetchMessages, newMessages } from './new-messages';
import type { WatchTiming } from './watch-timing';

/** What one {@link WatchSession} needs. */
export interface WatchSessionDeps {
  trigger: Trigger & { email: EmailOptions };
  /** This process's id: the lease owner. */
  owner: string;
  repositories: Pick<Repositories, 'triggerFirings' | 'triggerMailboxes'>;
  imapOptions: ImapOptionsSource;
  /** Hands a new firing to the dispatcher. */
  dispatch: (firingId: string) => void;
  /** How often to poll a server without IDLE. */
  pollMs: () => number;
  timing: WatchTiming;
  logger: Logger;
  /** Called once the mailbox is open (the watcher shows `connected`), before catching up. */
  onConnected: () => Promise<void>;
  /** Called after messages became firings. */
  onEvents: (count: number) => Promise<void>;
}

/**
 * One IMAP connection of an email watcher: connects with the trigger's `read_emails` configuration,
 * opens the mailbox read-only, aligns the checkpoint with UIDVALIDITY, turns every message above the
 * checkpoint into one firing (key `uidvalidity:uid`, recorded idempotently) while advancing the checkpoint,
 * then waits in IDLE (new messages arrive as EXISTS) with a NOOP heartbeat; without IDLE it polls.
 * {@link run} resolves or rejects when the connection ends; {@link close} ends it.
 */
export class WatchSession {
  private client: ImapFlow | undefined;
  private failure: unknown;
  private syncing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private checkpoint = { uidValidity: 0, lastUid: 0 };

  /** Creates the session; nothing happens before {@link run}. */
  constructor(private readonly deps: WatchSessionDeps) {}

  /** Connects and watches until the connection ends; rejects with why it ended (unless closed). */
  async run(): Promise<void> {
    const { trigger, timing } = this.deps;
    const client = new ImapFlow({
      ...(await this.deps.imapOptions(trigger.email.configScope)),
      logger: false,
      maxIdleTime: timing.maxIdleMs,
      autoIdleDelay: 500,
    });
    this.client = client;
    if (this.failure === 'closed') return;
    let socketError: unknown;
    client.on('error', (error: unknown) => {
      socketError = error;
    });
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    try {
      await client.connect();
      const mailbox = await client.mailboxOpen(trigger.email.mailbox, { readOnly: true });
      await this.alignCheckpoint(Number(mailbox.uidValidity), mailbox.uidNext);
      await this.deps.onConnected();
      client.on('exists', () => void this.kick(client));
      await this.kick(client);
      this.beat(client, client.capabilities.has('IDLE'), Date.now());
      await closed;
    } catch (error) {
      this.failure ??= error;
    } finally {
      clearTimeout(this.timer);
      await this.syncing;
      client.close();
    }
    if (this.failure === 'closed') return;
    const cause = this.failure ?? socketError;
    if (EmailWatchError.isInstance(cause)) throw cause;
    if (this.failure === undefined) {
      throw new EmailWatchError(
        'EMAIL_CONNECTION_LOST',
        `The IMAP connection closed${reason(cause)}.`,
        cause,
      );
    }
    throw new EmailWatchError('EMAIL_CONNECTION_FAILED', `IMAP failed${reason(cause)}.`, cause);
  }

  /** Ends the connection; {@link run} then resolves. */
  close(): void {
    this.failure ??= 'closed';
    this.client?.close();
  }

  /** NOOP every heartbeat (a dead connection is closed); polls a server without IDLE; searches with IDLE too. */
  private beat(client: ImapFlow, hasIdle: boolean, lastPoll: number): void {
    const { heartbeatMs, heartbeatTimeoutMs } = this.deps.timing;
    const every = hasIdle ? heartbeatMs : Math.min(heartbeatMs, this.deps.pollMs());
    this.timer = setTimeout(async () => {
      const timeout = setTimeout(() => {
        this.fail(
          client,
          new EmailWatchError('EMAIL_HEARTBEAT_TIMEOUT', `NOOP unanswered after ${heartbeatTimeoutMs} ms.`),
        );
      }, heartbeatTimeoutMs);
      try {
        await client.noop();
      } catch (error) {
        this.fail(client, error);
      } finally {
        clearTimeout(timeout);
      }
      const pollDue = Date.now() - lastPoll >= this.deps.pollMs();
      if (hasIdle || pollDue) await this.kick(client);
      if (client.usable) this.beat(client, hasIdle, pollDue ? Date.now() : lastPoll);
    }, every);
    this.timer.unref();
  }

  private fail(client: ImapFlow, error: unknown): void {
    this.failure ??= error;
    client.close();
  }

  /** Catches up once more after what is running now (rounds never overlap). */
  private kick(client: ImapFlow): Promise<void> {
    this.syncing = this.syncing.then(() => this.catchUp(client)).catch((error) => this.fail(client, error));
    return this.syncing;
  }

  /**
   * Aligns the checkpoint with the open mailbox. A trigger's first connection starts from the mailbox as it
   * is (messages already there do not fire). When the UIDVALIDITY changed (the mailbox was recreated), the
   * old UIDs mean nothing, so the checkpoint restarts at UID 0 of the new UIDVALIDITY: every message of the
   * recreated mailbox fires once (keys `newUidValidity:uid`, which no old key can equal), including mail
   * delivered into it before the watcher reconnected.
   */
  private async alignCheckpoint(uidValidity: number, uidNext: number | undefined): Promise<void> {
    const { trigger, owner, logger, repositories } = this.deps;
    const stored = await repositories.triggerMailboxes.find(trigger.id);
    if (stored?.uidValidity === uidValidity && stored.lastUid !== null) {
      this.checkpoint = { uidValidity, lastUid: stored.lastUid };
      return;
    }
    const fields = { triggerId: trigger.id, mailbox: trigger.email.mailbox, uidValidity };
    if (stored?.uidValidity == null) {
      const lastUid = Math.max(0, (uidNext ?? 1) - 1);
      logger.info({ ...fields, lastUid }, 'email trigger starts watching from the current mailbox state');
      this.checkpoint = { uidValidity, lastUid: 0 };
      await this.advance(lastUid);
      return;
    }
    logger.warn(
      { ...fields, previousUidValidity: stored.uidValidity, previousLastUid: stored.lastUid },
      'email trigger mailbox UIDVALIDITY changed: every message of the recreated mailbox is new',
    );
    if (!(await repositories.triggerMailboxes.checkpoint(trigger.id, owner, uidValidity, 0))) {
      throw new EmailWatchError('EMAIL_WATCH_LEASE_LOST', 'Another process took over watching this trigger.');
    }
    this.checkpoint = { uidValidity, lastUid: 0 };
  }

  /** Turns every message above the checkpoint into a firing, in UID order, advancing the checkpoint. */
  private async catchUp(client: ImapFlow): Promise<void> {
    const { trigger, repositories } = this.deps;
    const { uidValidity, lastUid } = this.checkpoint;
    const found = await newMessages(client, lastUid, trigger.email.filter);
    if (found.highestUid === undefined) return;
    let recorded = 0;
    for await (const message of fetchMessages(client, found.matching)) {
      const event = await emailEvent(message.source, message.receivedAt);
      const key = `${uidValidity}:${message.uid}`;
      const { firing, duplicate } = await repositories.triggerFirings.record(trigger.id, key, event);
      if (!duplicate) {
        this.deps.dispatch(firing.id);
        recorded++;
      }
      await this.advance(message.uid);
    }
    await this.advance(found.highestUid);
    if (recorded > 0) await this.deps.onEvents(recorded);
  }

  private async advance(uid: number): Promise<void> {
    if (uid <= this.checkpoint.lastUid) return;
    const { trigger, owner, repositories } = this.deps;
    const held = await repositories.triggerMailboxes.checkpoint(
      trigger.id,
      owner,
      this.checkpoint.uidValidity,
      uid,
    );
    if (!held) {
      throw new EmailWatchError('EMAIL_WATCH_LEASE_LOST', 'Another process took over watching this trigger.');
    }
    this.checkpoint.lastUid = uid;
  }
}

function reason(cause: unknown): string {
  if (cause instanceof Error && cause.message) return `: ${cause.message}`;
  return '';
}
