export type { AlsoWrite } from './deferred-steps';
export type { OrphanAdopter } from './ownership/orphan-sweeper';
export { ownerLockFolder } from './ownership/owner-lock-folder';
export { acquireRunOwnerLock, type RunOwnerLock } from './ownership/run-owner-lock';
export {
  FINAL_RUN_EVENTS,
  type RunEvent,
  type RunEventData,
  type RunEventListener,
  type RunEventType,
  type Unsubscribe,
} from './run-event';
export { RUN_INTERRUPTED, type RunHeartbeatOptions } from './run-heartbeat';
export type { RunTrigger } from './run-log';
export { RunManager } from './run-manager';
export { type RecoveryChanges, RunRecovery, type RunRecoveryOptions } from './run-recovery';
export {
  RUN_CANCELLED,
  type RunError,
  type RunListFilter,
  type RunManagerOptions,
  type RunTotals,
  type RunWithSteps,
} from './run-types';
export { RunWaits } from './run-waits';
