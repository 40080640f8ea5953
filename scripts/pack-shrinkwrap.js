// `prepack` / `postpack`: the published package carries the lockfile as npm-shrinkwrap.json, so an
// install of it gets the dependency versions this repository tests with, not the newest in each range.
// That matters here: root `overrides` (such as @jsforce/jsforce-node 3.10.16, the last that runs on
// Node 20) apply only to this repository's own install, never to a package installed from the registry
// or a tarball; and with exact resolved versions and integrity an install can come from the npm cache
// alone (`npm install --offline`). The file exists only while npm packs.
//
//   node scripts/pack-shrinkwrap.js write    copy package-lock.json to npm-shrinkwrap.json
//   node scripts/pack-shrinkwrap.js remove   delete npm-shrinkwrap.json
import { copyFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const shrinkwrap = join(root, 'npm-shrinkwrap.json');
const action = process.argv[2];
if (action === 'write') copyFileSync(join(root, 'package-lock.json'), shrinkwrap);
else if (action === 'remove') rmSync(shrinkwrap, { force: true });
else {
  console.error('usage: node scripts/pack-shrinkwrap.js write|remove');
  process.exit(2);
}
