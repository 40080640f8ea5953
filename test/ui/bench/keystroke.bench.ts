/**
 * Keystroke cost on a 50-object scope, in the real app in Chromium: each key typed into a `where` runs the
 * compiler and re-renders the tree, the editor and the problems list. Prints figures; asserts nothing
 * about time (benchmarks are not tests). Run: npx wtr test/ui/bench/keystroke.bench.ts
 */
import { fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/ui/components/app/app.ts';
import type { App } from '../../../src/ui/components/app/app.ts';
import { compile } from '../../../src/compiler/index.ts';
import type { FieldDescribe, OrgMetadata, SObjectDescribe } from '../../../src/compiler/org-metadata.ts';
import type { ScopeObject, SyncScope } from '../../../src/compiler/scope.ts';
import { settle } from '../../../src/ui/state/deep-focus.ts';
import { ScopeStore } from '../../../src/ui/state/scope-store.ts';

const OBJECTS = 50;
const name = (i: number) => `Obj${String(i).padStart(2, '0')}__c`;

function field(n: string, type: FieldDescribe['type'], referenceTo: string[] = []): FieldDescribe {
  return {
    name: n,
    label: n,
    type,
    length: type === 'string' ? 255 : 0,
    referenceTo,
    relationshipName: type === 'reference' ? n.replace(/__c$/, '__r') : null,
    nillable: true,
    createable: true,
    updateable: true,
    filterable: true,
    sortable: true,
    externalId: false,
    unique: false,
    custom: true,
    indexed: type === 'id' || type === 'reference',
    defaultedOnCreate: false,
    calculated: false,
  };
}

function generate(): { scope: SyncScope; metadata: OrgMetadata } {
  const objects: Record<string, ScopeObject> = {};
  const metadata: Record<string, SObjectDescribe> = {};
  for (let i = 0; i < OBJECTS; i++) {
    const parent = i === 0 ? undefined : name(Math.floor((i - 1) / 3));
    const fields = [
      field('Id', 'id'),
      field('Name', 'string'),
      field('LastModifiedDate', 'datetime'),
      field('SystemModstamp', 'datetime'),
      field('OwnerId', 'reference', ['User']),
      ...Array.from({ length: 12 }, (_, k) => field(`Field${k}__c`, k % 3 === 0 ? 'double' : 'string')),
      ...(parent ? [field('Parent__c', 'reference', [parent])] : []),
    ];
    metadata[name(i)] = {
      name: name(i),
      label: name(i),
      labelPlural: name(i),
      keyPrefix: `a${String(i).padStart(2, '0')}`,
      custom: true,
      createable: true,
      updateable: true,
      deletable: true,
      queryable: true,
      fields,
      childRelationships: [],
    };
    objects[name(i)] = {
      fields: ['Name', 'Field0__c', 'Field1__c', 'Field2__c', 'Field3__c', 'Field4__c'],
      ...(parent ? { childOf: { object: parent, field: 'Parent__c' } } : { where: 'OwnerId = :userId' }),
      where: parent
        ? `Field1__c != 'x${i}' AND Field0__c > ${i}`
        : "OwnerId = :userId AND Field1__c = 'open'",
    };
  }
  return { scope: { scopeVersion: 1, name: 'Fifty objects', objects }, metadata };
}

function stats(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(2);
  return `median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${sorted.at(-1)!.toFixed(2)} ms`;
}

describe('keystroke bench (prints figures)', function () {
  this.timeout(120000);
  it('types a where condition into the 50-object scope', async () => {
    const { scope, metadata } = generate();
    const store = new ScopeStore(compile, scope, metadata);
    const el = await fixture<App>(html`<ss-app .store=${store} selected=${name(49)}></ss-app>`);
    await settle(el.shadowRoot!);
    const editor = el.shadowRoot!.querySelector('ss-object-editor')!;
    const where = editor.shadowRoot!.querySelector('ss-where-editor')!;
    const textarea = where.shadowRoot!.querySelector('textarea')!;
    textarea.focus();
    textarea.setSelectionRange(textarea.value.length, textarea.value.length);

    const compileMs: number[] = [];
    const keyToPaintMs: number[] = [];
    const text = " AND Field2__c != 'a'";
    for (const ch of text) {
      const started = performance.now();
      await sendKeys({ type: ch });
      await settle(el.shadowRoot!);
      keyToPaintMs.push(performance.now() - started);
      compileMs.push(store.lastCompileMs);
    }
    // Direct compile timing without the UI, same scope.
    const direct: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      compile(store.scope, { metadata });
      direct.push(performance.now() - t);
    }
    console.log(`[bench] ${OBJECTS}-object scope, ${text.length} keystrokes into a where`);
    console.log(`[bench] compile per keystroke (in the app): ${stats(compileMs)}`);
    console.log(`[bench] compile alone (10 runs): ${stats(direct)}`);
    console.log(
      `[bench] keystroke to settled render, including the test runner's key round trip: ${stats(keyToPaintMs)}`,
    );
    console.log(
      `[bench] diagnostics: ${store.diagnostics.length}, plan objects: ${store.plan?.objects.length ?? 0}`,
    );
  });
});
