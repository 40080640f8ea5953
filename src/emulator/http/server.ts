/**
 * The embedded org's HTTP server (fastify, bound to 127.0.0.1). Per request, in order: CORS (a preflight
 * is answered there, see cors.ts), the 16,384-byte URL limit (414), request statistics, injected faults (latency, dropped connection, failures), the
 * bearer token (401 INVALID_SESSION_ID), the daily API limit (403 REQUEST_LIMIT_EXCEEDED, counting one
 * call per request), then the REST API router. Every error is `[{message, errorCode, fields}]` JSON,
 * except the OAuth endpoints' `{error, error_description}` (oauth-token.ts, oauth-authorize.ts).
 */

import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Socket } from 'node:net';
import { findJsonTooDeep, MAX_JSON_DEPTH } from '../../compiler/json-depth.ts';
import { lineColumn } from '../../compiler/json-text.ts';
import { redact } from '../../shared/redact.ts';
import { ApiError } from '../api-error.ts';
import type { EmbeddedOrg } from '../org.ts';
import { ApiRouter, parseApiUrl } from './api-router.ts';
import { bearerToken, sendApiResponse, sendError } from './reply.ts';
import { registerControls } from './controls.ts';
import { registerIdentity } from './identity.ts';
import { applyCors } from './cors.ts';
import { collapseSlashes } from './url-path.ts';
import { registerOAuthAuthorize } from './oauth-authorize.ts';
import { registerOAuthToken } from './oauth-token.ts';
import { registerCollections } from './routes/collections.ts';
import { registerComposite } from './routes/composite.ts';
import { registerDescribe } from './routes/describe.ts';
import { registerLimits } from './routes/limits.ts';
import { registerQuery } from './routes/query.ts';
import { registerRecords } from './routes/records.ts';
import { registerReplication } from './routes/replication.ts';
import { registerVersions, versionList } from './routes/versions.ts';

/** Salesforce rejects a request URI over 16,384 bytes. */
export const MAX_URL_BYTES = 16_384;
/**
 * Salesforce limits a request body that is not multipart to 50 MB ("Insert or Update Blob Data" in the
 * REST API guide); the emulator has no multipart uploads, so this is its limit for every body.
 */
export const MAX_BODY_BYTES = 50 * 1024 * 1024;

/** A request Node could not parse: no route and no reply object, so the answer is written by hand. */
function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) return;
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const body = JSON.stringify(
    new ApiError(
      tooLarge ? 431 : 400,
      tooLarge ? 'REQUEST_HEADER_FIELDS_TOO_LARGE' : 'INVALID_REQUEST',
      tooLarge
        ? 'The request headers are too large'
        : 'The request is not valid HTTP: a header holds a line break or a control character',
    ).toBody(),
  );
  socket.end(
    `HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\nContent-Type: application/json;charset=UTF-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * A body nested past MAX_JSON_DEPTH, as Salesforce's JSON parser refuses one (JSON_PARSER_ERROR with the
 * place): the routes recurse over bodies, so the depth is checked before parsing.
 */
function tooDeepError(text: string): ApiError | null {
  const tooDeep = findJsonTooDeep(text);
  if (!tooDeep) return null;
  const { line, column } = lineColumn(text, tooDeep.offset);
  return new ApiError(
    400,
    'JSON_PARSER_ERROR',
    `Document nesting depth (${MAX_JSON_DEPTH + 1}) exceeds the maximum allowed (${MAX_JSON_DEPTH}) at [line:${line}, column:${column}]`,
  );
}

export function createApiRouter(org: EmbeddedOrg): ApiRouter {
  const router = new ApiRouter();
  registerVersions(router, org.orgId);
  registerDescribe(router, org);
  registerRecords(router, org);
  registerReplication(router, org);
  registerQuery(router, org);
  registerCollections(router, org);
  registerComposite(router, org);
  registerLimits(router, org);
  return router;
}

function sessionUser(org: EmbeddedOrg, request: FastifyRequest): string {
  const token = bearerToken(request);
  const userId = token ? org.userOfToken(token) : undefined;
  if (!userId) throw new ApiError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
  return userId;
}

function isControl(url: string): boolean {
  return url.startsWith('/__emulator');
}

function headersOf(request: FastifyRequest): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(request.headers))
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  return headers;
}

export function createServer(org: EmbeddedOrg): FastifyInstance {
  const app = Fastify({
    logger: false,
    // Fastify stops reading past the limit (and refuses a larger Content-Length before reading).
    bodyLimit: MAX_BODY_BYTES,
    // Let long URLs reach the 414 check instead of Node's own 431.
    http: { maxHeaderSize: 256 * 1024 },
    routerOptions: { maxParamLength: 4096 },
    forceCloseConnections: true,
    // `//services/data/...` (an instance URL ending in `/`) is `/services/data/...`, as on Salesforce.
    rewriteUrl: (request) => collapseSlashes(request.url ?? '/'),
    // Fastify's and Node's own refusals (a malformed URL, a malformed request such as a line break in a
    // header) in the REST API's error shape, as every other answer.
    frameworkErrors: (error, _request, reply) => {
      const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
      sendError(
        reply as FastifyReply,
        tooLong
          ? new ApiError(414, 'URI_TOO_LONG', 'A part of the request URI is too long')
          : new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist'),
      );
    },
    clientErrorHandler: (error, socket) => answerClientError(error, socket),
  });
  const router = createApiRouter(org);

  // JSON bodies; an empty body is no body (jsforce sends DELETE with a JSON content type).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(/^application\/json/i, { parseAs: 'string' }, (_request, text, done) => {
    const body = String(text);
    if (body.trim() === '') return done(null, undefined);
    const tooDeep = tooDeepError(body);
    if (tooDeep) return done(tooDeep, undefined);
    try {
      done(null, JSON.parse(body));
    } catch (error) {
      done(
        new ApiError(
          400,
          'JSON_PARSER_ERROR',
          `Unexpected character in the request body: ${(error as Error).message}`,
        ),
        undefined,
      );
    }
  });
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, text, done) => done(null, Object.fromEntries(new URLSearchParams(String(text)))),
  );
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, buffer, done) => {
    const text = (buffer as Buffer).toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    const tooDeep = tooDeepError(text);
    if (tooDeep) return done(tooDeep, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(null, text);
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    // The server's time, as clients may read it, is the org's clock.
    reply.header('Date', org.clock.now().toUTCString());
    const url = request.raw.url ?? '/';
    if (isControl(url)) return;
    // CORS first: a preflight is answered before sessions, limits and request counting.
    if (applyCors(org, request, reply)) return reply;
    org.usage.countRequest(url.split('?')[0] as string);
    if (Buffer.byteLength(url) > MAX_URL_BYTES) {
      return sendApiResponse(reply, {
        status: 414,
        body: [
          {
            message: `The request URI is ${Buffer.byteLength(url)} bytes long; the limit is ${MAX_URL_BYTES} bytes`,
            errorCode: 'URI_TOO_LONG',
            fields: [],
          },
        ],
      });
    }
    if (org.faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, org.faults.latencyMs));
    if (org.faults.takeDrop()) {
      reply.hijack();
      request.raw.socket.destroy();
      return reply;
    }
    const failure = org.faults.failureFor(url);
    if (failure) return sendError(reply, failure);
    return undefined;
  });

  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof ApiError) return sendError(reply, error);
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status === 413)
      return sendError(
        reply,
        new ApiError(
          413,
          'REQUEST_ENTITY_TOO_LARGE',
          `The request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB, the REST API's limit for a request body that is not multipart`,
        ),
      );
    const code =
      status === 400 ? 'JSON_PARSER_ERROR' : status < 500 ? 'INVALID_REQUEST' : 'UNKNOWN_EXCEPTION';
    return sendError(
      reply,
      new ApiError(status, code, redact(error instanceof Error ? error.message : String(error))),
    );
  });
  app.setNotFoundHandler((_request, reply) =>
    sendError(reply, new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist')),
  );

  app.get('/services/data', async (_request, reply) =>
    sendApiResponse(reply, { status: 200, body: versionList() }),
  );

  app.route({
    method: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'],
    url: '/services/data/*',
    handler: async (request, reply) => {
      const url = request.raw.url ?? '/';
      const parsed = parseApiUrl(url);
      if (!parsed)
        return sendError(reply, new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist'));
      const userId = sessionUser(org, request);
      if (!org.usage.tryCall())
        return sendError(reply, new ApiError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'));
      reply.header(
        'Sforce-Limit-Info',
        `api-usage=${org.usage.dailyMax - org.usage.remaining}/${org.usage.dailyMax}`,
      );
      const response = router.dispatch({
        method: request.method,
        path: parsed.path,
        url,
        version: parsed.version,
        query: parsed.query,
        headers: headersOf(request),
        body: request.body,
        userId,
        subrequest: false,
      });
      // The work is committed; a slow answer is where a client may die before it hears about it.
      await org.faults.holdAnswer(url);
      if (org.faults.takeResponseDrop()) {
        // The work is committed; the client never hears about it.
        reply.hijack();
        request.raw.socket.destroy();
        return reply;
      }
      return sendApiResponse(reply, response);
    },
  });

  registerIdentity(app, org, sessionUser);
  registerOAuthToken(app, org);
  registerOAuthAuthorize(app, org);
  registerControls(app, org);
  return app;
}
