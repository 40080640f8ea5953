/** A reader that stops early (`syncscope ... | head -1`) ends the command quietly, not with EPIPE. */

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installPlan } from '../../src/runtime/plan-change.ts';
import { SqliteStore } from '../../src/runtime/store/sqlite-store.ts';
import { compilePlan } from '../runtime/helpers/e2e-org.ts';
import { energyScope } from '../runtime/helpers/scopes.ts';

const BIN = join(import.meta.dirname, '../../bin/syncscope.js');
const EXAMPLE = join(import.meta.dirname, '../../examples/field-technician.scope.json');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'syncscope-epipe-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI with its stdout's reading end closed before the first write; resolves to code and stderr. */
function runWithClosedReader(args: string[]): Promise<{ code: number | null; err: string }> {
  const child = spawn(process.execPath, [BIN, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, HOME: dir },
  });
  child.stdout.destroy();
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, err })));
}

describe('closed stdout (EPIPE)', () => {
  it('validate exits 0 with nothing on stderr', async () => {
    expect(await runWithClosedReader(['validate', EXAMPLE])).toEqual({ code: 0, err: '' });
  }, 30_000);

  it('device status exits 0 with nothing on stderr', async () => {
    const db = join(dir, 'device.sqlite');
    const store = new SqliteStore(db);
    installPlan(store, compilePlan(energyScope));
    store.close();
    expect(await runWithClosedReader(['device', 'status', '--db', db])).toEqual({ code: 0, err: '' });
  }, 30_000);
});
