import { expect } from '@open-wc/testing';
import { ScopeStore } from '../../src/ui/state/scope-store.ts';
import type { ScopeChangeEvent } from '../../src/ui/state/scope-store.ts';
import {
  createWorkerCompiler,
  pageCompiler,
  startCompileWorker,
} from '../../src/ui/state/worker-compiler.ts';
import { setObjectProp } from '../../src/ui/state/scope-edits.ts';
import { EXAMPLE_SCOPE, ORG_METADATA } from './fixtures.ts';

describe('ScopeStore with the compiler in a Web Worker', function () {
  this.timeout(30000);
  let worker: Worker;
  beforeEach(() => (worker = startCompileWorker()));
  afterEach(() => worker.terminate());

  it('applies edits at once and compiles them off the page thread, latest edit winning', async () => {
    const store = new ScopeStore(
      { async: createWorkerCompiler(worker) },
      structuredClone(EXAMPLE_SCOPE),
      ORG_METADATA,
    );
    await store.settled();
    expect(store.compiling).to.equal(false);
    expect(store.plan?.objects.map((o) => o.name)).to.have.length(6);

    const origins: string[] = [];
    store.addEventListener('scope-change', (e) => origins.push((e as ScopeChangeEvent).origin));
    // Three keystrokes in a row: the scope follows each at once; compiles do not hold them up.
    for (const where of ['IsActiv', 'IsActiv =', 'IsActiv = true']) {
      store.edit((s) => setObjectProp(s, 'Product2', 'where', where));
      expect(store.scope.objects['Product2']?.where).to.equal(where);
    }
    expect(store.compiling).to.equal(true);
    await store.settled();
    expect(store.compiling).to.equal(false);
    expect(
      store.diagnosticsAt('/objects/Product2/where').map((d) => `${d.code}: ${d.message}`),
    ).to.deep.equal(['UNKNOWN_FIELD: Product2 has no field IsActiv']);
    expect(origins.slice(0, 3)).to.deep.equal(['form', 'form', 'form']);
    expect(origins.at(-1)).to.equal('compile');
    // At most: the first edit's compile, then one for the two edits made meanwhile.
    expect(origins.filter((o) => o === 'compile').length).to.be.within(1, 2);
  });

  it('compiles in the page when the worker cannot run', async () => {
    const broken = new Worker(new URL('./no-such-worker.js', import.meta.url), { type: 'module' });
    const store = new ScopeStore(
      { async: pageCompiler(broken) },
      structuredClone(EXAMPLE_SCOPE),
      ORG_METADATA,
    );
    await store.settled();
    expect(store.diagnostics.map((d) => d.code)).to.not.include('UI_COMPILER_FAILED');
    expect(store.plan?.objects).to.have.length(6);
    store.edit((s) => setObjectProp(s, 'Product2', 'where', 'IsActiv = true'));
    await store.settled();
    expect(store.diagnosticsAt('/objects/Product2/where').map((d) => d.code)).to.deep.equal([
      'UNKNOWN_FIELD',
    ]);
    broken.terminate();
  });
});
