import type { Logger } from '../../logging/logger';
import type { Run, RunKind } from '../../models/run';
import type { RunClaims } from '../../storage/repositories/run-claims';
import type { RunOwnerLock } from './run-owner-lock';

/**
 * Takes over one run left by the dead `owner` (claiming it with `RunClaims.claimOwnedBy`, so exactly one
 * replica wins): e.g. marks it failed, or resumes it here. Resolves whether this process got it.
 */
export type OrphanAdopter = (run: Run, owner: string) => Promise<boolean>;

/**
 * Finds runs still queued or running whose owner is dead (its run-owner lock can be taken) and hands
 * each to the adopter of its kind, at start and every `intervalMs`. A dead owner whose runs were all
 * handled is forgotten (its SQLite lock file deleted); runs of a kind without an adopter yet wait for
 * the next sweep. Sweeps never overlap.
 */
export class OrphanSweeper {
  private readonly adopters = new Map<RunKind, OrphanAdopter>();
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<number> = Promise.resolve(0);

  /** Prepares the sweeper; nothing happens before {@link start}. */
  constructor(
    private readonly claims: RunClaims,
    private readonly lock: RunOwnerLock,
    private readonly logger: Logger,
    private readonly intervalMs: number,
  ) {}

  /** Makes `adopter` take over orphaned runs of `kind` (replacing any adopter of that kind). */
  adopt(kind: RunKind, adopter: OrphanAdopter): void {
    this.adopters.set(kind, adopter);
  }

  /** Sweeps once now, then every `intervalMs`. */
  async start(): Promise<void> {
    await this.sweep();
    this.timer = setInterval(() => {
      this.sweep().catch((error: unknown) =>
        this.logger.warn({ err: error }, 'Scan for runs of dead processes failed; will try again.'),
      );
    }, this.intervalMs);
    this.timer.unref();
  }

  /** Stops sweeping and waits for a sweep in progress. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.sweeping.catch(() => undefined);
  }

  /** Takes over the runs of dead owners now (after any sweep in progress); returns how many were taken here. */
  sweep(): Promise<number> {
    const next = this.sweeping.catch(() => 0).then(() => this.sweepOnce());
    this.sweeping = next;
    return next;
  }

  private async sweepOnce(): Promise<number> {
    const owners = await this.claims.ownersOfUnfinished();
    if (owners.length === 0) return 0;
    let taken = 0;
    for (const owner of await this.lock.deadOwners(owners)) {
      let waiting = 0;
      for (const run of await this.claims.listOwnedBy(owner)) {
        const adopter = this.adopters.get(run.kind);
        if (adopter === undefined) waiting += 1;
        else if (await adopter(run, owner)) taken += 1;
      }
      if (waiting === 0) await this.lock.forget(owner);
    }
    if (taken > 0) this.logger.warn({ taken }, 'Took over runs of a process that died.');
    return taken;
  }
}
