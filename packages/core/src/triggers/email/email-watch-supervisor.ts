import type { Logger } from '../../logging/logger';
import type { EmailOptions } from '../../models/email-trigger';
import type { Trigger } from '../../models/trigger';
import { nowIso } from '../../storage/queryable';
import type { Repositories } from '../../storage/repositories';
import { EmailWatcher } from './email-watcher';
import type { FailureNotifier } from './failure-notice';
import type { ImapOptionsSource } from './imap-options';
import { DEFAULT_WATCH_TIMING, type WatchTiming } from './watch-timing';

/** What an {@link EmailWatchSupervisor} needs. */
export interface EmailWatchSupervisorDeps {
  repositories: Pick<Repositories, 'triggers' | 'triggerFirings' | 'triggerMailboxes'>;
  /** This process's id: the lease owner. */
  owner: string;
  imapOptions: ImapOptionsSource;
  dispatch: (firingId: string) => void;
  /** How often enabled email triggers are looked for and leases renewed (`scheduler.intervalMs`). */
  intervalMs: () => number;
  /** `triggers.email` settings, read live. */
  settings: () => { pollSeconds: number; failingAfterSeconds: number };
  logger: Logger;
  /** Sends the notice when a trigger starts failing; none: no notice. */
  notifyFailing?: FailureNotifier;
  /** Watcher timing; default {@link DEFAULT_WATCH_TIMING}. */
  timing?: Partial<WatchTiming>;
}

interface Watched {
  watcher: EmailWatcher;
  /** The trigger's `updatedAt` the watcher was started with: an edit restarts it. */
  updatedAt: string;
  renewedAt: number;
}

/**
 * Runs one {@link EmailWatcher} per enabled email trigger whose lease this process holds. Every tick it
 * renews its leases (a lease it lost stops that watcher), stops watchers of disabled, deleted or edited
 * triggers (giving the lease up), and takes the lease of every enabled email trigger nobody holds — so
 * across replicas each trigger is watched by exactly one process, and by another one soon after its
 * holder stops or dies (the lease expires).
 */
export class EmailWatchSupervisor {
  private readonly watched = new Map<string, Watched>();
  private readonly timing: WatchTiming;
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private running = false;

  /** Creates the supervisor; nothing happens before {@link start}. */
  constructor(private readonly deps: EmailWatchSupervisorDeps) {
    this.timing = { ...DEFAULT_WATCH_TIMING, ...deps.timing };
  }

  /** Starts supervising (first tick at once). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Stops every watcher and gives their leases up, so another replica takes over at once. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.ticking;
    await Promise.all([...this.watched.keys()].map((id) => this.unwatch(id, true)));
  }

  /** One tick: renew, stop and start watchers as the triggers and leases say. */
  async tick(): Promise<void> {
    const { triggers, triggerMailboxes } = this.deps.repositories;
    const enabled = new Map((await triggers.listEnabled('email')).map((trigger) => [trigger.id, trigger]));
    for (const [id, entry] of this.watched) {
      const trigger = enabled.get(id);
      if (trigger?.updatedAt !== entry.updatedAt) {
        await this.unwatch(id, true);
      } else if (Date.now() - entry.renewedAt >= this.timing.leaseMs / 3) {
        if (await triggerMailboxes.renew(id, this.deps.owner, this.leaseUntil()))
          entry.renewedAt = Date.now();
        else await this.unwatch(id, false);
      }
    }
    for (const trigger of enabled.values()) {
      if (!this.running) return;
      if (this.watched.has(trigger.id) || trigger.email === undefined) continue;
      if (await triggerMailboxes.acquire(trigger.id, this.deps.owner, this.leaseUntil(), nowIso())) {
        this.watch({ ...trigger, email: trigger.email });
      }
    }
  }

  private watch(trigger: Trigger & { email: EmailOptions }): void {
    const watcher = new EmailWatcher({
      ...this.deps,
      trigger,
      timing: this.timing,
      onLeaseLost: () => {
        if (this.watched.get(trigger.id)?.watcher === watcher) this.watched.delete(trigger.id);
      },
    });
    this.watched.set(trigger.id, { watcher, updatedAt: trigger.updatedAt, renewedAt: Date.now() });
    this.deps.logger.info(
      { triggerId: trigger.id, mailbox: trigger.email.mailbox },
      'email trigger watching',
    );
    watcher.start();
  }

  private async unwatch(id: string, release: boolean): Promise<void> {
    const entry = this.watched.get(id);
    if (entry === undefined) return;
    this.watched.delete(id);
    await entry.watcher.stop();
    if (release) await this.deps.repositories.triggerMailboxes.release(id, this.deps.owner);
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.ticking = this.tick()
        .catch((error: unknown) => this.deps.logger.error({ err: error }, 'email trigger supervision failed'))
        .finally(() => this.schedule(this.deps.intervalMs()));
    }, delayMs);
    this.timer.unref();
  }

  private leaseUntil(): string {
    return new Date(Date.now() + this.timing.leaseMs).toISOString();
  }
}
