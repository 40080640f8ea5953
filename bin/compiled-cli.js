// Where the compiled CLI is (lib/, built by scripts/build-cli.js from src/ with tsc) and whether it may
// run: it is there, and no TypeScript source it was built from changed after the build started.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The stamp the build writes last: `{ "startedMs": <when tsc started> }`. */
export const BUILD_STAMP = '.syncscope-cli-build.json';

/**
 * The compiled entry point (lib/cli/main.js under `root`), or null when it must not be used: no build,
 * or a checkout whose sources (src/<dir> for every lib/<dir> the build made) changed since it was built.
 * An installed package has lib/ and no src/: nothing to compare, the build is the code.
 */
export function compiledCliEntry(root) {
  const lib = join(root, 'lib');
  let startedMs;
  try {
    startedMs = JSON.parse(readFileSync(join(lib, BUILD_STAMP), 'utf8')).startedMs;
  } catch {
    return null;
  }
  if (typeof startedMs !== 'number') return null;
  const src = join(root, 'src');
  try {
    statSync(src);
  } catch {
    return join(lib, 'cli/main.js');
  }
  for (const entry of readdirSync(lib, { withFileTypes: true })) {
    if (entry.isDirectory() && changedSince(join(src, entry.name), startedMs)) return null;
  }
  return join(lib, 'cli/main.js');
}

function changedSince(dir, startedMs) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return true; // a compiled folder whose sources are gone: rebuild
  }
  // The folder itself too: a file deleted or renamed in it changes its mtime.
  if (statSync(dir).mtimeMs > startedMs) return true;
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() ? changedSince(path, startedMs) : statSync(path).mtimeMs > startedMs) return true;
  }
  return false;
}
