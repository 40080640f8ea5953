/**
 * End-to-end harness: an embedded org over HTTP (the real emulator, reached through jsforce exactly as a
 * real org), a compiled plan, a device engine, a device clock that follows the org's clock, and the oracle:
 * the plan's full queries run directly on the org, which every test compares the device with.
 */

import { scopeOnServer } from '../../../bench/lib/scope-oracle.ts';
import { Connection } from 'jsforce';
import { expect } from 'vitest';
import { compile } from '../../../src/compiler/index.ts';
import type { SyncPlan } from '../../../src/compiler/plan.ts';
import type { SyncScope } from '../../../src/compiler/scope.ts';
import { startOrg } from '../../../src/emulator/index.ts';
import type { SfRecord } from '../../../src/runtime/records.ts';
import { MemoryStore } from '../../../src/runtime/store/memory-store.ts';
import type { SyncStore } from '../../../src/runtime/store/sync-store.ts';
import { SyncEngine, type SyncEngineOptions } from '../../../src/runtime/sync-engine.ts';
import type { Transport } from '../../../src/runtime/transport.ts';
import { RequestLog } from './request-log.ts';

export const START = '2026-03-02T09:00:00.000Z';

export type TestOrg = Awaited<ReturnType<typeof startOrg>>;

export interface Harness {
  readonly org: TestOrg;
  readonly conn: Connection;
  readonly userId: string;
  /** Device time (ms), kept equal to the org's frozen clock by `advance`. */
  now(): number;
  /** Moves both clocks forward. */
  advance(seconds: number): Promise<void>;
  /** A device engine for `plan` (a fresh MemoryStore unless given). */
  device(plan: SyncPlan, options?: Partial<SyncEngineOptions>): SyncEngine;
  /** The harness's request log over the org connection: pass it as a device's `transport` to see what was sent. */
  readonly requests: RequestLog;
  /** Records in scope on the server, per plan object, evaluated from the plan's full queries. */
  scopeOnServer(plan: SyncPlan): Promise<Record<string, SfRecord[]>>;
  /** Asserts the device's server records equal the scope on the server, object by object. */
  expectDeviceMatchesServer(engine: SyncEngine): Promise<void>;
  create(object: string, fields: Record<string, unknown>): Promise<string>;
  update(object: string, id: string, fields: Record<string, unknown>): Promise<void>;
  remove(object: string, id: string): Promise<void>;
  control(path: string, body?: unknown, method?: 'GET' | 'POST' | 'DELETE'): Promise<unknown>;
  close(): Promise<void>;
}

export function compilePlan(scope: SyncScope, metadata?: unknown): SyncPlan {
  const result = compile(scope, metadata ? ({ metadata } as never) : {});
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (!result.plan || errors.length) throw new Error(`scope does not compile: ${JSON.stringify(errors)}`);
  // Devices get plans as JSON.
  return JSON.parse(JSON.stringify(result.plan)) as SyncPlan;
}

export async function startHarness(
  options: { seed?: 'demo' | 'none'; extraMetadata?: readonly unknown[] } = {},
): Promise<Harness> {
  const org = await startOrg({
    seed: options.seed ?? 'none',
    now: new Date(START),
    extraMetadata: options.extraMetadata,
  });
  const conn = new Connection({ instanceUrl: org.url, accessToken: org.token, version: '62.0' });
  let deviceNow = Date.parse(START);
  const control = async (path: string, body?: unknown, method: 'GET' | 'POST' | 'DELETE' = 'POST') =>
    conn.request({
      method,
      url: `${org.url}/__emulator/${path}`,
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: { 'Content-Type': 'application/json' },
    });
  const harness: Harness = {
    org,
    conn,
    requests: new RequestLog(conn),
    userId: org.userId,
    now: () => deviceNow,
    advance: async (seconds) => {
      const answer = (await control('clock', { advanceSeconds: seconds })) as { now: string };
      deviceNow = Date.parse(answer.now);
    },
    device: (plan, extra = {}) =>
      new SyncEngine({
        transport: conn,
        store: new MemoryStore(),
        plan,
        userId: org.userId,
        clock: { now: () => deviceNow },
        ...extra,
      }),
    scopeOnServer: (plan) => scopeOnServer(conn, plan, org.userId),
    expectDeviceMatchesServer: async (engine) => {
      const plan = engine.plan;
      const server = await scopeOnServer(conn, plan, org.userId);
      for (const object of plan.objects) {
        const device = engine.store.listRecords(object.name);
        expect({ object: object.name, records: device }).toEqual({
          object: object.name,
          records: server[object.name],
        });
      }
    },
    create: async (object, fields) => {
      const result = (await conn.sobject(object).create(fields)) as {
        id?: string;
        success: boolean;
        errors: unknown;
      };
      if (!result.success || !result.id)
        throw new Error(`create ${object} failed: ${JSON.stringify(result.errors)}`);
      return result.id;
    },
    update: async (object, id, fields) => {
      const result = (await conn.sobject(object).update({ Id: id, ...fields })) as {
        success: boolean;
        errors: unknown;
      };
      if (!result.success) throw new Error(`update ${object} failed: ${JSON.stringify(result.errors)}`);
    },
    remove: async (object, id) => {
      const result = (await conn.sobject(object).destroy(id)) as { success: boolean; errors: unknown };
      if (!result.success) throw new Error(`delete ${object} failed: ${JSON.stringify(result.errors)}`);
    },
    control,
    close: () => org.close(),
  };
  return harness;
}

/** A transport that fails on chosen calls: before sending (network down) or after (response lost). */
export class FaultyTransport implements Transport {
  calls = 0;
  readonly log: string[] = [];
  /** Request bodies, in order (undefined for GETs). */
  readonly bodies: (string | undefined)[] = [];
  failAt: { call: number; when: 'before' | 'after'; error?: unknown } | undefined;

  constructor(private readonly inner: Transport) {}

  get instanceUrl(): string | null | undefined {
    return this.inner.instanceUrl;
  }

  async request<R = unknown>(request: Parameters<Transport['request']>[0]): Promise<R> {
    this.calls += 1;
    this.log.push(
      `${request.method} ${decodeURIComponent(request.url.replace(/^.*\/services\/data\/v[\d.]+/, ''))}`,
    );
    this.bodies.push(request.body);
    const fail = this.failAt;
    const error = () => fail?.error ?? Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    if (fail && fail.call === this.calls && fail.when === 'before') throw error();
    const result = await this.inner.request<R>(request);
    if (fail && fail.call === this.calls && fail.when === 'after') throw error();
    return result;
  }
}

/**
 * A store that throws on the k-th write after `arm(k)` (a process killed mid-transaction: the open
 * transaction rolls back, earlier ones stay).
 */
export function crashingStore(inner: SyncStore): {
  store: SyncStore;
  arm(k: number | undefined): void;
  writes(): number;
} {
  const writes = new Set([
    'putRecord',
    'putRecordJson',
    'deleteRecord',
    'purgeObject',
    'appendChange',
    'replaceChange',
    'removeChange',
    'mapId',
    'putObjectState',
    'deleteObjectState',
    'putPlan',
    'setMeta',
    'appendHistory',
  ]);
  let countdown: number | undefined;
  let count = 0;
  const store = new Proxy(inner, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== 'function') return value;
      if (!writes.has(String(key))) return (value as (...a: unknown[]) => unknown).bind(target);
      return (...args: unknown[]) => {
        count += 1;
        if (countdown !== undefined && --countdown === 0) throw new Error('killed at a store write');
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store, arm: (k) => (countdown = k), writes: () => count };
}
