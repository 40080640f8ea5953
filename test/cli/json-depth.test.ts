/** `syncscope validate` / `compile` on JSON nested 100,000 deep: one diagnostic at its JSON Pointer, no stack overflow. */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import type { CliIo } from '../../src/cli/cli-io.ts';
import { MAX_JSON_DEPTH } from '../../src/compiler/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'syncscope-deep-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (t) => (out += t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => (err += t.endsWith('\n') ? t : `${t}\n`),
    setExitCode: () => undefined,
  };
  const code = await main(argv, io);
  return { code, out, err };
}

const DEEP = 100_000;
/** `{"scopeVersion":1,"name":"t","objects":{"Account":{"fields":[[[...]]]}}}`, the arrays 100,000 deep. */
const deepScope = `{"scopeVersion": 1, "name": "t", "objects": {"Account": {"fields": ${'['.repeat(DEEP)}${']'.repeat(DEEP)}}}}`;
// Levels 1-3 are the scope, objects and Account; `fields` opens level 4; level 513 is the first too deep.
const pointer = `/objects/Account/fields${'/0'.repeat(MAX_JSON_DEPTH - 3)}`;
const column = deepScope.indexOf('[') + MAX_JSON_DEPTH - 3 + 1;
const message = `objects and arrays nest more than 512 levels deep here, past the limit of 512: nothing in a scope, plan, describe or record nests that deep (line 1:${column})`;

describe('JSON nested past the depth limit', () => {
  it('validate reports JSON_TOO_DEEP at the JSON Pointer of the first level too deep, and exits 1', async () => {
    const file = join(dir, 'deep.json');
    writeFileSync(file, deepScope);
    expect(MAX_JSON_DEPTH).toBe(512);
    expect(await run('validate', file)).toEqual({
      code: 1,
      out: `${pointer}: error JSON_TOO_DEEP: ${message}\n${file}: invalid (1 error, 0 warnings, 0 notes)\n`,
      err: '',
    });
    const json = await run('validate', file, '--json');
    expect(JSON.parse(json.out)).toEqual([
      { code: 'JSON_TOO_DEEP', severity: 'error', path: pointer, message },
    ]);
  });

  it('compile refuses it the same way', async () => {
    const file = join(dir, 'deep-compile.json');
    writeFileSync(file, deepScope);
    const result = await run('compile', file);
    expect(result).toEqual({
      code: 1,
      out: `${pointer}: error JSON_TOO_DEEP: ${message}\n${file}: not compiled (1 error, 0 warnings, 0 notes)\n`,
      err: '',
    });
  });

  it('a scope exactly at the limit still parses (and is then checked as a scope)', async () => {
    const depth = MAX_JSON_DEPTH - 3;
    const file = join(dir, 'at-limit.json');
    writeFileSync(
      file,
      `{"scopeVersion": 1, "name": "t", "objects": {"Account": {"fields": ${'['.repeat(depth)}${']'.repeat(depth)}}}}`,
    );
    const result = await run('validate', file);
    expect(result.code).toBe(1);
    expect(result.out).not.toContain('JSON_TOO_DEEP');
    expect(result.out).toContain('/objects/Account/fields/0: error SCOPE_SCHEMA');
  });
});
