/**
 * Compile benchmark (issue 2): a generated 300-object scope of 75 groups of four objects: a three-level
 * relationship chain (root -> childOf -> childOf) and an object referencedBy the middle one, with org
 * metadata so every lint runs.
 * Target: under 100 ms per compile on these machines.
 *
 *   node bin/run-ts.js bench/compile-300.ts [--objects 300] [--rounds 15]
 *
 * Prints: the first compile in the process (Ajv schema compilation and parser warm-up included), the
 * median compile of a never-seen scope (every where string differs, so no cache helps), the median
 * recompile after a one-object edit (the config tool's keystroke case), and the plan's size.
 */

import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { compile, createCompileCache, planToJson } from '../src/compiler/index.ts';
import type { FieldDescribe, OrgMetadata, SObjectDescribe } from '../src/compiler/index.ts';

const TARGET_MS = 100;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const objectCount = arg('objects', 300);
const rounds = arg('rounds', 15);
const chains = Math.ceil(objectCount / 4);

function field(name: string, type: FieldDescribe['type'], referenceTo: string[] = []): FieldDescribe {
  const system = ['Id', 'LastModifiedDate', 'SystemModstamp'].includes(name);
  return {
    name,
    label: name,
    type,
    length: type === 'string' ? 255 : type === 'reference' || type === 'id' ? 18 : 0,
    referenceTo,
    relationshipName: type === 'reference' ? name.replace(/__c$/, '__r').replace(/Id$/, '') : null,
    nillable: !system,
    createable: !system,
    updateable: !system,
    filterable: true,
    sortable: true,
    externalId: false,
    unique: false,
    custom: name.endsWith('__c'),
    indexed: system || type === 'reference',
    defaultedOnCreate: system,
    calculated: false,
  };
}

function describe(name: string, references: [string, string][]): SObjectDescribe {
  return {
    name,
    label: name,
    labelPlural: name,
    keyPrefix: 'a00',
    custom: true,
    createable: true,
    updateable: true,
    deletable: true,
    queryable: true,
    childRelationships: [],
    fields: [
      field('Id', 'id'),
      field('Name', 'string'),
      field('LastModifiedDate', 'datetime'),
      field('SystemModstamp', 'datetime'),
      field('OwnerId', 'reference', ['User']),
      field('Status__c', 'picklist'),
      field('Amount__c', 'currency'),
      field('Due__c', 'date'),
      field('Region__c', 'string'),
      ...references.map(([f, target]) => field(f, 'reference', [target])),
    ],
  };
}

/** A scope of `chains` chains Root_i -> Child_i -> Leaf_i, plus Ref_i referenced by Child_i. */
function generated(variant: number): { scope: unknown; metadata: OrgMetadata } {
  const objects: Record<string, unknown> = {};
  const metadata: Record<string, SObjectDescribe> = {};
  const fields = ['Name', 'Status__c', 'Amount__c', 'Due__c'];
  let made = 0;
  for (let c = 0; c < chains && made < objectCount; c++) {
    const n = String(c).padStart(3, '0');
    const [root, child, leaf, ref] = [`Root${n}__c`, `Child${n}__c`, `Leaf${n}__c`, `Ref${n}__c`];
    objects[root] = {
      fields,
      where: `OwnerId = :userId AND Status__c != 'Closed' AND Region__c = 'R${variant}-${c}'`,
      access: 'readWrite',
    };
    metadata[root] = describe(root, []);
    made++;
    if (made < objectCount) {
      objects[child] = {
        fields: [...fields, 'Ref__c'],
        childOf: { object: root, field: 'Root__c' },
        where: 'Amount__c > 100',
      };
      metadata[child] = describe(child, [
        ['Root__c', root],
        ['Ref__c', ref],
      ]);
      made++;
    }
    if (made < objectCount) {
      objects[leaf] = { fields, childOf: { object: child, field: 'Child__c' }, syncEveryMinutes: 240 };
      metadata[leaf] = describe(leaf, [['Child__c', child]]);
      made++;
    }
    if (made < objectCount) {
      objects[ref] = { fields, referencedBy: { object: child, field: 'Ref__c' } };
      metadata[ref] = describe(ref, []);
      made++;
    }
  }
  return {
    scope: { scopeVersion: 1, name: `Generated ${objectCount}`, watermarkField: 'SystemModstamp', objects },
    metadata,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/**
 * Wall time and this process's CPU time (user + system) of one run. On a machine shared with other jobs the
 * CPU time is the better estimate of the time on an idle machine.
 */
function timed<T>(run: () => T): [T, number, number] {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = run();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return [result, wall, (used.user + used.system) / 1000];
}

const first = generated(0);
const [firstResult, firstMs, firstCpu] = timed(() => compile(first.scope, { metadata: first.metadata }));
if (!firstResult.plan) {
  console.error(firstResult.diagnostics.slice(0, 5));
  throw new Error('the generated scope does not compile');
}
const plan = firstResult.plan;
const objects = plan.objects.length;
const queries = plan.objects.reduce(
  (n, o) => n + o.queries.full.length + o.queries.delta.length + o.queries.ids.length,
  0,
);

const fresh: number[] = [];
const freshCpu: number[] = [];
for (let r = 1; r <= rounds; r++) {
  const g = generated(r);
  const [, wall, cpu] = timed(() => compile(g.scope, { metadata: g.metadata }));
  fresh.push(wall);
  freshCpu.push(cpu);
}

const edits: number[] = [];
const editsCpu: number[] = [];
const base = generated(rounds + 1);
// An editor keeps one cache across keystrokes: an edit rebuilds the edited object and its dependents.
const cache = createCompileCache();
compile(base.scope, { metadata: base.metadata, cache });
for (let r = 0; r < rounds; r++) {
  const scope = structuredClone(base.scope) as { objects: Record<string, { where?: string }> };
  (scope.objects['Child000__c'] as { where?: string }).where = `Amount__c > ${100 + r}`;
  const [, wall, cpu] = timed(() => compile(scope, { metadata: base.metadata, cache }));
  edits.push(wall);
  editsCpu.push(cpu);
}

const freshMs = median(fresh);
const freshCpuMs = median(freshCpu);
console.log(
  `compile ${objects} objects (${chains} three-level chains and referenced objects, ${queries} queries), with org metadata`,
);
console.log('                                          wall ms   cpu ms');
const row = (label: string, wall: number, cpu: number, note = '') =>
  console.log(`  ${label.padEnd(38)}${wall.toFixed(1).padStart(8)}${cpu.toFixed(1).padStart(9)}${note}`);
row('first compile in the process', firstMs, firstCpu, '  (schema compilation, parser warm-up)');
row(
  `never-seen scope, median of ${rounds}`,
  freshMs,
  freshCpuMs,
  `  target < ${TARGET_MS} ms: ${freshCpuMs < TARGET_MS ? 'met' : 'MISSED'} on CPU time (ratio ${(freshCpuMs / TARGET_MS).toFixed(2)}), ${freshMs < TARGET_MS ? 'met' : 'missed'} on wall time`,
);
row('after a one-object edit, median', median(edits), median(editsCpu));
console.log(`  plan JSON: ${(planToJson(plan).length / 1024).toFixed(0)} KB`);
console.log(
  `  ${cpus().length} CPUs, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}, Node ${process.version}`,
);
