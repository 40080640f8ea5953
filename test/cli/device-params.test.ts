/** `device sync --param`: strict values, and no parameter names found on Object.prototype. */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import type { CliIo } from '../../src/cli/cli-io.ts';
import type { SyncScope } from '../../src/compiler/scope.ts';
import { compilePlan } from '../runtime/helpers/e2e-org.ts';
import { energyScope } from '../runtime/helpers/scopes.ts';

const dir = mkdtempSync(join(tmpdir(), 'syncscope-params-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const scope: SyncScope = {
  ...energyScope,
  parameters: { minimum: 'integer', industry: 'string' },
  objects: {
    ...energyScope.objects,
    Account: {
      ...energyScope.objects.Account!,
      where: 'Industry = :industry AND NumberOfEmployees >= :minimum',
    },
  },
};
const planFile = join(dir, 'plan.json');
writeFileSync(planFile, JSON.stringify(compilePlan(scope)));

async function syncWith(...params: string[]): Promise<string[]> {
  const err: string[] = [];
  const io: CliIo = { out: () => {}, err: (t) => err.push(t), setExitCode: () => {} };
  const args = params.flatMap((p) => ['--param', p]);
  await main(
    [
      'device',
      'sync',
      '--plan',
      planFile,
      '--db',
      join(dir, 'device.sqlite'),
      '--user',
      '005000000000001AAA',
      '--org-url',
      'http://127.0.0.1:9',
      '--token',
      'unused-token',
      ...args,
    ],
    io,
  );
  return err;
}

describe('device sync --param', () => {
  it('refuses an empty or non-numeric number instead of binding 0 or null', async () => {
    expect(await syncWith('industry=Energy', 'minimum=')).toEqual([
      'error: --param minimum (integer): expected an integer, got ""',
    ]);
    expect(await syncWith('industry=Energy', 'minimum=abc')).toEqual([
      'error: --param minimum (integer): expected an integer, got "abc"',
    ]);
  });

  it('treats __proto__ and constructor as the undeclared names they are', async () => {
    for (const name of ['__proto__', 'constructor'])
      expect(await syncWith(`${name}=x`)).toEqual([
        `error: the plan declares no parameter "${name}" (declared: industry, minimum)`,
      ]);
  });
});
