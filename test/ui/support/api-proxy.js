/**
 * @web/test-runner middleware: requests of the test page to /api/* go to a real syncscope config server
 * (embedded demo org, in this Node process), started on the first such request and stopped with the
 * runner. The test page and the API then share an origin, as the page and the server do in production.
 * The proxy calls the server as a local client (no browser Origin / Sec-Fetch-Site headers).
 */
import { Buffer } from 'node:buffer';
import { URL } from 'node:url';
import { tsImport } from 'tsx/esm/api';

export function syncscopeApiProxy() {
  /** @type {Promise<{url: string, close(): Promise<void>}> | undefined} */
  let started;
  const server = () => {
    started ??= tsImport('./config-server.ts', import.meta.url).then((m) => m.startTestConfigServer());
    return started;
  };

  /** @param {import('koa').Context} ctx @param {() => Promise<unknown>} next */
  async function middleware(ctx, next) {
    if (!ctx.path.startsWith('/api/')) return next();
    let url;
    try {
      ({ url } = await server());
    } catch (error) {
      // Say why in the API's own error shape, and try again on the next request.
      started = undefined;
      ctx.status = 502;
      ctx.body = {
        error: {
          code: 'TEST_SERVER_FAILED',
          message: `the test config server did not start: ${error?.stack ?? error}`,
        },
      };
      return;
    }
    const chunks = [];
    for await (const chunk of ctx.req) chunks.push(chunk);
    const body = chunks.length ? Buffer.concat(chunks) : undefined;
    const headers = { accept: 'application/json' };
    if (body) headers['content-type'] = ctx.get('content-type') || 'application/json';
    const response = await globalThis.fetch(new URL(ctx.url, url), { method: ctx.method, headers, body });
    ctx.status = response.status;
    ctx.set('content-type', response.headers.get('content-type') ?? 'application/json');
    ctx.set('cache-control', 'no-store');
    ctx.body = Buffer.from(await response.arrayBuffer());
  }

  const plugin = {
    name: 'syncscope-api-proxy',
    async serverStop() {
      if (started) await (await started).close();
    },
  };
  return { middleware, plugin };
}
