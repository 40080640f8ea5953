/** `GET /services/data` (the versions, no auth) and `GET /services/data/vXX.X` (the resources). */

import { LATEST_VERSION, OLDEST_VERSION, type ApiRouter } from '../api-router.ts';
import { json } from '../api-types.ts';

/** Release name of an API version: 62.0 is Winter '25, 63.0 Spring '25, 64.0 Summer '25, 65.0 Winter '26, ... */
export function releaseLabel(major: number): string {
  const steps = major - 62;
  const season = ['Winter', 'Spring', 'Summer'][((steps % 3) + 3) % 3] as string;
  const year = 25 + Math.floor(steps / 3);
  return `${season} '${String(year).padStart(2, '0')}`;
}

export function versionList(): { label: string; url: string; version: string }[] {
  const list = [];
  for (let major = OLDEST_VERSION; major <= LATEST_VERSION; major++)
    list.push({ label: releaseLabel(major), url: `/services/data/v${major}.0`, version: `${major}.0` });
  return list;
}

// Only the resources this org serves (a real org lists more: search, tooling, ui-api, ...).
const RESOURCES = ['sobjects', 'query', 'queryAll', 'composite', 'limits'];

export function registerVersions(router: ApiRouter, orgId: string): void {
  router.on('GET', '/', (request) =>
    json(200, {
      ...Object.fromEntries(RESOURCES.map((r) => [r, `/services/data/v${request.version}/${r}`])),
      // jsforce's identity() follows this.
      identity: `http://${request.headers.host ?? '127.0.0.1'}/id/${orgId}/${request.userId}`,
    }),
  );
}
