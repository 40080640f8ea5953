/**
 * Faults a test injects through `POST /__emulator/faults` to reproduce a real org's bad days:
 * failing requests, slowness, expired sessions, dropped connections (before the request is processed),
 * lost responses (after it was processed and committed), slow answers (processed and committed, the
 * answer held back: a client killed meanwhile never hears it), an exhausted API limit.
 * `DELETE /__emulator/faults` clears them all.
 */

import { ApiError } from './api-error.ts';

export interface FailRule {
  remaining: number;
  status: number;
  errorCode: string;
  message: string;
  /** Only requests whose URL contains this (decoded) substring fail. */
  path: string | undefined;
}

export class Faults {
  fail: FailRule | undefined;
  latencyMs = 0;
  dropConnectionNext = 0;
  /** Requests to process (and commit) whose response is then lost: the duplicate-create risk. */
  dropResponseNext = 0;
  /** REST answers wait this long after their work is committed (the window where a client dies unanswered). */
  responseLatencyMs = 0;
  /** Only REST requests whose URL contains this hold their answer (all when undefined). */
  responseLatencyPath: string | undefined;
  /** Answers being held, each with the function that sends it now (clear() does). */
  readonly #heldAnswers = new Set<() => void>();

  /** Applies a `POST /__emulator/faults` body; throws a 400 ApiError for a malformed one. */
  apply(body: unknown): void {
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw new ApiError(400, 'JSON_PARSER_ERROR', 'expected a JSON object of faults');
    const b = body as Record<string, unknown>;
    const known = new Set([
      'failNext',
      'status',
      'errorCode',
      'message',
      'path',
      'latencyMs',
      'expireSessions',
      'dropConnectionNext',
      'dropResponseNext',
      'responseLatencyMs',
      'responseLatencyPath',
      'apiLimitRemaining',
    ]);
    for (const key of Object.keys(b))
      if (!known.has(key))
        throw new ApiError(
          400,
          'INVALID_FIELD',
          `unknown fault "${key}"; use one of ${[...known].join(', ')}`,
          [key],
        );
    const count = (key: string): number | undefined => {
      const v = b[key];
      if (v === undefined) return undefined;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
        throw new ApiError(400, 'INVALID_FIELD', `"${key}" must be a non-negative integer`, [key]);
      return v;
    };
    const failNext = count('failNext');
    if (failNext !== undefined) {
      const status = count('status') ?? 503;
      if (status < 400 || status > 599)
        throw new ApiError(400, 'INVALID_FIELD', '"status" must be 400..599', ['status']);
      const errorCode = typeof b.errorCode === 'string' ? b.errorCode : 'SERVER_UNAVAILABLE';
      this.fail = {
        remaining: failNext,
        status,
        errorCode,
        message: typeof b.message === 'string' ? b.message : `Injected fault: ${errorCode}`,
        path: typeof b.path === 'string' ? b.path : undefined,
      };
    }
    const latency = count('latencyMs');
    if (latency !== undefined) this.latencyMs = latency;
    const drop = count('dropConnectionNext');
    if (drop !== undefined) this.dropConnectionNext = drop;
    const dropResponse = count('dropResponseNext');
    if (dropResponse !== undefined) this.dropResponseNext = dropResponse;
    const responseLatency = count('responseLatencyMs');
    if (responseLatency !== undefined) this.responseLatencyMs = responseLatency;
    if (b.responseLatencyPath !== undefined) {
      if (typeof b.responseLatencyPath !== 'string' || b.responseLatencyPath === '')
        throw new ApiError(400, 'INVALID_FIELD', '"responseLatencyPath" must be a non-empty string', [
          'responseLatencyPath',
        ]);
      this.responseLatencyPath = b.responseLatencyPath;
    }
  }

  /**
   * Holds the answer of a processed request for `responseLatencyMs` when its URL matches
   * `responseLatencyPath`; clear() sends every held answer at once.
   */
  async holdAnswer(url: string): Promise<void> {
    if (this.responseLatencyMs <= 0) return;
    if (this.responseLatencyPath !== undefined && !url.includes(this.responseLatencyPath)) return;
    await new Promise<void>((resolve) => {
      const send = () => {
        clearTimeout(timer);
        this.#heldAnswers.delete(send);
        resolve();
      };
      const timer = setTimeout(send, this.responseLatencyMs);
      this.#heldAnswers.add(send);
    });
  }

  /** The injected failure for this request, if one applies (and counts it down). */
  failureFor(url: string): ApiError | undefined {
    const rule = this.fail;
    if (!rule || rule.remaining <= 0) return undefined;
    if (rule.path !== undefined) {
      let decoded = url;
      try {
        decoded = decodeURIComponent(url.replace(/\+/g, ' '));
      } catch {
        // keep the raw URL
      }
      if (!url.includes(rule.path) && !decoded.includes(rule.path)) return undefined;
    }
    rule.remaining--;
    return new ApiError(rule.status, rule.errorCode, rule.message);
  }

  /** True if this request's connection is to be dropped without an answer (and counts it down). */
  takeDrop(): boolean {
    if (this.dropConnectionNext <= 0) return false;
    this.dropConnectionNext--;
    return true;
  }

  /** True if this processed request's response is to be lost (and counts it down). */
  takeResponseDrop(): boolean {
    if (this.dropResponseNext <= 0) return false;
    this.dropResponseNext--;
    return true;
  }

  clear(): void {
    this.fail = undefined;
    this.latencyMs = 0;
    this.dropConnectionNext = 0;
    this.dropResponseNext = 0;
    this.responseLatencyMs = 0;
    this.responseLatencyPath = undefined;
    for (const send of [...this.#heldAnswers]) send();
  }

  state(): Record<string, unknown> {
    return {
      failNext: this.fail?.remaining ?? 0,
      ...(this.fail
        ? { status: this.fail.status, errorCode: this.fail.errorCode, path: this.fail.path ?? null }
        : {}),
      latencyMs: this.latencyMs,
      dropConnectionNext: this.dropConnectionNext,
      dropResponseNext: this.dropResponseNext,
      responseLatencyMs: this.responseLatencyMs,
      ...(this.responseLatencyPath !== undefined ? { responseLatencyPath: this.responseLatencyPath } : {}),
    };
  }
}
