import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import type { CliIo } from '../../src/cli/cli-io.ts';
import { compile, planToJson } from '../../src/compiler/index.ts';
import type { SyncPlan } from '../../src/compiler/index.ts';

const example = new URL('../../examples/field-technician.scope.json', import.meta.url).pathname;
const describeDir = new URL('../fixtures/compiler/describe', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'syncscope-cli-'));
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

function scopeFile(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

const minimal = (objects: string) => `{"scopeVersion": 1, "name": "t", "objects": ${objects}}`;

describe('syncscope validate', () => {
  it('accepts the example and lists its warning and notes', async () => {
    const { code, out, err } = await run('validate', example);
    expect(code).toBe(0);
    expect(err).toBe('');
    const lines = out.trimEnd().split('\n');
    expect(lines[4]).toBe(
      '/objects/WorkOrder/where: warning TIME_DEPENDENT_FILTER: NEXT_N_DAYS:14 makes the scope change with time: records enter and leave without being modified, so WorkOrder is reconciled (an Id query of its whole scope) on every sync (at character 58-71)',
    );
    expect(lines.at(-1)).toBe(`${example}: valid (0 errors, 1 warning, 5 notes)`);
  });

  it('prints every error as `path: severity code: message` and exits 1', async () => {
    const file = scopeFile(
      'errors.json',
      minimal(`{
        "Account": {"fields": ["Name", "Name"], "where": "Name = = 'x'", "conflict": "manual"},
        "Contact": {"fields": [], "childOf": {"object": "Acount", "field": "AccountId"}}
      }`),
    );
    const { code, out } = await run('validate', file);
    expect(code).toBe(1);
    expect(out.trimEnd().split('\n')).toEqual([
      '/objects/Account/conflict: error CONFLICT_ON_READ_ONLY: "conflict" applies only to objects with "access": "readWrite"; Account is read-only',
      '/objects/Account/fields/1: error DUPLICATE_FIELD: Name is listed twice (first at /objects/Account/fields/0)',
      '/objects/Account/where: error SOQL_SYNTAX: unexpected "=" (at character 8)',
      '/objects/Contact/childOf/object: error PATH_OBJECT_NOT_IN_SCOPE: Acount is not in the scope: add it to "objects" or remove this path',
      `${file}: invalid (4 errors, 0 warnings, 0 notes)`,
    ]);
  });

  it('--json prints the diagnostics as a JSON array', async () => {
    const file = scopeFile('json.json', minimal('{"Account": {"fields": ["Name"], "where": "Name = :who"}}'));
    const { code, out } = await run('validate', file, '--json');
    expect(code).toBe(1);
    expect(JSON.parse(out)).toEqual([
      {
        code: 'UNKNOWN_PARAMETER',
        severity: 'error',
        path: '/objects/Account/where',
        message: ':who is not declared: add it to the scope\'s "parameters" (name -> SOQL type)',
        position: { start: 7, end: 11 },
      },
    ]);
  });

  it('reports duplicated keys that JSON.parse would silently drop, at their pointer', async () => {
    const file = scopeFile(
      'dupes.json',
      '{"scopeVersion": 1, "name": "t", "objects": {\n "Product2": {"fields": ["Name"], "where": "IsActive = true", "where": "Name != null"},\n "Product2": {"fields": ["Family"], "where": "IsActive = true"}\n}}',
    );
    const { code, out } = await run('validate', file);
    expect(code).toBe(1);
    expect(out.trimEnd().split('\n')).toEqual([
      '/objects/Product2: error DUPLICATE_OBJECT: "Product2" appears twice in this object (line 2:2 and line 3:2); only the last one would count: merge them',
      '/objects/Product2/where: error DUPLICATE_KEY: "where" appears twice in this object (line 2:35 and line 2:63); only the last one would count: merge them',
      `${file}: invalid (2 errors, 0 warnings, 0 notes)`,
    ]);
  });

  it('gives line:column for bad JSON and a clear message for a missing file, without a stack trace', async () => {
    const bad = scopeFile('bad.json', '{\n  "scopeVersion": 1,\n  "name": "t"\n  "objects": {}\n}');
    const badRun = await run('validate', bad);
    expect(badRun).toEqual({
      code: 1,
      out: '',
      err: `error: ${bad}:4:3: invalid JSON: expected ',' or '}' after a property value, found "\\""\n`,
    });
    const missing = await run('validate', join(dir, 'missing.json'));
    expect(missing).toEqual({
      code: 1,
      out: '',
      err: `error: cannot read scope ${join(dir, 'missing.json')}: no such file\n`,
    });
  });

  it('lints against a describe directory with --describe', async () => {
    const file = scopeFile(
      'describe.json',
      minimal(
        '{"Account": {"fields": ["Name", "Nmae"], "where": "Name != null"}, "Gadget__c": {"fields": [], "where": "Name != null"}}',
      ),
    );
    const { code, out } = await run('validate', file, '--describe', describeDir);
    expect(code).toBe(1);
    expect(out.trimEnd().split('\n')).toEqual([
      '/objects/Account: warning UNINDEXED_WATERMARK: Account has about 250,000 records and LastModifiedDate is not indexed, so every delta query scans the table: use "watermarkField": "SystemModstamp"',
      '/objects/Account/fields/1: error UNKNOWN_FIELD: Account has no field Nmae',
      '/objects/Gadget__c: error UNKNOWN_OBJECT: the org has no object Gadget__c (or the describe does not include it)',
      `${file}: invalid (2 errors, 1 warning, 0 notes)`,
    ]);
  });

  it('says so when --describe points nowhere', async () => {
    const { code, err } = await run('validate', example, '--describe', join(dir, 'nowhere'));
    expect(code).toBe(1);
    expect(err).toBe(`error: cannot read describe ${join(dir, 'nowhere')}: no such file or directory\n`);
  });
});

describe('syncscope compile', () => {
  it('prints a readable summary of the example plan', async () => {
    const { code, out } = await run('compile', example);
    expect(code).toBe(0);
    expect(out).toContain(
      [
        '#  Object             Depends on          Every   Queries         Access                 Reconciled',
        '1  Product2           -                   1 d     3               read                   when needed',
        '2  WorkOrder          -                   30 min  3               readWrite, clientWins  every sync',
        '3  Account            WorkOrder           30 min  3               read                   when needed',
        '4  Asset              Account             4 h     3               read                   when needed',
        '5  Contact            Account, WorkOrder  30 min  6 (union of 2)  readWrite, manual      when needed',
        '6  WorkOrderLineItem  WorkOrder           30 min  3               readWrite, serverWins  when needed',
      ].join('\n'),
    );
    expect(out).toContain('  WorkOrder: limit 500; relative date literal NEXT_N_DAYS:14\n');
    expect(out.split('\n')[0]).toMatch(/^\/objects\/WorkOrder\/where: warning TIME_DEPENDENT_FILTER: /);
  });

  it('-o writes the plan exactly as the compiler returns it', async () => {
    const output = join(dir, 'plan.json');
    const { code, out } = await run('compile', example, '-o', output);
    expect(code).toBe(0);
    expect(out.trimEnd().split('\n').at(-1)).toBe(
      `wrote ${output}: 6 objects, 21 queries (0 errors, 1 warning, 5 notes)`,
    );
    const expected = planToJson(compile(JSON.parse(readFileSync(example, 'utf8'))).plan as SyncPlan);
    expect(readFileSync(output, 'utf8')).toBe(expected);
  });

  it('--json prints diagnostics and plan together', async () => {
    const { code, out } = await run('compile', example, '--json');
    expect(code).toBe(0);
    const parsed = JSON.parse(out) as { plan: SyncPlan; diagnostics: unknown[] };
    expect(parsed.plan.objects.map((o) => o.name)).toEqual([
      'Product2',
      'WorkOrder',
      'Account',
      'Asset',
      'Contact',
      'WorkOrderLineItem',
    ]);
    expect(parsed.diagnostics).toHaveLength(6);
  });

  it('writes no plan and exits 1 when the scope has errors', async () => {
    const output = join(dir, 'never.json');
    const file = scopeFile(
      'cycle.json',
      minimal(
        '{"A__c": {"fields": [], "childOf": {"object": "B__c", "field": "B__c"}}, "B__c": {"fields": [], "childOf": {"object": "A__c", "field": "A__c"}}}',
      ),
    );
    const { code, out } = await run('compile', file, '-o', output);
    expect(code).toBe(1);
    expect(out.trimEnd().split('\n')).toEqual([
      '/objects/B__c/childOf: error CYCLE: cycle A__c -> B__c -> A__c: every object must come after the objects it depends on; remove one of these paths',
      `${file}: not compiled (1 error, 0 warnings, 0 notes)`,
    ]);
    expect(() => readFileSync(output)).toThrow();
  });

  it('adds createable/updateable fields from --describe and changes nothing else', async () => {
    const file = scopeFile(
      'rw.json',
      minimal('{"Account": {"fields": ["Name", "Phone"], "where": "Name != null", "access": "readWrite"}}'),
    );
    const plain = JSON.parse((await run('compile', file, '--json')).out) as { plan: SyncPlan };
    const linted = JSON.parse((await run('compile', file, '--json', '--describe', describeDir)).out) as {
      plan: SyncPlan;
    };
    const [account] = linted.plan.objects;
    expect(account?.upload).toEqual({
      access: 'readWrite',
      conflict: 'clientWins',
      createableFields: ['Name', 'Phone'],
      updateableFields: ['Name', 'Phone'],
      fieldTypes: { Name: { type: 'string', length: 255 }, Phone: { type: 'phone', length: 255 } },
    });
    const withoutUploadFields = {
      ...linted.plan,
      objects: linted.plan.objects.map((o) => ({
        ...o,
        upload: { access: o.upload.access, conflict: o.upload.conflict },
      })),
    };
    expect(withoutUploadFields).toEqual(plain.plan);
  });
});
