/** Files named on the command line: only regular files of a sane size are read (no hang on /dev/zero). */

import { closeSync, mkdtempSync, openSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_INPUT_BYTES } from '../../src/cli/input-file.ts';
import { main } from '../../src/cli/main.ts';
import type { CliIo } from '../../src/cli/cli-io.ts';

const dir = mkdtempSync(join(tmpdir(), 'syncscope-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (t) => (out += `${t}\n`),
    err: (t) => (err += `${t}\n`),
    setExitCode: () => undefined,
  };
  const code = await main(argv, io);
  return { code, out, err };
}

describe('input files', () => {
  it('validate /dev/zero refuses a file that is not a regular file', async () => {
    expect(await run('validate', '/dev/zero')).toEqual({
      code: 1,
      out: '',
      err: 'error: cannot read scope /dev/zero: not a regular file (a device, pipe or socket)\n',
    });
  });

  it('compile and device sync refuse /dev/zero too', async () => {
    expect((await run('compile', '/dev/zero')).err).toBe(
      'error: cannot read scope /dev/zero: not a regular file (a device, pipe or socket)\n',
    );
    const sync = await run(
      'device',
      'sync',
      '--plan',
      '/dev/zero',
      '--db',
      join(dir, 'device.sqlite'),
      '--org-url',
      'http://127.0.0.1:1',
      '--token',
      'unused-token',
    );
    expect(sync).toEqual({
      code: 1,
      out: '',
      err: 'error: cannot read plan /dev/zero: not a regular file (a device, pipe or socket)\n',
    });
  });

  it('refuses a file over the size cap before reading it', async () => {
    const file = join(dir, 'huge.scope.json');
    closeSync(openSync(file, 'w'));
    truncateSync(file, MAX_INPUT_BYTES + 1); // sparse: no disk used
    expect(await run('validate', file)).toEqual({
      code: 1,
      out: '',
      err: `error: cannot read scope ${file}: it is ${MAX_INPUT_BYTES + 1} bytes, more than the ${MAX_INPUT_BYTES} a scope may have\n`,
    });
  });
});
