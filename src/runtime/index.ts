/**
 * The device runtime (browser-safe entry: no Node built-ins, no SQLite). SqliteStore lives in
 * ./store/sqlite-store.ts and is imported from there by Node code only.
 */

export {
  SyncEngine,
  type SyncEngineOptions,
  type SyncEngineEvents,
  type DeviceStatus,
  type PublishedPlanOption,
} from './sync-engine.ts';
export {
  fetchLatestPublishedPlan,
  type PublishedVersion,
  type PlanStore,
  type PlanTransport,
} from './published-plan-source.ts';
export { MemoryStore } from './store/memory-store.ts';
export type * from './store/sync-store.ts';
export type { Transport, TransportRequest } from './transport.ts';
export { SyncLockBusyError, type SyncLock, type ReleaseSyncLock } from './sync-lock.ts';
export { webLocksSyncLock, type WebLocksSyncLockOptions } from './web-locks-sync-lock.ts';
export { systemClock, systemTimer, type Clock, type Timer } from './effects.ts';
export type { SyncProgress, SyncSummary, SyncPhase, PlanInstalled } from './progress.ts';
export { OverallProgress, RUNNING_CAP } from './overall-progress.ts';
export type { Conflict, ConflictResolution } from './conflicts.ts';
export {
  LocalWriteError,
  SyncError,
  ApiRequestError,
  failureReasonOf,
  RETRY_KIND,
  type FailureKind,
  type FailureReason,
} from './sync-errors.ts';
export {
  PlanError,
  ScopeChangeError,
  installPlan,
  previewScopeChange,
  type InstallPlanOptions,
  type PlanChange,
  type ScopeChange,
} from './plan-change.ts';
export { bindSoql, bindChunked, BindError } from './soql-binding.ts';
export { isLocalId } from './local-ids.ts';
export type { SfRecord } from './records.ts';
