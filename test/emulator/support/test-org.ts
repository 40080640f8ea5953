/** Starts an embedded org for one test file and connects jsforce to it over HTTP. */

import { Connection } from 'jsforce';
import { startOrg, type RunningOrg, type StartOrgOptions } from '../../../src/emulator/index.ts';

export const API_VERSION = '62.0';
/** A fixed instant for tests that need exact timestamps (a Thursday). */
export const TEST_NOW = '2026-03-12T09:30:00.000Z';

export interface TestOrg {
  readonly running: RunningOrg;
  readonly conn: Connection;
  /** Calls a test control (`/__emulator/...`) with the admin token. */
  control(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown }>;
  /** A raw HTTP call with the admin token (for status codes and headers jsforce hides). */
  http(
    method: string,
    path: string,
    options?: { body?: unknown; headers?: Record<string, string>; token?: string | null },
  ): Promise<{ status: number; body: unknown; headers: Headers }>;
  close(): Promise<void>;
}

export function connect(running: RunningOrg, accessToken = running.token): Connection {
  return new Connection({ instanceUrl: running.url, accessToken, version: API_VERSION });
}

export async function startTestOrg(options: StartOrgOptions = {}): Promise<TestOrg> {
  const running = await startOrg({ seed: 'none', ...options });
  const http: TestOrg['http'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    const token = opts.token === undefined ? running.token : opts.token;
    if (token !== null) headers.Authorization = `Bearer ${token}`;
    if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(running.url + path, {
      method,
      headers,
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: response.status, body, headers: response.headers };
  };
  return {
    running,
    conn: connect(running),
    http,
    control: async (method, path, body) => {
      const { status, body: answer } = await http(
        method,
        `/__emulator${path}`,
        body === undefined ? {} : { body },
      );
      return { status, body: answer };
    },
    close: () => running.close(),
  };
}

/** The rejection of `promise` (fails the test if it resolves). */
export async function rejection(
  promise: PromiseLike<unknown>,
): Promise<Error & { errorCode?: string; data?: unknown }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { errorCode?: string };
  }
  throw new Error('expected the call to fail');
}
