/**
 * Serves the field app (dist/app, built from src/app by ui-build.ts with vite.app.config.ts) on
 * 127.0.0.1, and beside it `app-config.json`: which org the app signs in to, with which connected app,
 * running which published scope. The build stays host-agnostic; any static host can do the same.
 *
 * Nothing secret is served: the app signs in with OAuth (PKCE, a public client) and talks to the org
 * directly (CORS). So no request guard as the config server has: the org's login page redirects back
 * here from another origin, which that guard would refuse.
 */

import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { HOST } from './config-server.ts';
import { ensureUiBuilt, REPO_ROOT } from './ui-build.ts';

/** What the app reads from app-config.json (src/app/app-config.ts checks it). */
export interface FieldAppConfig {
  readonly instanceUrl: string;
  readonly clientId: string;
  readonly scopeName: string;
  readonly apiVersion: string;
}

export interface AppServerOptions {
  readonly config: FieldAppConfig;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** The built app; undefined: build src/app into dist/app when missing or stale. */
  readonly appDir?: string;
  readonly log?: (line: string) => void;
}

export interface AppServer {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  readonly port: number;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

/** Builds the field app if needed; answers its directory. */
export async function ensureFieldAppBuilt(log?: (line: string) => void): Promise<string> {
  const built = await ensureUiBuilt({
    page: 'src/app',
    viteConfig: 'vite.app.config.ts',
    outDir: join(REPO_ROOT, 'dist/app'),
    label: 'the field app',
    // The device worker (src/app/device/device-worker.ts) and what it bundles.
    workerSources: ['src/app/device', 'src/runtime', 'src/compiler', 'src/shared'],
    ...(log ? { log } : {}),
  });
  if (!built) throw new Error('the field app is missing (src/app/index.html)');
  return built.dir;
}

/**
 * Headers of every answer. Scripts only from here (plus WebAssembly compilation for SQLite); the API
 * calls go to this origin and to the org.
 */
function pageHeaders(instanceUrl: string): Record<string, string> {
  return {
    'Content-Security-Policy':
      `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; ` +
      `img-src 'self' data:; connect-src 'self' ${instanceUrl}; worker-src 'self'; manifest-src 'self'; ` +
      `frame-ancestors 'none'; base-uri 'self'; form-action 'self'`,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}

export async function startAppServer(options: AppServerOptions): Promise<AppServer> {
  const appDir = options.appDir ?? (await ensureFieldAppBuilt(options.log));
  const app = Fastify({ logger: false });
  const headers = pageHeaders(options.config.instanceUrl);
  app.addHook('onSend', async (_request, reply) => {
    for (const [name, value] of Object.entries(headers)) reply.header(name, value);
  });
  const configBody = JSON.stringify(options.config);
  app.get('/app-config.json', async (_request, reply) =>
    reply.header('Cache-Control', 'no-cache').type('application/json; charset=utf-8').send(configBody),
  );
  app.get('/favicon.ico', async (_request, reply) => reply.code(204).send());
  await app.register(fastifyStatic, {
    root: appDir,
    index: ['index.html'],
    cacheControl: false,
    setHeaders: (res, path) => {
      // Hashed assets may be cached for good; the page, the service worker and the manifest revalidate.
      const hashed = /[-.][A-Za-z0-9_-]{8}\.(js|css|wasm)$/.test(path) && !path.endsWith('sw.js');
      res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  await app.listen({ host: HOST, port: options.port ?? 0 });
  const port = (app.server.address() as AddressInfo).port;
  return { url: `http://${HOST}:${port}/`, port, app, close: () => app.close() };
}
