/**
 * Ajv standalone validators, generated ahead of time so the page never compiles code at run time (its
 * Content-Security-Policy has no 'unsafe-eval'). Shared by the generate script and the staleness test.
 */

import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ajv2020Module from 'ajv/dist/2020.js';
import standaloneModule from 'ajv/dist/standalone/index.js';
import * as prettier from 'prettier';

// CommonJS interop: `.default` is the export in Node and tsx alike.
const Ajv2020 = ajv2020Module.default;
const standaloneCode = standaloneModule.default;
const require = createRequire(import.meta.url);

export const REGENERATE_COMMAND = 'npm run generate:validators';

/** A schema validated in the browser and the generated module that validates it. */
export interface GeneratedValidator {
  /** Schema path, relative to the repository root. */
  readonly schema: string;
  /** Generated module path, relative to the repository root. */
  readonly output: string;
}

/** Every schema checked at run time: scopes (compiler, page) and incoming plans (the device boundary). */
export const GENERATED_VALIDATORS: readonly GeneratedValidator[] = [
  { schema: 'schemas/sync-scope.schema.json', output: 'src/compiler/generated/scope-validator.ts' },
  { schema: 'schemas/sync-plan.schema.json', output: 'src/compiler/generated/plan-validator.ts' },
];

/**
 * Ajv runtime helpers the generated code may `require`. Each is one self-contained function, so its
 * source is inlined: the module then imports nothing, and no bundler has to deal with CommonJS.
 */
const INLINABLE_RUNTIME = new Set(['ajv/dist/runtime/ucs2length', 'ajv/dist/runtime/equal']);

/**
 * The generated module's full text for `validator`, formatted like the rest of the repository. `schema`
 * defaults to the schema file's contents.
 */
export async function generateValidatorSource(
  root: string,
  validator: GeneratedValidator,
  schema: object = JSON.parse(readFileSync(join(root, validator.schema), 'utf8')) as object,
): Promise<string> {
  // The same options the compiler used with run-time Ajv: the errors (and so the diagnostics) are the same.
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictTuples: false,
    code: { source: true, esm: true },
  });
  let code = standaloneCode(ajv, ajv.compile(schema));

  const helpers: string[] = [];
  code = code.replace(/require\("([^"]+)"\)\.default/g, (_match, module: string) => {
    if (!INLINABLE_RUNTIME.has(module)) {
      throw new Error(
        `${validator.schema}: the generated validator needs ${module}, which is not inlined; add it to INLINABLE_RUNTIME if it is one self-contained function`,
      );
    }
    const name = `ajvRuntime_${module.split('/').pop()!}`;
    if (!helpers.some((helper) => helper.startsWith(`const ${name} `))) {
      const fn = (require(module) as { default: (...args: never[]) => unknown }).default;
      helpers.push(`const ${name} = ${fn.toString()};`);
    }
    return name;
  });
  if (/\brequire\(/.test(code)) {
    throw new Error(`${validator.schema}: the generated validator still has a require() call`);
  }
  code = code.replace(/^"use strict";/, '');

  const header = [
    `// GENERATED from ${validator.schema} by \`${REGENERATE_COMMAND}\``,
    '// (node bin/run-ts.js scripts/generate-validators.ts). Do not edit: change the schema and regenerate.',
    '// A test fails when this file is stale. Ajv standalone code: no run-time compilation, no eval.',
    '/* eslint-disable */',
    '// @ts-nocheck',
  ].join('\n');
  const text = `${header}\n${helpers.join('\n')}\n${code}\n`;
  const config = (await prettier.resolveConfig(join(root, validator.output))) ?? {};
  return prettier.format(text, { ...config, filepath: join(root, validator.output) });
}
