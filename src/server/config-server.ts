/**
 * The config tool's local HTTP server: fastify on 127.0.0.1, serving the page (src/ui, built by
 * ui-build.ts) and the /api routes, refusing anything that is not this server's own page
 * (request-guard.ts). The org's token stays in this process.
 */

import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import type { Connection } from 'jsforce';
import type { OrgKind } from '../org/api-types.ts';
import { registerApiRoutes } from './api-routes.ts';
import { asHttpError, HttpError } from './http-error.ts';
import { refusalReason } from './request-guard.ts';
import { ScopeFile } from '../org/scope-file.ts';
import { ensureUiBuilt } from './ui-build.ts';
import { redact, rememberSecretsOf } from '../shared/redact.ts';
import { findJsonTooDeep } from '../compiler/json-depth.ts';
import { DEFAULT_PORT } from './default-port.ts';

export { DEFAULT_PORT };

/** The largest request body (a scope is a few KB; a preview or publish request carries one). */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

/** Fastify's own refusals, as this API says them. */
const FASTIFY_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    message: `the request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB, the most this server reads`,
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'send the request body as JSON (Content-Type: application/json)',
  },
  FST_ERR_MAX_PARAM_LENGTH: {
    status: 414,
    code: 'URI_TOO_LONG',
    message: 'a part of the request path is longer than 1000 characters',
  },
  FST_ERR_BAD_URL: { status: 400, code: 'BAD_REQUEST', message: 'the request path is not a valid URL' },
};
export const HOST = '127.0.0.1';

export interface ConfigServerOptions {
  readonly org: {
    readonly kind: OrgKind;
    readonly connection: Connection;
    readonly instanceUrl: string;
    readonly apiVersion: string;
  };
  /** The scope file to open and save (null: none). */
  readonly scopeFile?: string | null;
  /** Default DEFAULT_PORT; 0 picks a free port. */
  readonly port?: number;
  /**
   * The built page: a directory to serve, null for none (API only), undefined to build src/ui into
   * dist/ui when missing or stale.
   */
  readonly uiDir?: string | null;
  /** Progress lines (UI build). */
  readonly log?: (line: string) => void;
}

export interface ConfigServer {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  readonly port: number;
  readonly app: FastifyInstance;
  /** Whether the page is served (false when src/ui has no page yet). */
  readonly servesUi: boolean;
  close(): Promise<void>;
}

/**
 * Headers of every answer. The page's scripts come only from this server: no inline scripts, no other
 * origins, no eval (the compiler runs in the page with Ajv validators precompiled into
 * src/compiler/generated/, so nothing is compiled at run time).
 */
const PAGE_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export async function startConfigServer(options: ConfigServerOptions): Promise<ConfigServer> {
  // The org's tokens stay in this process and out of every answer and log line.
  rememberSecretsOf(options.org.connection);
  let uiDir: string | null = null;
  let uiProblem = 'src/ui/index.html is missing.';
  if (options.uiDir !== undefined) uiDir = options.uiDir;
  else {
    try {
      uiDir = (await ensureUiBuilt({ log: options.log }))?.dir ?? null;
    } catch (error) {
      // A page that does not build must not take the API down with it: say why, on the page and here.
      uiProblem = `building it failed: ${redact((error as Error).message ?? String(error))}`;
      options.log?.(`the config tool page could not be built (the API still works): ${uiProblem}`);
    }
  }
  const app = Fastify({
    logger: false,
    bodyLimit: MAX_BODY_BYTES,
    // Object names and version Ids are path parameters: long ones reach the route (and its 404).
    routerOptions: { maxParamLength: 1000 },
    // What Fastify answers by itself (a parameter past that, a malformed URL) and what Node answers for a
    // malformed request (a CR or LF inside a header): the API's error shape, not Fastify's or Node's.
    frameworkErrors: (error, _request, reply) => {
      const known = FASTIFY_ERRORS[error.code] ?? FASTIFY_ERRORS.FST_ERR_BAD_URL!;
      (reply as FastifyReply)
        .code(known.status)
        .send(new HttpError(known.status, known.code, known.message).toBody());
    },
    clientErrorHandler: (error, socket) => answerClientError(error, socket),
  });
  let port = 0;

  // JSON bodies: Fastify's own parser (it refuses __proto__ and constructor keys) after a depth check,
  // since what handles the value afterwards recurses once per level.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, text, done) => {
    const tooDeep = findJsonTooDeep(String(text));
    if (tooDeep) {
      done(
        new HttpError(
          400,
          'JSON_TOO_DEEP',
          `the request body is refused: ${tooDeep.path}: ${tooDeep.message}`,
        ),
      );
      return;
    }
    parseJson(request, String(text), done);
  });

  app.addHook('onRequest', async (request, reply) => {
    const reason = refusalReason(
      {
        host: request.headers.host,
        origin: request.headers.origin,
        secFetchSite: header(request.headers['sec-fetch-site']),
      },
      port,
    );
    if (reason) {
      return reply.code(403).send(new HttpError(403, 'FORBIDDEN', reason).toBody());
    }
  });
  app.addHook('onSend', async (request, reply) => {
    for (const [name, value] of Object.entries(PAGE_HEADERS)) reply.header(name, value);
    if (request.url.startsWith('/api/')) reply.header('Cache-Control', 'no-store');
  });

  app.setErrorHandler((error, _request, reply) => {
    const answered = asHttpError(error);
    if (answered) return reply.code(answered.status).send(answered.toBody());
    const status = (error as { statusCode?: number }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const known = FASTIFY_ERRORS[(error as { code?: string }).code ?? ''];
      return reply
        .code(known?.status ?? status)
        .send(
          new HttpError(
            known?.status ?? status,
            known?.code ?? 'BAD_REQUEST',
            known?.message ?? redact((error as Error).message),
          ).toBody(),
        );
    }
    return reply
      .code(500)
      .send(
        new HttpError(
          500,
          'INTERNAL',
          `the server failed: ${redact((error as Error).message ?? String(error))}`,
        ).toBody(),
      );
  });

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/')) {
      return reply
        .code(404)
        .send(
          new HttpError(404, 'NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`).toBody(),
        );
    }
    return reply.code(404).type('text/plain').send('Not found');
  });

  registerApiRoutes(app, {
    orgKind: options.org.kind,
    connection: options.org.connection,
    instanceUrl: options.org.instanceUrl,
    apiVersion: options.org.apiVersion,
    scopeFile: new ScopeFile(options.scopeFile ?? null),
  });

  if (!uiDir || !existsSync(join(uiDir, 'favicon.ico'))) {
    // Browsers ask for it whatever the page declares: an empty answer instead of a 404 in the console.
    app.get('/favicon.ico', async (_request, reply) => reply.code(204).send());
  }
  if (uiDir) {
    await app.register(fastifyStatic, {
      root: uiDir,
      index: ['index.html'],
      cacheControl: false,
      setHeaders: (res, path) => {
        // Hashed assets may be cached; the page itself is always revalidated so a rebuild shows at once.
        res.setHeader(
          'Cache-Control',
          path.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
        );
      },
    });
  } else {
    app.get('/', async (_request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send(
          '<!doctype html><meta charset="utf-8"><title>syncscope</title><p>The config tool page is not available: ' +
            `${escapeHtml(uiProblem)}</p><p>The API is up: <a href="/api/session">/api/session</a>.</p>`,
        ),
    );
  }

  await app.listen({ host: HOST, port: options.port ?? DEFAULT_PORT });
  port = (app.server.address() as AddressInfo).port;
  return {
    url: `http://${HOST}:${port}/`,
    port,
    app,
    servesUi: uiDir !== null,
    close: () => app.close(),
  };
}

/** A request Node could not parse (no route, no reply object): a 400 in the API's shape, then close. */
function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) return;
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const body = JSON.stringify(
    new HttpError(
      tooLarge ? 431 : 400,
      tooLarge ? 'HEADERS_TOO_LARGE' : 'BAD_REQUEST',
      tooLarge
        ? 'the request headers are too large'
        : 'the request is not valid HTTP (a header holds a line break or a control character?)',
    ).toBody(),
  );
  socket.end(
    `HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
