import type { ErrorInfo } from '../../models/common';
import type { TriggerHealthState } from '../../models/email-trigger';
import { isForeignKeyViolation } from '../constraint-violation';
import type { Database } from '../database';
import { nowIso } from '../queryable';
import { type Row, RowCodec } from '../row-codec';

/** The watch state of one email trigger (table `trigger_mailboxes`). */
export interface TriggerMailbox {
  /** The email trigger. */
  triggerId: string;
  /** UIDVALIDITY of the mailbox when `lastUid` was recorded; null before the first connection. */
  uidValidity: number | null;
  /** The highest UID already turned into firings (or skipped by the filter); null before the first connection. */
  lastUid: number | null;
  /** Process holding the watcher lease, or null. */
  owner: string | null;
  /** When the lease ends unless renewed. */
  leaseUntil: string | null;
  /** Watcher state as the owner last recorded it. */
  state: TriggerHealthState;
  /** The last connection error, kept until the next success. */
  lastError?: ErrorInfo;
  /** When the last message became a firing. */
  lastEventAt?: string;
  /** When `state` began. */
  since: string;
  /** Last change. */
  updatedAt: string;
}

/** A health change the owner records. */
export interface HealthChange {
  state: TriggerHealthState;
  since: string;
  /** An error to show; null clears it; undefined keeps it. */
  lastError?: ErrorInfo | null;
  lastEventAt?: string;
}

/**
 * Stores each email trigger's checkpoint, watcher lease and health. Every write but taking the lease is
 * conditional on holding it, so a replica that lost the lease cannot move the checkpoint back or forth.
 */
export class TriggerMailboxRepository {
  private readonly codec: RowCodec<TriggerMailbox>;

  /** Creates the repository over `db`. */
  constructor(private readonly db: Database) {
    this.codec = new RowCodec<TriggerMailbox>(
      {
        triggerId: 'text',
        uidValidity: 'integer',
        lastUid: 'integer',
        owner: 'text',
        leaseUntil: 'timestamp',
        state: 'text',
        lastError: 'json?',
        lastEventAt: 'timestamp?',
        since: 'timestamp',
        updatedAt: 'timestamp',
      },
      db.dialect,
    );
  }

  /**
   * Takes or keeps the watcher lease of `triggerId` for `owner` until `leaseUntil`: succeeds when nobody
   * holds it, `owner` already does, or the holder's lease ended before `now`. False when another process
   * holds it or the trigger no longer exists.
   */
  async acquire(triggerId: string, owner: string, leaseUntil: string, now: string): Promise<boolean> {
    const lease = this.codec.toRow({ owner, leaseUntil, updatedAt: now });
    try {
      const inserted = await this.db
        .knex('trigger_mailboxes')
        .insert({
          ...this.codec.toRow({ triggerId, uidValidity: null, lastUid: null, state: 'idle', since: now }),
          ...lease,
        })
        .onConflict('trigger_id')
        .ignore()
        .returning('trigger_id');
      if (inserted.length > 0) return true;
    } catch (error) {
      if (isForeignKeyViolation(error)) return false;
      throw error;
    }
    const at = this.codec.encode('leaseUntil', now);
    const updated = await this.db
      .knex('trigger_mailboxes')
      .where({ trigger_id: triggerId })
      .andWhere((free) =>
        free
          .whereNull('owner')
          .orWhere('owner', owner)
          .orWhereNull('lease_until')
          .orWhere('lease_until', '<', at),
      )
      .update(lease);
    return updated > 0;
  }

  /** Extends `owner`'s lease; false when it no longer holds it. */
  async renew(triggerId: string, owner: string, leaseUntil: string): Promise<boolean> {
    const updated = await this.db
      .knex('trigger_mailboxes')
      .where({ trigger_id: triggerId, owner })
      .update(this.codec.toRow({ leaseUntil, updatedAt: nowIso() }));
    return updated > 0;
  }

  /** Gives the lease up (the trigger shows `idle`), when `owner` holds it. */
  async release(triggerId: string, owner: string): Promise<void> {
    const now = nowIso();
    await this.db
      .knex('trigger_mailboxes')
      .where({ trigger_id: triggerId, owner })
      .update(this.codec.toRow({ owner: null, leaseUntil: null, state: 'idle', since: now, updatedAt: now }));
  }

  /** Records the checkpoint, when `owner` holds the lease; false when it does not. */
  async checkpoint(triggerId: string, owner: string, uidValidity: number, lastUid: number): Promise<boolean> {
    const updated = await this.db
      .knex('trigger_mailboxes')
      .where({ trigger_id: triggerId, owner })
      .update(this.codec.toRow({ uidValidity, lastUid, updatedAt: nowIso() }));
    return updated > 0;
  }

  /** Records the watcher's health, when `owner` holds the lease. */
  async setHealth(triggerId: string, owner: string, change: HealthChange): Promise<void> {
    await this.db
      .knex('trigger_mailboxes')
      .where({ trigger_id: triggerId, owner })
      .update(this.codec.toRow({ ...change, updatedAt: nowIso() }));
  }

  /** The watch state of `triggerId`, or undefined before it was first watched. */
  async find(triggerId: string): Promise<TriggerMailbox | undefined> {
    const row = await this.db.knex('trigger_mailboxes').where({ trigger_id: triggerId }).first();
    return row === undefined ? undefined : this.codec.fromRow(row);
  }

  /** The watch states of the given triggers that have one, by trigger id. */
  async findMany(triggerIds: readonly string[]): Promise<Map<string, TriggerMailbox>> {
    if (triggerIds.length === 0) return new Map();
    const rows = await this.db.knex('trigger_mailboxes').whereIn('trigger_id', [...new Set(triggerIds)]);
    return new Map(rows.map((row: Row) => [String(row.trigger_id), this.codec.fromRow(row)]));
  }
}
