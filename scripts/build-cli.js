// `npm run build:cli` (and `prepare`, so `npm install` in a clone and `npm pack` run it): compiles the
// CLI's TypeScript (src/cli/main.ts and everything it imports) to lib/ with tsc, which rewrites the
// `.ts` import specifiers to `.js` (rewriteRelativeImportExtensions). lib/ mirrors src/ at the same
// depth, so paths a module finds from its own location (examples/, dist/ui, the repository root) are
// the same from lib/ as from src/. Type checking is `npm run typecheck`'s job (noCheck here).
//
// It builds into a private folder and renames it into place, so a CLI starting meanwhile never loads a
// half-written lib/; the stamp it writes records when tsc started, which bin/compiled-cli.js compares
// with the sources' times.
import { spawnSync } from 'node:child_process';
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILD_STAMP } from '../bin/compiled-cli.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
let tsc;
try {
  tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
} catch {
  // Only a checkout installed without dev dependencies gets here: bin/syncscope.js then runs the
  // sources through tsx, as it says.
  console.error('build:cli: TypeScript is not installed (npm install without --omit=dev); lib/ not built');
  process.exit(0);
}
const startedMs = Date.now();
const lib = join(root, 'lib');
const temp = `${lib}.tmp-${process.pid}`;
rmSync(temp, { recursive: true, force: true });
const run = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', temp], {
  stdio: 'inherit',
});
if (run.status !== 0) {
  rmSync(temp, { recursive: true, force: true });
  console.error(`build:cli: tsc failed (exit ${run.status ?? run.signal}); lib/ left as it was`);
  process.exit(1);
}
writeFileSync(join(temp, BUILD_STAMP), `${JSON.stringify({ startedMs })}\n`);
rmSync(lib, { recursive: true, force: true });
renameSync(temp, lib);
if (!existsSync(join(lib, 'cli/main.js'))) {
  console.error('build:cli: tsc wrote no lib/cli/main.js');
  process.exit(1);
}
