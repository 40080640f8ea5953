import { expect } from '@open-wc/testing';
import { parseControlValue, sameValue, toControlValue } from '../../src/app/records/field-input.ts';
import {
  fieldInfos,
  keyFields,
  planReferenceTargets,
  titleField,
  typeFromValues,
  type FieldInfo,
} from '../../src/app/records/record-fields.ts';
import { matchesSearch, pendingStates, relatedLists } from '../../src/app/records/record-view.ts';
import type { OutboxEntry } from '../../src/runtime/index.ts';
import { examplePlan, ORG_METADATA } from './support.ts';

const plan = examplePlan(['SuggestedMaintenanceDate', 'Duration']);
const info = (object: string, field: string): FieldInfo =>
  fieldInfos(plan, ORG_METADATA, object).find((f) => f.name === field)!;

describe('record screen models', () => {
  it('names records by the plan’s name field and shows two key fields', () => {
    expect(
      plan.objects.map((o) => [o.name, titleField(plan, o.name), keyFields(plan, o.name)]),
    ).to.deep.equal([
      ['Product2', 'Name', ['ProductCode', 'Family']],
      ['WorkOrder', 'WorkOrderNumber', ['Subject', 'Status']],
      ['Account', 'Name', ['Phone', 'BillingCity']],
      ['Asset', 'Name', ['Status', 'AccountId']],
      ['Contact', undefined, ['AccountId', 'Phone']],
      ['WorkOrderLineItem', 'LineItemNumber', ['Status', 'Description']],
    ]);
  });

  it('relates records along the plan’s paths', () => {
    expect(relatedLists(plan, 'WorkOrder')).to.deep.equal([
      { object: 'WorkOrderLineItem', field: 'WorkOrderId' },
    ]);
    expect(relatedLists(plan, 'Account')).to.deep.equal([
      { object: 'WorkOrder', field: 'AccountId' },
      { object: 'Asset', field: 'AccountId' },
      { object: 'Contact', field: 'AccountId' },
    ]);
    expect(relatedLists(plan, 'Contact')).to.deep.equal([{ object: 'WorkOrder', field: 'ContactId' }]);
    expect(planReferenceTargets(plan, 'WorkOrder', 'AccountId')).to.deep.equal(['Account']);
    expect(planReferenceTargets(plan, 'WorkOrderLineItem', 'WorkOrderId')).to.deep.equal(['WorkOrder']);
    expect(planReferenceTargets(plan, 'WorkOrder', 'OwnerId')).to.deep.equal([]);
  });

  it('checks typed values exactly', () => {
    const date = info('WorkOrder', 'SuggestedMaintenanceDate');
    expect(parseControlValue(date, { value: '2026-02-28' })).to.deep.equal({ ok: true, value: '2026-02-28' });
    expect(parseControlValue(date, { value: '2026-02-30' })).to.deep.equal({
      ok: false,
      message: 'Enter a valid date (YYYY-MM-DD).',
    });
    expect(parseControlValue(date, { value: '', badInput: true })).to.deep.equal({
      ok: false,
      message: 'Enter a valid date (YYYY-MM-DD).',
    });
    expect(parseControlValue(date, { value: '' })).to.deep.equal({ ok: true, value: null });
    const start = info('WorkOrder', 'StartDate');
    expect(parseControlValue(start, { value: '2026-03-01T09:30' })).to.deep.equal({
      ok: true,
      value: new Date(2026, 2, 1, 9, 30).toISOString(),
    });
    expect(toControlValue(start, new Date(2026, 2, 1, 9, 30).toISOString().replace('Z', '+0000'))).to.equal(
      '2026-03-01T09:30',
    );
    expect(sameValue(start, '2026-03-01T08:30:00.000+0000', '2026-03-01T08:30:00.000Z')).to.equal(true);
    const duration = info('WorkOrder', 'Duration');
    expect(parseControlValue(duration, { value: '2.25' })).to.deep.equal({ ok: true, value: 2.25 });
    const subject = info('WorkOrder', 'Subject');
    expect(parseControlValue(subject, { value: 'x'.repeat(256) })).to.deep.equal({
      ok: false,
      message: 'Use at most 255 characters (now 256).',
    });
    const status = info('WorkOrder', 'Status');
    expect(parseControlValue(status, { value: 'Done' })).to.deep.equal({
      ok: false,
      message: 'Choose one of the listed values.',
    });
    const lastName = info('Contact', 'LastName');
    expect(lastName.required).to.equal(true);
    expect(parseControlValue(lastName, { value: '  ' })).to.deep.equal({
      ok: false,
      message: 'Complete this field.',
    });
    const email = info('Contact', 'Email');
    expect(parseControlValue(email, { value: 'ana@' })).to.deep.equal({
      ok: false,
      message: 'Enter a valid email address.',
    });
  });

  it('types fields without a describe from their held values', () => {
    const sample = [
      { Id: 'a', D: '2026-01-02', T: '2026-01-02T03:04:05.000+0000', N: 2, B: true, S: 'x' },
      { Id: 'b', D: null, T: null, N: 3.5, B: false, S: '2026-01-02' },
    ];
    expect(['D', 'T', 'N', 'B', 'S', 'missing'].map((f) => typeFromValues(sample, f))).to.deep.equal([
      'date',
      'datetime',
      'double',
      'boolean',
      undefined,
      undefined,
    ]);
  });

  it('search needs every typed word; pending states rank a conflict over a plain change', () => {
    expect(matchesSearch(' pump  north ', ['Pump repair', 'North Depot'])).to.equal(true);
    expect(matchesSearch('pump south', ['Pump repair', 'North Depot'])).to.equal(false);
    expect(matchesSearch('', [])).to.equal(true);
    const entry = (seq: number, recordId: string, status: OutboxEntry['status']): OutboxEntry => ({
      seq,
      object: 'Contact',
      op: 'update',
      recordId,
      fields: {},
      status,
      attempts: 0,
      changedAt: 0,
    });
    expect([
      ...pendingStates(
        [entry(1, 'a', 'conflict'), entry(2, 'a', 'pending'), entry(3, 'b', 'inFlight')],
        'Contact',
      ),
    ]).to.deep.equal([
      ['a', 'conflict'],
      ['b', 'pending'],
    ]);
  });
});
