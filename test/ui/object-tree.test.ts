import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/ui/components/object-tree/object-tree.ts';
import type { ObjectTree } from '../../src/ui/components/object-tree/object-tree.ts';
import type { SelectObjectEvent } from '../../src/ui/events/events.ts';
import { makeStore, shadow } from './fixtures.ts';

function items(el: ObjectTree): string[] {
  return [...el.shadowRoot!.querySelectorAll('[role="treeitem"]')].map(
    (i) => `${i.getAttribute('aria-level')} ${i.textContent!.replace(/\s+/g, ' ').trim()}`,
  );
}

describe('ss-object-tree', () => {
  it('is accessible', async () => {
    const el = await fixture<ObjectTree>(
      html`<ss-object-tree .store=${makeStore()} selected="WorkOrder"></ss-object-tree>`,
    );
    await expect(el).to.be.accessible();
  });

  it('lists roots, then the objects each one brings in, with problem counts', async () => {
    const el = await fixture<ObjectTree>(
      html`<ss-object-tree .store=${makeStore()} selected="WorkOrder"></ss-object-tree>`,
    );
    expect(items(el)).to.deep.equal([
      '1 WorkOrder root 1 warnings',
      '2 WorkOrderLineItem child via WorkOrderId',
      '2 Account referenced by .AccountId',
      '3 Contact child via AccountId',
      '3 Asset child via AccountId',
      '2 Contact referenced by .ContactId',
      '1 Product2 root',
    ]);
  });

  it('arrow keys move through the tree and Enter selects', async () => {
    const el = await fixture<ObjectTree>(
      html`<ss-object-tree .store=${makeStore()} selected="WorkOrder"></ss-object-tree>`,
    );
    shadow(el, '[role="treeitem"][tabindex="0"]').focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    expect((el.shadowRoot!.activeElement as HTMLElement).dataset['name']).to.equal('Account');
    setTimeout(() => void sendKeys({ press: 'Enter' }));
    const event = (await oneEvent(el, 'ss-select-object')) as unknown as SelectObjectEvent;
    expect(event.objectName).to.equal('Account');
  });

  it('adds an object typed by name, taking the org spelling, and selects it', async () => {
    const store = makeStore();
    const el = await fixture<ObjectTree>(
      html`<ss-object-tree
        .store=${store}
        selected="WorkOrder"
        .available=${[{ name: 'Case', label: 'Case', labelPlural: 'Cases', keyPrefix: '500', custom: false, queryable: true, createable: true, updateable: true }]}
      ></ss-object-tree>`,
    );
    shadow(el, '#new-object').focus();
    await sendKeys({ type: 'case' });
    setTimeout(() => void sendKeys({ press: 'Enter' }));
    const event = (await oneEvent(el, 'ss-select-object')) as unknown as SelectObjectEvent;
    expect(event.objectName).to.equal('Case');
    expect(store.scope.objects['Case']).to.deep.equal({ fields: [] });
    await el.updateComplete;
    expect(items(el).at(-1)).to.equal('1 Case root 1 warnings');
  });
});
