/** Writing REST API responses with fastify, and reading the bearer token. */

import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorResponse } from './api-router.ts';
import type { ApiResponse } from './api-types.ts';

const JSON_TYPE = 'application/json;charset=UTF-8';

export function sendApiResponse(reply: FastifyReply, response: ApiResponse): FastifyReply {
  reply.code(response.status);
  for (const [name, value] of Object.entries(response.headers ?? {})) reply.header(name, value);
  if (response.bytes) return reply.send(response.bytes);
  if (response.body === undefined) return reply.send();
  return reply.header('content-type', JSON_TYPE).send(JSON.stringify(response.body));
}

export function sendError(reply: FastifyReply, error: unknown): FastifyReply {
  return sendApiResponse(reply, errorResponse(error));
}

/** The bearer token of a request (`Authorization: Bearer x` or `OAuth x`), if any. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^(?:Bearer|OAuth)\s+(.+)$/i.exec(header) : null;
  return match ? (match[1] as string).trim() : undefined;
}
