/** Bad device inputs get answers naming the file and the place: a scope as --plan, a plan off its schema, a corrupt database. */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli as run } from '../runtime/helpers/cli.ts';
import { assertUsablePlan } from '../../src/runtime/plan-change.ts';
import { compilePlan } from '../runtime/helpers/e2e-org.ts';
import { energyScope } from '../runtime/helpers/scopes.ts';

const dir = mkdtempSync(join(tmpdir(), 'syncscope-plan-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const EXAMPLE = join(import.meta.dirname, '../../examples/field-technician.scope.json');
const ORG = ['--org-url', 'http://127.0.0.1:9', '--token', 'unused-token'];

describe('device inputs', () => {
  it('a scope passed as --plan is named a scope, with the command that compiles it', async () => {
    expect(await run('device', 'sync', '--plan', EXAMPLE, '--db', join(dir, 'a.sqlite'), ...ORG)).toEqual({
      code: 1,
      out: [],
      err: [
        `error: ${EXAMPLE} is a sync scope, not a compiled plan: run \`syncscope compile ${EXAMPLE} -o plan.json\` and pass --plan plan.json`,
      ],
    });
    expect(() => assertUsablePlan({ scopeVersion: 1, name: 'x', objects: {} })).toThrow(
      'this is a sync scope (it has scopeVersion), not a compiled plan: compile it with `syncscope compile <scope.json> -o plan.json`',
    );
  });

  it('a plan off schemas/sync-plan.schema.json is refused at its JSON Pointers', async () => {
    const plan = compilePlan(energyScope) as unknown as {
      objects: { fingerprint: string; syncEveryMinutes: unknown; upload: { access: string } }[];
    };
    plan.objects[0]!.fingerprint = 'not-a-hash';
    plan.objects[1]!.upload.access = 'write';
    const file = join(dir, 'edited.plan.json');
    writeFileSync(file, JSON.stringify(plan));
    expect(await run('device', 'sync', '--plan', file, '--db', join(dir, 'b.sqlite'), ...ORG)).toEqual({
      code: 1,
      out: [],
      err: [
        `error: ${file}: the plan does not match schemas/sync-plan.schema.json: /objects/0/fingerprint: must match pattern "^[0-9a-f]{64}$"; /objects/1/upload/access: must be one of "read", "readWrite"; compile it again with \`syncscope compile\``,
      ],
    });
  });

  it('a corrupted device database is named', async () => {
    const db = join(dir, 'corrupt.sqlite');
    writeFileSync(db, Buffer.alloc(8192, 'garbage!'));
    const refusal = `error: ${db} is not a readable device database (file is not a database): restore it from a copy, or pass another file to --db (a new file is created)`;
    expect(await run('device', 'status', '--db', db)).toEqual({ code: 1, out: [], err: [refusal] });
    expect(
      await run('device', 'edit', '--db', db, '--object', 'Account', '--delete', '001000000000001AAA'),
    ).toEqual({
      code: 1,
      out: [],
      err: [refusal],
    });
  });
});
