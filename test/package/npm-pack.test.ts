/**
 * The packaged product (issue 16): `npm pack` makes a tarball that installs in an empty folder with
 * production dependencies only, from the local npm cache (no registry), and whose `syncscope` runs there:
 * validate, compile, `org start` and `device sync` against that org, with the outputs the checkout gives.
 *
 * Slow (minutes): `npm pack` builds the CLI (prepare) and both pages with Vite (prepack) in this checkout
 * (lib/, dist/ui, dist/app: build output, gitignored), and the install unpacks some 300 packages.
 * better-sqlite3's native module is not compiled again: the checkout's own build (same Node, same ABI) is
 * offered to its installer as a local prebuild (prebuild-install's `local-prebuilds`), so the install
 * neither downloads nor compiles.
 */

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'syncscope-pack-'));
const app = join(work, 'app');
const installed = join(app, 'node_modules/syncscope');
const example = join(installed, 'examples/field-technician.scope.json');
/** npm's own cache and config are the developer's (test/setup-home.ts gave this process a fresh HOME). */
const npmEnv = { ...process.env, HOME: userInfo().homedir };
/** How the tarball got installed: `--offline`, or `--prefer-offline` when the cache lacked something. */
let installMode = '';
let tarball = '';

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(command: string, args: readonly string[], cwd: string, env = process.env): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** `npx syncscope ...` in the install folder, never asking the registry. */
function syncscope(...args: string[]): Promise<Run> {
  return run('npx', ['--offline', 'syncscope', ...args], app, {
    ...process.env,
    npm_config_cache: npmCache(),
  });
}

function npmCache(): string {
  return process.env.npm_config_cache ?? join(userInfo().homedir, '.npm');
}

/** The checkout's compiled better-sqlite3 as the prebuild tarball prebuild-install looks for. */
async function localPrebuilds(): Promise<string> {
  const dir = join(work, 'prebuilds');
  const stage = join(work, 'prebuild-stage');
  const pkg = JSON.parse(readFileSync(join(ROOT, 'node_modules/better-sqlite3/package.json'), 'utf8')) as {
    version: string;
  };
  mkdirSync(join(stage, 'build/Release'), { recursive: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(stage, 'build/Release/better_sqlite3.node'),
    readFileSync(join(ROOT, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node')),
  );
  const name = `better-sqlite3-v${pkg.version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  const tar = await run('tar', ['czf', join(dir, name), 'build'], stage);
  if (tar.code !== 0) throw new Error(`tar: ${tar.stderr}`);
  return dir;
}

/** Lines of `main(argv)` run in this process on the checkout's sources: what the package must print. */
async function checkoutRun(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io = {
    out: (t: string) => (out += t.endsWith('\n') ? t : `${t}\n`),
    err: (t: string) => (err += t.endsWith('\n') ? t : `${t}\n`),
    setExitCode: () => {},
  };
  const code = await main(argv, io);
  return { code, out, err };
}

beforeAll(async () => {
  const packed = await run('npm', ['pack', '--pack-destination', work], ROOT, npmEnv);
  if (packed.code !== 0) throw new Error(`npm pack failed:\n${packed.stderr}`);
  tarball = join(
    work,
    readdirSync(work).find((f) => f.endsWith('.tgz'))!,
  );
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), '{ "name": "syncscope-pack-test", "private": true }\n');
  const env = { ...npmEnv, npm_config_better_sqlite3_local_prebuilds: await localPrebuilds() };
  const install = (mode: string) =>
    run('npm', ['install', '--omit=dev', mode, '--no-audit', '--no-fund', tarball], app, env);
  let result = await install('--offline');
  installMode = '--offline';
  if (result.code !== 0 && /ENOTCACHED/.test(result.stderr)) {
    console.warn(
      `npm install --offline could not resolve from the cache; trying --prefer-offline:\n${result.stderr}`,
    );
    result = await install('--prefer-offline');
    installMode = '--prefer-offline';
  }
  if (result.code !== 0) throw new Error(`npm install ${installMode} failed:\n${result.stderr}`);
}, 20 * 60_000);

afterAll(() => rmSync(work, { recursive: true, force: true }), 5 * 60_000);

describe('the npm package', () => {
  it('holds the compiled CLI, its assets, the prebuilt pages and the lockfile as npm-shrinkwrap.json, and no sources', async () => {
    const listed = (await run('tar', ['tzf', tarball], work)).stdout.split('\n').filter(Boolean);
    for (const file of [
      'package/package.json',
      'package/npm-shrinkwrap.json',
      'package/bin/syncscope.js',
      'package/bin/compiled-cli.js',
      'package/lib/.syncscope-cli-build.json',
      'package/lib/cli/main.js',
      'package/lib/cli/commands/device.js',
      'package/lib/emulator/index.js',
      'package/examples/field-technician.scope.json',
      'package/schemas/sync-scope.schema.json',
      'package/schemas/sync-plan.schema.json',
      'package/dist/ui/index.html',
      'package/dist/ui/.syncscope-build.json',
      'package/dist/app/index.html',
      'package/dist/app/.syncscope-build.json',
    ])
      expect(listed, file).toContain(file);
    expect(listed.filter((f) => /^package\/(src|test|bench|scripts|node_modules)\//.test(f))).toEqual([]);
    expect(listed.filter((f) => f.endsWith('.ts'))).toEqual([]);
  });

  it('installs with production dependencies only (npm install --omit=dev), without building', () => {
    // Offline when npm's cache holds the registry's metadata too; a fresh machine's `npm ci` cache holds
    // only tarballs, so there it may ask the registry (--prefer-offline). Either is an install from the tarball.
    console.info(`installed with npm install --omit=dev ${installMode}`);
    expect(['--offline', '--prefer-offline']).toContain(installMode);
    for (const dev of ['typescript', 'vite', 'vitest', 'eslint', '@web/test-runner'])
      expect(existsSync(join(app, 'node_modules', dev)), dev).toBe(false);
    expect(existsSync(join(app, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'))).toBe(true);
    // `prepare` does not run for a tarball install: the compiled CLI is the one npm pack built.
    expect(readFileSync(join(installed, 'lib/.syncscope-cli-build.json'), 'utf8')).toBe(
      readFileSync(join(ROOT, 'lib/.syncscope-cli-build.json'), 'utf8'),
    );
  });

  it('runs `npx syncscope validate` on the packaged example as the checkout does', async () => {
    const packaged = await syncscope('validate', example);
    const checkout = await checkoutRun(['validate', example]);
    expect({ code: packaged.code, stderr: packaged.stderr }).toEqual({ code: 0, stderr: '' });
    expect(packaged.stdout).toBe(checkout.out);
    expect(packaged.stdout.split('\n').at(-2)).toBe(`${example}: valid (0 errors, 1 warning, 5 notes)`);
  }, 180_000);

  it('runs `npx syncscope compile -o plan.json` and writes the plan the checkout writes', async () => {
    const packaged = await syncscope('compile', example, '-o', 'plan.json');
    expect({ code: packaged.code, stderr: packaged.stderr }).toEqual({ code: 0, stderr: '' });
    expect(packaged.stdout.split('\n')).toEqual([
      '/objects/WorkOrder/where: warning TIME_DEPENDENT_FILTER: NEXT_N_DAYS:14 makes the scope change with time: records enter and leave without being modified, so WorkOrder is reconciled (an Id query of its whole scope) on every sync (at character 58-71)',
      'wrote plan.json: 6 objects, 21 queries (0 errors, 1 warning, 5 notes)',
      '',
    ]);
    const checkoutPlan = join(work, 'checkout-plan.json');
    expect((await checkoutRun(['compile', example, '-o', checkoutPlan])).code).toBe(0);
    expect(readFileSync(join(app, 'plan.json'), 'utf8')).toBe(readFileSync(checkoutPlan, 'utf8'));
  }, 180_000);

  it('runs `syncscope org start` and `npx syncscope device sync` against it', async () => {
    // The installed bin itself (what npx runs), so SIGTERM reaches the org and not only npx.
    const org = spawn(
      join(app, 'node_modules/.bin/syncscope'),
      ['org', 'start', '--records', '300', '--token', 'pack-test-token'],
      {
        cwd: app,
      },
    ) as ChildProcessWithoutNullStreams;
    const exited = new Promise<number | null>((done) => org.on('exit', (code) => done(code)));
    try {
      const lines = await new Promise<string[]>((done, fail) => {
        let out = '';
        let err = '';
        org.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
        org.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const printed = out.split('\n').filter(Boolean);
          if (printed.length >= 4) done(printed);
        });
        void exited.then((code) => fail(new Error(`org start exited with ${code}: ${err}`)));
      });
      expect(lines).toEqual([
        expect.stringMatching(/^instance URL: http:\/\/127\.0\.0\.1:\d+$/),
        'access token: pack-test-token',
        'client id: 3MVG9SyncScope.FieldApp.Demo.PublicClient.PKCE',
        'demo sign-in: tess.fielding@syncscope.example / syncscope-demo-1',
      ]);
      const url = lines[0]!.slice('instance URL: '.length);
      const sync = await syncscope(
        'device',
        'sync',
        '--plan',
        'plan.json',
        '--db',
        'device.sqlite',
        '--org-url',
        url,
        '--token',
        'pack-test-token',
      );
      expect({ code: sync.code, stderr: sync.stderr }).toEqual({ code: 0, stderr: '' });
      expect(sync.stdout.split('\n')).toEqual([
        'download Product2: 15/15',
        'reconcile WorkOrder: 0/0',
        expect.stringMatching(/^sync complete in \d+\.\d s, 3 API calls$/),
        '  Product2: 15 downloaded, 0 removed, 0 uploaded',
        '  WorkOrder: 0 downloaded, 0 removed, 0 uploaded, reconciled',
        '  Account: 0 downloaded, 0 removed, 0 uploaded',
        '  WorkOrderLineItem: 0 downloaded, 0 removed, 0 uploaded',
        '  Asset: 0 downloaded, 0 removed, 0 uploaded',
        '  Contact: 0 downloaded, 0 removed, 0 uploaded',
        expect.stringMatching(/^ {2}next sync due: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        '',
      ]);
    } finally {
      org.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 240_000);
});
