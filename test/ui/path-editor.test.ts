import { expect, fixture, html } from '@open-wc/testing';
import '../../src/ui/components/path-editor/path-editor.ts';
import '../../src/ui/components/plan-view/plan-view.ts';
import type { PathEditor } from '../../src/ui/components/path-editor/path-editor.ts';
import type { PlanView } from '../../src/ui/components/plan-view/plan-view.ts';
import type { SyncScope } from '../../src/compiler/scope.ts';
import { makeStore, shadow } from './fixtures.ts';

const TWO_ROOTS: SyncScope = {
  scopeVersion: 1,
  name: 'Paths',
  objects: {
    WorkOrder: { fields: ['Subject'], where: 'OwnerId = :userId' },
    WorkOrderLineItem: { fields: ['LineItemNumber'] },
  },
};

function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('ss-path-editor', () => {
  it('is accessible', async () => {
    const el = await fixture<PathEditor>(
      html`<ss-path-editor .store=${makeStore()} object-name="Contact"></ss-path-editor>`,
    );
    await expect(el).to.be.accessible();
  });

  it("offers childOf paths from the object's reference fields, in-scope parents first", async () => {
    const el = await fixture<PathEditor>(
      html`<ss-path-editor .store=${makeStore(TWO_ROOTS)} object-name="WorkOrderLineItem"></ss-path-editor>`,
    );
    const options = [...shadow<HTMLSelectElement>(el, '#childOf-add').options].map((o) =>
      o.textContent!.trim(),
    );
    expect(options).to.deep.equal([
      'Choose a relationship…',
      'WorkOrder via WorkOrderId (Work Order ID)',
      'Asset via AssetId (Asset ID) (adds Asset)',
      'Product2 via Product2Id (Product ID) (adds Product2)',
      'User via CreatedById (Created By ID) (adds User)',
      'User via LastModifiedById (Last Modified By ID) (adds User)',
    ]);
  });

  it('offers referencedBy paths from child relationships', async () => {
    const el = await fixture<PathEditor>(
      html`<ss-path-editor .store=${makeStore(TWO_ROOTS)} object-name="WorkOrder"></ss-path-editor>`,
    );
    const values = [...shadow<HTMLSelectElement>(el, '#referencedBy-add').options].map((o) => o.value);
    expect(values).to.include('WorkOrderLineItem.WorkOrderId');
  });

  it('adding a childOf path updates the compiled SOQL', async () => {
    const store = makeStore(TWO_ROOTS);
    const host = await fixture<HTMLDivElement>(
      html`<div>
        <ss-path-editor .store=${store} object-name="WorkOrderLineItem"></ss-path-editor>
        <ss-plan-view .store=${store} selected="WorkOrderLineItem"></ss-plan-view>
      </div>`,
    );
    const editor = host.querySelector('ss-path-editor') as PathEditor;
    const plan = host.querySelector('ss-plan-view') as PlanView;
    await expect(plan).to.be.accessible();
    const full = () => shadow(plan, 'pre[data-object="WorkOrderLineItem"][data-kind="full"]').dataset['soql'];
    expect(full()).to.equal('SELECT Id, LastModifiedDate, LineItemNumber FROM WorkOrderLineItem');

    choose(shadow<HTMLSelectElement>(editor, '#childOf-add'), 'WorkOrder.WorkOrderId');
    await editor.updateComplete;
    shadow<HTMLButtonElement>(editor, 'button[data-kind="childOf"]:not(.destructive)').click();
    await editor.updateComplete;
    await plan.updateComplete;

    expect(store.scope.objects['WorkOrderLineItem']?.childOf).to.deep.equal({
      object: 'WorkOrder',
      field: 'WorkOrderId',
    });
    expect(full()).to.equal(
      'SELECT Id, LastModifiedDate, WorkOrderId, LineItemNumber FROM WorkOrderLineItem WHERE WorkOrderId IN (SELECT Id FROM WorkOrder WHERE OwnerId = :userId)',
    );
    expect(
      shadow(plan, 'pre[data-object="WorkOrderLineItem"][data-kind="childOf:WorkOrder.WorkOrderId"]').dataset[
        'soql'
      ],
    ).to.equal(
      'SELECT Id, LastModifiedDate, WorkOrderId, LineItemNumber FROM WorkOrderLineItem WHERE WorkOrderId IN :parentIds',
    );
    expect(shadow(plan, 'pre[data-object="WorkOrderLineItem"][data-kind="full"]').textContent).to.equal(
      [
        'SELECT Id, LastModifiedDate, WorkOrderId, LineItemNumber',
        'FROM WorkOrderLineItem',
        'WHERE WorkOrderId IN (SELECT Id FROM WorkOrder WHERE OwnerId = :userId)',
      ].join('\n'),
    );
    // The new path is an editable row with its pointer; removing it brings the root query back.
    const row = shadow(editor, 'fieldset[data-pointer="/objects/WorkOrderLineItem/childOf"]');
    expect(shadow<HTMLInputElement>(editor, '#childOf-0-field').value).to.equal('WorkOrderId');
    row.querySelector<HTMLButtonElement>('button.destructive')!.click();
    await plan.updateComplete;
    expect(full()).to.equal('SELECT Id, LastModifiedDate, LineItemNumber FROM WorkOrderLineItem');
  });

  it('a path to an object out of scope adds that object too', async () => {
    const store = makeStore(TWO_ROOTS);
    const el = await fixture<PathEditor>(
      html`<ss-path-editor .store=${store} object-name="WorkOrderLineItem"></ss-path-editor>`,
    );
    choose(shadow<HTMLSelectElement>(el, '#childOf-add'), 'Asset.AssetId');
    await el.updateComplete;
    shadow<HTMLButtonElement>(el, 'button[data-kind="childOf"]:not(.destructive)').click();
    expect(Object.keys(store.scope.objects)).to.deep.equal(['WorkOrder', 'WorkOrderLineItem', 'Asset']);
    expect(store.scope.objects['Asset']).to.deep.equal({ fields: [] });
  });

  it('shows a path error at the field that is wrong', async () => {
    const store = makeStore({
      ...TWO_ROOTS,
      objects: {
        ...TWO_ROOTS.objects,
        WorkOrderLineItem: { fields: [], childOf: { object: 'WorkOrder', field: 'AssetId' } },
      },
    });
    const el = await fixture<PathEditor>(
      html`<ss-path-editor .store=${store} object-name="WorkOrderLineItem"></ss-path-editor>`,
    );
    const diagnostics = store.diagnostics.filter((d) =>
      d.path.startsWith('/objects/WorkOrderLineItem/childOf'),
    );
    expect(diagnostics.map((d) => `${d.path} ${d.code}`)).to.deep.equal([
      '/objects/WorkOrderLineItem/childOf/field PATH_NOT_REFERENCE',
    ]);
    const field = shadow<HTMLInputElement>(el, '#childOf-0-field');
    expect(field.getAttribute('aria-invalid')).to.equal('true');
    expect(shadow(el, '#childOf-0-field-help').textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      `error PATH_NOT_REFERENCE: ${diagnostics[0]!.message}`,
    );
  });
});
