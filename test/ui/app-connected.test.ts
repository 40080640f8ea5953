import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/ui/components/app/app.ts';
import type { App } from '../../src/ui/components/app/app.ts';
import { ApiClient } from '../../src/ui/api-client.ts';
import { settle } from '../../src/ui/state/deep-focus.ts';
import { addObject } from '../../src/ui/state/scope-edits.ts';
import { EXAMPLE_SCOPE, makeStore, shadow } from './fixtures.ts';

// A real config server over the embedded demo org answers /api (see web-test-runner.config.js).
describe('ss-app connected to the server (against the embedded org)', function () {
  this.timeout(60000);

  it('loads the session, the org objects and the describes of the scope objects', async () => {
    const store = makeStore(EXAMPLE_SCOPE, undefined);
    const api = new ApiClient();
    const el = await fixture<App>(html`<ss-app .store=${store} .api=${api}></ss-app>`);
    await el.connect();
    await waitUntil(() => store.metadata?.['Product2'], 'no describe loaded', { timeout: 20000 });
    expect(Object.keys(store.metadata!)).to.include.members([
      'Account',
      'Asset',
      'Contact',
      'Product2',
      'WorkOrder',
      'WorkOrderLineItem',
    ]);
    const session = await api.session();
    expect(el.session?.connectedUser.id).to.equal(session.connectedUser.id);
    expect(el.userId).to.equal(session.users.find((u) => u.id !== session.connectedUser.id)!.id);
    await settle(el.shadowRoot!);
    expect(shadow(el, 'footer').textContent).to.contain(
      `Org: embedded demo org · API ${session.apiVersion} · ${session.connectedUser.username}`,
    );
    // The tree's "add object" offers the org's objects; a new object's describe is fetched.
    const tree = shadow(el, 'ss-object-tree');
    const offered = [...tree.shadowRoot!.querySelectorAll('datalist option')].map((o) =>
      o.getAttribute('value'),
    );
    expect(offered).to.include('Case');
    expect(offered).to.not.include('WorkOrder');
    store.edit((s) => addObject(s, 'Case'));
    await waitUntil(() => store.metadata?.['Case'], 'no Case describe', { timeout: 20000 });
    // With the describe, the compiler lints against the org: an unknown field is an error at its place.
    store.edit((s) => ({ ...s, objects: { ...s.objects, Case: { fields: ['Subjekt'] } } }));
    expect(
      store.diagnostics.filter((d) => d.path === '/objects/Case/fields/0').map((d) => d.code),
    ).to.deep.equal(['UNKNOWN_FIELD']);
    await expect(el).to.be.accessible();
  });

  it("warns, with the other diagnostics, about a field the preview user's permission sets do not let them read", async () => {
    const asset = EXAMPLE_SCOPE.objects.Asset!;
    const scope = {
      ...EXAMPLE_SCOPE,
      objects: { ...EXAMPLE_SCOPE.objects, Asset: { ...asset, fields: [...asset.fields, 'Price'] } },
    };
    const store = makeStore(scope, undefined);
    const api = new ApiClient();
    const el = await fixture<App>(html`<ss-app .store=${store} .api=${api}></ss-app>`);
    await el.connect();
    const session = await api.session();
    el.userId = session.users.find((u) => u.username === 'tess.fielding@syncscope.example')!.id;
    await waitUntil(
      () => store.diagnostics.some((d) => d.code === 'FIELD_NOT_READABLE'),
      'no FIELD_NOT_READABLE',
      { timeout: 20000 },
    );
    expect(
      store.diagnostics
        .filter((d) => d.code === 'FIELD_NOT_READABLE')
        .map((d) => [d.path, d.severity, d.message]),
    ).to.deep.equal([
      [
        '/objects/Asset/fields/5',
        'warning',
        'Tess Fielding cannot read Asset.Price: none of their permission sets (profile Field Technician, Field_Technician) grants Read on it, so their devices leave it out of Asset',
      ],
    ]);
    // The dispatcher reads it: picking her clears the warning.
    el.userId = session.users.find((u) => u.username === 'diane.moreau@syncscope.example')!.id;
    await waitUntil(
      () => store.permissions?.audience[0]?.name === 'Diane Moreau',
      'no permissions of Diane',
      { timeout: 20000 },
    );
    await waitUntil(() => !store.compiling, 'still compiling', { timeout: 20000 });
    expect(store.diagnostics.filter((d) => d.code === 'FIELD_NOT_READABLE')).to.deep.equal([]);
  });
});
