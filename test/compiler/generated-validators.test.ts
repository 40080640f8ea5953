import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/server/ui-build.ts';
import {
  GENERATED_VALIDATORS,
  REGENERATE_COMMAND,
  generateValidatorSource,
} from '../../scripts/validator-source.ts';

describe('precompiled schema validators', () => {
  for (const validator of GENERATED_VALIDATORS) {
    it(`${validator.output} is up to date with ${validator.schema} (else: ${REGENERATE_COMMAND})`, async () => {
      const expected = await generateValidatorSource(REPO_ROOT, validator);
      const committed = readFileSync(join(REPO_ROOT, validator.output), 'utf8');
      expect(committed === expected, `${validator.output} is stale: run ${REGENERATE_COMMAND}`).toBe(true);
    }, 30_000);

    it(`${validator.output} imports nothing and never compiles code at run time`, () => {
      const committed = readFileSync(join(REPO_ROOT, validator.output), 'utf8');
      expect(committed.match(/^import .*$/gm)).toBeNull();
      expect(committed.match(/\brequire\(|\bnew Function\b|\beval\(/g)).toBeNull();
    });
  }

  it('tells a changed schema from the committed code (what makes the staleness check fail)', async () => {
    const validator = GENERATED_VALIDATORS[0]!;
    const schema = JSON.parse(readFileSync(join(REPO_ROOT, validator.schema), 'utf8')) as {
      required: string[];
    };
    const committed = readFileSync(join(REPO_ROOT, validator.output), 'utf8');
    expect(schema.required).toEqual(['scopeVersion', 'name', 'objects']);
    const changed = await generateValidatorSource(REPO_ROOT, validator, { ...schema, required: ['name'] });
    expect(changed).not.toBe(committed);
  }, 30_000);
});
