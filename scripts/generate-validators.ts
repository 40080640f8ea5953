/** Writes the standalone validators of scripts/validator-source.ts. Run: `npm run generate:validators`. */

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATED_VALIDATORS, generateValidatorSource } from './validator-source.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
for (const validator of GENERATED_VALIDATORS) {
  const output = join(root, validator.output);
  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, await generateValidatorSource(root, validator));
  console.log(`${validator.schema} -> ${validator.output}`);
}
