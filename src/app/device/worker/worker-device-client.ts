/**
 * The page's side of the worker device: DeviceClient over postMessage. Each call carries an id and
 * resolves with the worker's answer of the same id; the worker's events reach `subscribe` listeners.
 * If the worker dies (terminated, crashed), pending calls reject with a message saying so; committed
 * data is safe in OPFS and a new client (a reload) opens it again.
 */

import type { SyncPlan } from '../../../compiler/plan.ts';
import { LocalWriteError, type ConflictResolution } from '../../../runtime/index.ts';
import type { DeviceClient, DeviceEvent, DeviceSession, SyncTrigger } from '../device-client.ts';
import type {
  DeviceMethod,
  DeviceWorkerInit,
  PageToWorker,
  SerializedError,
  WorkerToPage,
} from './device-protocol.ts';

type Method<M extends DeviceMethod> = DeviceClient[M] extends (...args: infer A) => infer R
  ? (...args: A) => R
  : never;

export class WorkerDeviceClient implements DeviceClient {
  readonly #worker: Worker;
  readonly #listeners = new Set<(event: DeviceEvent) => void>();
  readonly #pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();
  #nextId = 1;
  #stopped: string | undefined;

  constructor(worker: Worker, init: DeviceWorkerInit) {
    this.#worker = worker;
    worker.addEventListener('message', (message: MessageEvent<WorkerToPage>) => this.#receive(message.data));
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.#stop(`the device worker stopped: ${event.message || 'it could not start'}`);
    });
    this.#post({ kind: 'init', init });
  }

  /** The worker, for tests that kill it as a closed tab would. */
  get worker(): Worker {
    return this.#worker;
  }

  #post(message: PageToWorker): void {
    this.#worker.postMessage(message);
  }

  #receive(message: WorkerToPage): void {
    if (message.kind === 'event') {
      for (const listener of this.#listeners) {
        try {
          listener(message.event);
        } catch {
          // A failing screen must not stop the others.
        }
      }
      return;
    }
    const pending = this.#pending.get(message.id);
    if (!pending) return;
    this.#pending.delete(message.id);
    if (message.kind === 'result') pending.resolve(message.value);
    else pending.reject(deserializeError(message.error));
  }

  #stop(reason: string): void {
    this.#stopped ??= reason;
    for (const { reject } of this.#pending.values()) reject(new Error(reason));
    this.#pending.clear();
  }

  #call<M extends DeviceMethod>(method: M, ...args: unknown[]): ReturnType<Method<M>> {
    if (this.#stopped) return Promise.reject(new Error(this.#stopped)) as ReturnType<Method<M>>;
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#post({ kind: 'call', id, method, args });
    }) as ReturnType<Method<M>>;
  }

  open() {
    return this.#call('open');
  }
  session() {
    return this.#call('session');
  }
  setSession(session: DeviceSession | null) {
    return this.#call('setSession', session);
  }
  plan() {
    return this.#call('plan');
  }
  installPlan(
    plan: SyncPlan,
    publishedVersion?: { id: string; number: number },
    options?: { readonly allowScopeChange?: boolean },
  ) {
    return this.#call('installPlan', plan, publishedVersion, options);
  }
  metadata() {
    return this.#call('metadata');
  }
  setParameters(parameters: Readonly<Record<string, unknown>>) {
    return this.#call('setParameters', parameters);
  }
  sync(trigger: SyncTrigger) {
    return this.#call('sync', trigger);
  }
  startSchedule() {
    return this.#call('startSchedule');
  }
  stopSchedule() {
    return this.#call('stopSchedule');
  }
  records(object: string) {
    return this.#call('records', object);
  }
  record(object: string, id: string) {
    return this.#call('record', object, id);
  }
  relatedRecords(object: string, field: string, id: string) {
    return this.#call('relatedRecords', object, field, id);
  }
  create(object: string, fields: Readonly<Record<string, unknown>>) {
    return this.#call('create', object, fields);
  }
  update(object: string, id: string, fields: Readonly<Record<string, unknown>>) {
    return this.#call('update', object, id, fields);
  }
  delete(object: string, id: string) {
    return this.#call('delete', object, id);
  }
  pendingChanges() {
    return this.#call('pendingChanges');
  }
  undo(seq: number) {
    return this.#call('undo', seq);
  }
  retry(seq: number) {
    return this.#call('retry', seq);
  }
  conflicts() {
    return this.#call('conflicts');
  }
  resolveConflict(seq: number, resolution: ConflictResolution) {
    return this.#call('resolveConflict', seq, resolution);
  }
  history(limit?: number) {
    return this.#call('history', limit);
  }
  status() {
    return this.#call('status');
  }
  wipe() {
    return this.#call('wipe');
  }

  subscribe(listener: (event: DeviceEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Ends the worker at once, mid-sync or not, as closing the tab does: nothing is closed cleanly, calls
   * waiting for an answer reject. What was committed stays in OPFS (tests kill the device this way).
   */
  terminate(): void {
    this.#worker.terminate();
    this.#stop('the device worker was terminated');
  }

  /** Closes the store (its lock goes to a waiting tab) and ends the worker. */
  async close(): Promise<void> {
    try {
      if (!this.#stopped) await this.#call('close');
    } finally {
      this.#worker.terminate();
      this.#stop('the device is closed');
    }
  }
}

function deserializeError(error: SerializedError): Error {
  if (error.name === 'LocalWriteError' && error.code && error.object) {
    return new LocalWriteError(
      error.message,
      error.code as LocalWriteError['code'],
      error.object,
      error.field,
    );
  }
  const rebuilt = new Error(error.message);
  rebuilt.name = error.name;
  return rebuilt;
}
