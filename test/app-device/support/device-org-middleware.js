/**
 * @web/test-runner middleware for the device's browser tests: `/__device-org/*` starts embedded orgs in
 * the runner's Node process (device-org.ts) and forwards test controls to them; the orgs stop with the
 * runner. The page's device then talks to an org's instance URL directly (CORS), as the field app does.
 *
 *   POST /__device-org/start {"records": 3000}      -> { id, instanceUrl, accessToken, userId, plan, scopeCounts }
 *   POST /__device-org/:id/control/<path> {body}    -> the emulator control's answer (faults, clock, ...)
 *   POST /__device-org/:id/query {"soql": "..."}    -> the admin's query result
 */
import { Buffer } from 'node:buffer';
import { tsImport } from 'tsx/esm/api';

export function deviceOrgMiddleware() {
  /** @type {Promise<typeof import('./device-org.ts')> | undefined} */
  let module;
  const load = () => (module ??= tsImport('./device-org.ts', import.meta.url));

  /** @param {import('koa').Context} ctx @param {() => Promise<unknown>} next */
  async function middleware(ctx, next) {
    if (!ctx.path.startsWith('/__device-org/')) return next();
    const chunks = [];
    for await (const chunk of ctx.req) chunks.push(chunk);
    const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
    const orgs = await load();
    const parts = ctx.path.split('/').slice(2);
    try {
      let answer;
      if (parts[0] === 'start') answer = await orgs.startDeviceOrg(Number(body?.records ?? 100));
      else if (parts[1] === 'control')
        answer = await orgs.controlDeviceOrg(parts[0], parts.slice(2).join('/'), body, ctx.method);
      else if (parts[1] === 'query') answer = await orgs.queryDeviceOrg(parts[0], body.soql);
      else {
        ctx.status = 404;
        ctx.body = { error: `no such route ${ctx.path}` };
        return;
      }
      ctx.set('content-type', 'application/json');
      ctx.body = JSON.stringify(answer ?? null);
    } catch (error) {
      ctx.status = 500;
      ctx.body = { error: String(error?.stack ?? error) };
    }
  }

  const plugin = {
    name: 'syncscope-device-org',
    async serverStop() {
      if (module) await (await module).closeDeviceOrgs();
    },
  };
  return { middleware, plugin };
}
