import type { Logger } from '../../logging/logger';
import type { ErrorInfo } from '../../models/common';
import type { EmailOptions, TriggerHealthState } from '../../models/email-trigger';
import type { Trigger } from '../../models/trigger';
import { nowIso } from '../../storage/queryable';
import type { Repositories } from '../../storage/repositories';
import { EmailWatchError } from './email-watch-error';
import type { FailureNotifier } from './failure-notice';
import type { ImapOptionsSource } from './imap-options';
import { WatchSession } from './watch-session';
import { backoffDelay, type WatchTiming } from './watch-timing';

/** What an {@link EmailWatcher} needs. */
export interface EmailWatcherDeps {
  trigger: Trigger & { email: EmailOptions };
  /** This process's id: the lease owner. */
  owner: string;
  repositories: Pick<Repositories, 'triggerFirings' | 'triggerMailboxes'>;
  imapOptions: ImapOptionsSource;
  dispatch: (firingId: string) => void;
  /** `triggers.email` settings, read live. */
  settings: () => { pollSeconds: number; failingAfterSeconds: number };
  timing: WatchTiming;
  logger: Logger;
  /** Called when another process took the lease over; the watcher has stopped. */
  onLeaseLost: () => void;
  /** Sends the notice of a failing episode (once per episode); none: no notice. */
  notifyFailing?: FailureNotifier;
}

/**
 * Watches one email trigger's mailbox for as long as this process holds its lease: runs a
 * {@link WatchSession} and, when it ends, reconnects with exponential backoff. Records its health —
 * `connected`; `reconnecting` with the last error; `failing` (logged at error, and notified once per
 * episode through `notifyFailing`) once it has not been connected for `triggers.email.failingAfterSeconds`.
 */
export class EmailWatcher {
  private stopped = false;
  private session: WatchSession | undefined;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private state: TriggerHealthState | undefined;
  private since = nowIso();
  private troubleSince: number | undefined;
  private notice: Promise<void> | undefined;

  /** Creates the watcher; nothing happens before {@link start}. */
  constructor(private readonly deps: EmailWatcherDeps) {}

  /** Starts watching in the background. */
  start(): void {
    this.loop ??= this.run();
  }

  /** Stops watching and closes the connection. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    this.session?.close();
    await this.loop;
    await this.notice;
  }

  private async run(): Promise<void> {
    let attempt = 0;
    while (!this.stopped) {
      let connected = false;
      this.session = new WatchSession({
        ...this.deps,
        pollMs: () => this.deps.settings().pollSeconds * 1000,
        onConnected: async () => {
          connected = true;
          await this.record('connected');
        },
        onEvents: async () => {
          await this.health({ lastEventAt: nowIso() });
        },
      });
      try {
        await this.session.run();
      } catch (error) {
        if (this.stopped) break;
        if (EmailWatchError.isInstance(error) && error.code === 'EMAIL_WATCH_LEASE_LOST') {
          this.deps.logger.warn({ triggerId: this.deps.trigger.id }, 'email trigger watched elsewhere now');
          this.stopped = true;
          this.deps.onLeaseLost();
          break;
        }
        if (connected) attempt = 0;
        await this.trouble(error);
      }
      if (this.stopped) break;
      await this.sleep(backoffDelay(this.deps.timing, attempt++));
    }
  }

  private async trouble(error: unknown): Promise<void> {
    const info = errorInfo(error);
    const now = Date.now();
    this.troubleSince ??= now;
    const failing = now - this.troubleSince >= this.deps.settings().failingAfterSeconds * 1000;
    const fields = { triggerId: this.deps.trigger.id, error: info };
    if (failing && this.state !== 'failing') {
      const since = new Date(this.troubleSince).toISOString();
      this.deps.logger.error({ ...fields, since }, 'email trigger failing: cannot watch its mailbox');
      this.notify(info, since);
    } else if (!failing && this.state !== 'reconnecting') {
      this.deps.logger.warn(fields, 'email trigger reconnecting');
    }
    await this.record(failing ? 'failing' : 'reconnecting', info);
  }

  /** Sends the failing episode's notice in the background (the watcher keeps reconnecting meanwhile). */
  private notify(error: ErrorInfo, since: string): void {
    const { notifyFailing, trigger, logger } = this.deps;
    if (notifyFailing === undefined) return;
    this.notice = notifyFailing({ trigger, error, since }).catch((failure: unknown) =>
      logger.warn({ err: failure, triggerId: trigger.id }, 'email trigger failure notice not sent'),
    );
  }

  private async record(state: TriggerHealthState, lastError?: ErrorInfo): Promise<void> {
    if (state === 'connected') this.troubleSince = undefined;
    if (state !== this.state) {
      this.state = state;
      this.since = nowIso();
    }
    await this.health({ ...(lastError ? { lastError } : {}) });
  }

  private async health(change: { lastError?: ErrorInfo; lastEventAt?: string }): Promise<void> {
    const { trigger, owner, repositories, logger } = this.deps;
    await repositories.triggerMailboxes
      .setHealth(trigger.id, owner, { state: this.state ?? 'reconnecting', since: this.since, ...change })
      .catch((error: unknown) =>
        logger.warn({ err: error, triggerId: trigger.id }, 'email trigger health not recorded'),
      );
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref();
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

function errorInfo(error: unknown): ErrorInfo {
  if (EmailWatchError.isInstance(error)) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'EMAIL_CONNECTION_FAILED', message };
}
