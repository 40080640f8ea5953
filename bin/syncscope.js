#!/usr/bin/env node
// The `syncscope` command. It runs the compiled CLI (lib/, built from src/ by `npm run build:cli`, which
// `npm install` runs as `prepare` and which the published package contains) when it is up to date.
//
// In a checkout whose TypeScript sources changed since that build (someone editing src/), it runs the
// sources through tsx instead, as it did before there was a build: never stale code, and no rebuild on
// the way (tsc takes many seconds, and two commands rebuilding lib/ at once would race). Such a run
// starts as slowly as before (about 2 s); `npm run build:cli` makes it fast again.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compiledCliEntry } from './compiled-cli.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const compiled = compiledCliEntry(root);
let cli;
if (compiled) {
  cli = { dir: dirname(compiled), ext: '.js' };
} else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = { dir: join(root, 'src/cli'), ext: '.ts' };
}
const load = (name) => import(pathToFileURL(join(cli.dir, `${name}${cli.ext}`)).href);
// A reader that stops early (`| head -1`) must not turn into an EPIPE stack trace.
const { ignoreClosedReader } = await load('broken-pipe');
ignoreClosedReader(process.stdout);
ignoreClosedReader(process.stderr);
const { main } = await load('main');
process.exitCode = await main(process.argv.slice(2));
