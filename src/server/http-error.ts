/**
 * A failure the API answers as `ApiErrorBody` (api-types.ts). Route handlers throw it; the server's error
 * handler turns it into the HTTP answer. Anything else thrown becomes a 500 without internals.
 */

import type { ApiDiagnostic, ApiErrorBody } from './api-types.ts';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: { diagnostics?: readonly ApiDiagnostic[]; orgErrorCode?: string } = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }

  toBody(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, ...this.extra } };
  }
}

export function badRequest(message: string): HttpError {
  return new HttpError(400, 'BAD_REQUEST', message);
}
