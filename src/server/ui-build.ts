/**
 * The config tool's page, built with Vite's `build()` API when the built copy is missing or stale, so a
 * fresh clone needs no manual build step (`npm install && npm start`).
 *
 * Why a build and not Vite's middleware mode: the page is then plain static files served like any
 * production asset (no dev-server websocket to secure, no second request pipeline beside fastify's
 * origin checks, no extra middleware dependency), and a build takes seconds only when sources changed:
 * a stamp file lists every source module the bundle was made of (from Rollup's output) with a hash of
 * their contents, the Vite config and the lockfile; an unchanged hash reuses dist/ui as it is.
 *
 * The page is always a production build, whoever asks for it: under vitest (NODE_ENV=test) Vite would
 * otherwise resolve Lit's development build, and the stamp would then let `npm start` serve it. The
 * stamp records the mode, so a build stamped without it (or in another mode) is rebuilt.
 */

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as ViteModule from 'vite';

type ViteBuild = typeof ViteModule.build;

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const STAMP = '.syncscope-build.json';
/** The only mode the page is built in (Lit's production build, `process.env.NODE_ENV` = "production"). */
export const UI_BUILD_MODE = 'production';

export interface UiBuildOptions {
  /** Repository root (where vite.config.ts and src/ui are). */
  readonly root?: string;
  /** Output directory (default <root>/dist/ui). */
  readonly outDir?: string;
  /** Progress lines ("building the config tool..."). */
  readonly log?: (line: string) => void;
  /** The page's folder, relative to root (default src/ui; the field app passes src/app). */
  readonly page?: string;
  /** The Vite config file, relative to root (default vite.config.ts). */
  readonly viteConfig?: string;
  /**
   * Folders (relative to root) whose every file counts as a source: a Web Worker is bundled by a build
   * of its own, whose modules the page's output does not list.
   */
  readonly workerSources?: readonly string[];
  /** What the progress line calls the page (default "the config tool page"). */
  readonly label?: string;
}

export interface UiBuildResult {
  readonly dir: string;
  /** False when an up-to-date build was reused. */
  readonly built: boolean;
}

/** Builds the page if needed; null when there is no page to build (src/ui/index.html absent). */
export async function ensureUiBuilt(options: UiBuildOptions = {}): Promise<UiBuildResult | null> {
  const root = options.root ?? REPO_ROOT;
  const page = options.page ?? 'src/ui';
  const viteConfig = options.viteConfig ?? 'vite.config.ts';
  const entry = join(root, page, 'index.html');
  const outDir = options.outDir ?? join(root, 'dist/ui');
  // An installed package ships the pages prebuilt (npm run build:pages) without their sources or Vite:
  // with no sources to compare, its stamped build is the page.
  if (!existsSync(entry)) return readStamp(outDir) ? { dir: outDir, built: false } : null;
  const stamp = readStamp(outDir);
  // The worker folders' files as they are now: one added, removed or changed there means a rebuild.
  const workerFiles = filesOf(root, options.workerSources ?? []);
  const stampInputs = stamp ? [...new Set([...stamp.inputs, ...workerFiles])].sort() : [];
  if (stamp && stamp.mode === UI_BUILD_MODE && stamp.hash === sourceHash(root, stampInputs, viteConfig)) {
    return { dir: outDir, built: false };
  }

  options.log?.(`building ${options.label ?? 'the config tool page'} (${page}) with Vite...`);
  const started = Date.now();
  // A private directory first, then a rename: a half-written build is never served, and two servers
  // starting at once do not write into the same files.
  const temp = `${outDir}.tmp-${process.pid}-${Date.now()}`;
  let build: ViteBuild;
  try {
    ({ build } = await import('vite'));
  } catch {
    throw new Error('Vite is not installed: run `npm install` (with dev dependencies) to build the page');
  }
  let output: Awaited<ReturnType<ViteBuild>>;
  // Vite takes production-ness (export conditions, `process.env.NODE_ENV` in the bundle) from the
  // process's NODE_ENV, not from `mode`: set it for the build, and give the caller's back afterwards.
  const callerNodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = UI_BUILD_MODE;
  try {
    output = await build({
      configFile: join(root, viteConfig),
      root: join(root, page),
      mode: UI_BUILD_MODE,
      logLevel: 'error',
      build: { outDir: temp, emptyOutDir: true },
    });
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw error;
  } finally {
    if (callerNodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = callerNodeEnv;
  }
  const inputs = bundleInputs(root, output, page, workerFiles);
  const hash = sourceHash(root, inputs, viteConfig);
  const newStamp: Stamp = { mode: UI_BUILD_MODE, hash, inputs };
  writeFileSync(join(temp, STAMP), JSON.stringify(newStamp));
  mkdirSync(dirname(outDir), { recursive: true });
  try {
    rmSync(outDir, { recursive: true, force: true });
    renameSync(temp, outDir);
  } catch (error) {
    // Another process put an equal build in place meanwhile: use theirs.
    rmSync(temp, { recursive: true, force: true });
    if (readStamp(outDir)?.hash !== hash) throw error;
  }
  options.log?.(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { dir: outDir, built: true };
}

interface Stamp {
  /** Vite mode of the build (absent in stamps written before the mode was recorded: rebuilt). */
  readonly mode?: string;
  readonly hash: string;
  /** Source files of the bundle, relative to the repository root. */
  readonly inputs: readonly string[];
}

/**
 * The repository's own files the bundle was made of (node_modules changes show in the lockfile). A Web
 * Worker is bundled by a build of its own whose modules do not appear in the page's output, so
 * `workerFiles` (every file of the worker's folder and of the layers it imports) count too: editing
 * only the worker must rebuild.
 */
function bundleInputs(root: string, output: unknown, page: string, workerFiles: readonly string[]): string[] {
  const files = new Set<string>([`${page}/index.html`, ...workerFiles]);
  for (const result of Array.isArray(output) ? output : [output]) {
    for (const item of (result as { output?: { moduleIds?: string[] }[] }).output ?? []) {
      for (const id of item.moduleIds ?? []) {
        const file = id.split('?')[0]!;
        const path = relative(root, file);
        if (
          !path.startsWith('..') &&
          !path.startsWith('node_modules') &&
          !file.startsWith('\0') &&
          existsSync(file)
        ) {
          files.add(path);
        }
      }
    }
  }
  return [...files].sort();
}

/** Every source file under the folders (relative to root), as root-relative paths. */
function filesOf(root: string, folders: readonly string[]): string[] {
  return folders
    .filter((folder) => existsSync(join(root, folder)))
    .flatMap((folder) => sourceFilesUnder(join(root, folder)).map((file) => relative(root, file)));
}

function sourceFilesUnder(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...sourceFilesUnder(path));
    else if (/\.(ts|js|json)$/.test(entry.name)) found.push(path);
  }
  return found;
}

function readStamp(outDir: string): Stamp | null {
  try {
    const stamp = JSON.parse(readFileSync(join(outDir, STAMP), 'utf8')) as Partial<Stamp>;
    return typeof stamp.hash === 'string' && Array.isArray(stamp.inputs) ? (stamp as Stamp) : null;
  } catch {
    return null;
  }
}

/** Hash of the bundle's sources, the Vite config and the lockfile; a missing source changes it. */
export function sourceHash(root: string, inputs: readonly string[], viteConfig = 'vite.config.ts'): string {
  const hash = createHash('sha256');
  for (const file of [...inputs, viteConfig, 'package-lock.json']) {
    hash.update(file);
    hash.update('\0');
    const path = join(root, file);
    hash.update(existsSync(path) ? readFileSync(path) : 'missing');
    hash.update('\0');
  }
  return hash.digest('hex');
}
