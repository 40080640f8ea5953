/**
 * Keystroke cost on a 50-object scope, in the real app in Chromium: each key typed into a `where` runs the
 * compiler and re-renders the tree, the editor and the problems list. Prints figures; asserts nothing
 * about time (benchmarks are not tests). Run: npx wtr test/ui/bench/keystroke.bench.ts
 */
import { fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/ui/components/app/app.ts';
import type { App } from '../../../src/ui/components/app/app.ts';
import type { FieldDescribe, OrgMetadata, SObjectDescribe } from '../../../src/compiler/org-metadata.ts';
import type { ScopeObject, SyncScope } from '../../../src/compiler/scope.ts';
import { settle } from '../../../src/ui/state/deep-focus.ts';
import { ScopeStore } from '../../../src/ui/state/scope-store.ts';
import type { ScopeChangeEvent } from '../../../src/ui/state/scope-store.ts';
import { createWorkerCompiler, startCompileWorker } from '../../../src/ui/state/worker-compiler.ts';

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
  this.timeout(110000);
  it('types into a where of the 50-object scope, compiler in a Web Worker as in the page', async () => {
    const { scope, metadata } = generate();
    const worker = startCompileWorker();
    const store = new ScopeStore({ async: createWorkerCompiler(worker) }, scope, metadata);
    await store.settled();
    const compileMs: number[] = [store.lastCompileMs];
    store.addEventListener('scope-change', (e) => {
      if ((e as ScopeChangeEvent).origin === 'compile') compileMs.push(store.lastCompileMs);
    });
    const el = await fixture<App>(html`<ss-app .store=${store} selected=${name(49)}></ss-app>`);
    await settle(el.shadowRoot!);
    const editor = el.shadowRoot!.querySelector('ss-object-editor')!;
    const where = editor.shadowRoot!.querySelector('ss-where-editor')!;
    const textarea = where.shadowRoot!.querySelector('textarea')!;
    textarea.focus();
    textarea.setSelectionRange(textarea.value.length, textarea.value.length);

    const keyToRender: number[] = [];
    const text = " AND Field2__c != 'a'";
    for (const ch of text) {
      const started = performance.now();
      await sendKeys({ type: ch });
      await settle(el.shadowRoot!);
      keyToRender.push(performance.now() - started);
    }
    const typedAt = performance.now();
    await store.settled();
    const lastResultAfter = performance.now() - typedAt;
    worker.terminate();
    console.log(`[bench] ${OBJECTS}-object scope (chains 4 deep), ${text.length} keystrokes into a where`);
    console.log(
      `[bench] keystroke to rendered text, incl. the runner's key round trip: ${stats(keyToRender)}`,
    );
    console.log(
      `[bench] compile in the worker (${compileMs.length} compiles for ${text.length} keys, latest wins): ${stats(compileMs)}`,
    );
    console.log(`[bench] last diagnostics shown ${lastResultAfter.toFixed(0)} ms after the last key`);
    console.log(
      `[bench] diagnostics: ${store.diagnostics.length}, plan objects: ${store.plan?.objects.length ?? 0}`,
    );
  });
});
