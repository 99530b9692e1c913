import { type Static, Type } from 'typebox';
import { ErrorInfo, Timestamp, Uuid } from './common';

/** State of one firing of a schedule. */
export const FiringStatus = Type.Union(
  [
    Type.Literal('pending'),
    Type.Literal('claimed'),
    Type.Literal('executed'),
    Type.Literal('failed'),
    Type.Literal('skipped'),
  ],
  { title: 'FiringStatus' },
);
/** State of one firing. */
export type FiringStatus = Static<typeof FiringStatus>;

/**
 * One due time of a schedule. `(scheduleId, fireAt)` is unique: it is the idempotency key that stops two
 * processes from running the same firing twice.
 */
export const ScheduleFiring = Type.Object(
  {
    id: Uuid,
    scheduleId: Uuid,
    fireAt: Timestamp,
    status: FiringStatus,
    attempts: Type.Integer({ minimum: 0 }),
    runId: Type.Union([Uuid, Type.Null()]),
    claimedBy: Type.Union([Type.String(), Type.Null()], {
      description: 'Id of the process holding the lease.',
    }),
    leaseUntil: Type.Union([Timestamp, Type.Null()]),
    nextAttemptAt: Type.Union([Timestamp, Type.Null()]),
    error: Type.Union([ErrorInfo, Type.Null()]),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { title: 'ScheduleFiring', description: 'One due time of a schedule and what became of it.' },
);
/** One firing of a schedule. */
export type ScheduleFiring = Static<typeof ScheduleFiring>;
