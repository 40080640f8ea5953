import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile, planToJson } from '../../src/compiler/index.ts';
import type { PlanObject, SyncPlan } from '../../src/compiler/index.ts';
import { planSchemaErrors } from './plan-schema.ts';

const scopeText = readFileSync(
  new URL('../../examples/field-technician.scope.json', import.meta.url),
  'utf8',
);
const scope: unknown = JSON.parse(scopeText);

/** The plan after a JSON round trip, as a device receives it. */
function compiledPlan(): SyncPlan {
  const result = compile(scope);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return JSON.parse(planToJson(result.plan as SyncPlan)) as SyncPlan;
}

function object(plan: SyncPlan, name: string): PlanObject {
  const found = plan.objects.find((o) => o.name === name);
  if (!found) throw new Error(`no ${name} in plan`);
  return found;
}

const soqlOf = (union: readonly { soql: string }[]) => union.map((t) => t.soql);

describe('examples/field-technician.scope.json', () => {
  const plan = compiledPlan();

  it('compiles to a plan that validates against sync-plan.schema.json', () => {
    expect(planSchemaErrors(plan)).toEqual([]);
    expect(plan.planVersion).toBe(1);
    expect(plan.scopeName).toBe('Field technician');
    expect(plan.scopeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(plan.apiVersion).toBe('62.0');
    expect(plan.watermarkField).toBe('LastModifiedDate');
    expect(plan.overlapSeconds).toBe(60);
    expect(plan.syncEveryMinutes).toBe(30);
    expect(plan.parameters).toEqual({});
  });

  it('orders objects after the objects they depend on', () => {
    expect(plan.objects.map((o) => [o.name, o.dependsOn])).toEqual([
      ['Product2', []],
      ['WorkOrder', []],
      ['Account', ['WorkOrder']],
      ['Asset', ['Account']],
      ['Contact', ['Account', 'WorkOrder']],
      ['WorkOrderLineItem', ['WorkOrder']],
    ]);
  });

  it('reports the time-dependent filter and the device-driven paths, and no error or other warning', () => {
    expect(compile(scope).diagnostics.map((d) => [d.path, d.severity, d.code, d.position])).toEqual([
      ['/objects/Account/referencedBy/0', 'info', 'DEVICE_DRIVEN_PATH', undefined],
      ['/objects/Asset/childOf', 'info', 'DEVICE_DRIVEN_PATH', undefined],
      ['/objects/Contact/childOf', 'info', 'DEVICE_DRIVEN_PATH', undefined],
      ['/objects/Contact/referencedBy/0', 'info', 'DEVICE_DRIVEN_PATH', undefined],
      ['/objects/WorkOrder/where', 'warning', 'TIME_DEPENDENT_FILTER', { start: 57, end: 71 }],
      ['/objects/WorkOrderLineItem/childOf', 'info', 'DEVICE_DRIVEN_PATH', undefined],
    ]);
  });

  it('WorkOrder: a root with a limit, a user bind and a relative date', () => {
    const wo = object(plan, 'WorkOrder');
    const fields =
      'Id, LastModifiedDate, AccountId, ContactId, WorkOrderNumber, Subject, Status, Priority, StartDate, OwnerId';
    expect(wo.fields).toEqual(fields.split(', '));
    expect(wo.queries.full).toEqual([
      {
        soql: `SELECT ${fields} FROM WorkOrder WHERE OwnerId = :userId AND Status != 'Closed' AND StartDate = NEXT_N_DAYS:14 ORDER BY StartDate ASC, Id ASC LIMIT 500`,
        binds: ['userId'],
      },
    ]);
    expect(wo.queries.delta).toEqual([
      {
        soql: `SELECT ${fields} FROM WorkOrder WHERE (OwnerId = :userId AND Status != 'Closed' AND StartDate = NEXT_N_DAYS:14) AND LastModifiedDate > :watermark ORDER BY LastModifiedDate ASC, Id ASC`,
        binds: ['userId', 'watermark'],
      },
    ]);
    expect(wo.queries.ids).toEqual([
      {
        soql: "SELECT Id, LastModifiedDate, StartDate FROM WorkOrder WHERE OwnerId = :userId AND Status != 'Closed' AND StartDate = NEXT_N_DAYS:14 ORDER BY StartDate ASC, Id ASC LIMIT 500",
        binds: ['userId'],
      },
    ]);
    expect(wo.queries.byIds).toEqual({
      soql: `SELECT ${fields} FROM WorkOrder WHERE Id IN :ids`,
      binds: ['ids'],
      idsPerQuery: 500,
    });
    expect(wo.paths).toEqual([{ kind: 'root' }]);
    expect(wo.limit).toBe(500);
    expect(wo.orderBy).toBe('StartDate ASC');
    expect(wo.reconcileEverySync).toBe(true);
    expect(wo.reconcileReason).toBe('limit 500; relative date literal NEXT_N_DAYS:14');
    // A limit and a relative date let records leave unmodified: only an Id re-read can tell.
    expect(wo.queries.count).toBeUndefined();
    expect(wo.upload).toEqual({ access: 'readWrite', conflict: 'clientWins' });
    expect(wo.syncEveryMinutes).toBe(30);
  });

  it('WorkOrderLineItem: children of a limited parent go by the parent Ids on the device', () => {
    const woli = object(plan, 'WorkOrderLineItem');
    const fields = 'Id, LastModifiedDate, WorkOrderId, LineItemNumber, Status, Description';
    const source = { object: 'WorkOrder', field: 'Id' };
    expect(soqlOf(woli.queries.full)).toEqual([
      `SELECT ${fields} FROM WorkOrderLineItem WHERE WorkOrderId IN :parentIds`,
    ]);
    expect(woli.queries.full[0]).toMatchObject({ binds: ['parentIds'], idSource: source, idsPerQuery: 500 });
    expect(woli.queries.delta).toEqual([
      {
        soql: `SELECT ${fields} FROM WorkOrderLineItem WHERE (WorkOrderId IN :parentIds) AND LastModifiedDate > :watermark ORDER BY LastModifiedDate ASC, Id ASC`,
        binds: ['parentIds', 'watermark'],
        idSource: source,
        idsPerQuery: 500,
      },
    ]);
    expect(soqlOf(woli.queries.ids)).toEqual([
      'SELECT Id, LastModifiedDate FROM WorkOrderLineItem WHERE WorkOrderId IN :parentIds',
    ]);
    expect(woli.queries.byIds?.soql).toBe(`SELECT ${fields} FROM WorkOrderLineItem WHERE Id IN :ids`);
    expect(woli.paths).toEqual([
      {
        kind: 'childOf',
        object: 'WorkOrder',
        field: 'WorkOrderId',
        byParentIds: {
          soql: `SELECT ${fields} FROM WorkOrderLineItem WHERE WorkOrderId IN :parentIds`,
          binds: ['parentIds'],
          idsPerQuery: 500,
        },
      },
    ]);
    expect(woli.upload).toEqual({ access: 'readWrite', conflict: 'serverWins' });
    // Not reconciled every sync because its parent is: the device fetches the children of a work order
    // that becomes held and removes those of one that leaves.
    expect(woli.reconcileEverySync).toBe(false);
    expect(woli.reconcileReason).toBeUndefined();
    expect(woli.queries.count).toEqual([
      {
        soql: 'SELECT COUNT() FROM WorkOrderLineItem WHERE WorkOrderId IN :parentIds',
        binds: ['parentIds'],
        idSource: { object: 'WorkOrder', field: 'Id' },
        idsPerQuery: 500,
      },
    ]);
  });

  it('Account: referenced by work orders, by the AccountId values on the device', () => {
    const account = object(plan, 'Account');
    const fields = 'Id, LastModifiedDate, Name, Phone, BillingStreet, BillingCity';
    expect(soqlOf(account.queries.full)).toEqual([`SELECT ${fields} FROM Account WHERE Id IN :ids`]);
    expect(account.queries.full[0]?.idSource).toEqual({ object: 'WorkOrder', field: 'AccountId' });
    expect(soqlOf(account.queries.delta)).toEqual([
      `SELECT ${fields} FROM Account WHERE (Id IN :ids) AND LastModifiedDate > :watermark ORDER BY LastModifiedDate ASC, Id ASC`,
    ]);
    expect(soqlOf(account.queries.ids)).toEqual([
      'SELECT Id, LastModifiedDate FROM Account WHERE Id IN :ids',
    ]);
    expect(account.paths).toEqual([
      {
        kind: 'referencedBy',
        object: 'WorkOrder',
        field: 'AccountId',
        byIds: { soql: `SELECT ${fields} FROM Account WHERE Id IN :ids`, binds: ['ids'], idsPerQuery: 500 },
      },
    ]);
    expect(account.upload).toEqual({ access: 'read' });
    expect(account.syncEveryMinutes).toBe(30);
  });

  it('Contact: two paths give a union of two queries, each with the own where', () => {
    const contact = object(plan, 'Contact');
    const fields = 'Id, LastModifiedDate, AccountId, FirstName, LastName, Phone, Email';
    expect(contact.fields).toEqual(fields.split(', '));
    expect(soqlOf(contact.queries.full)).toEqual([
      `SELECT ${fields} FROM Contact WHERE AccountId IN :parentIds AND Email != NULL`,
      `SELECT ${fields} FROM Contact WHERE Id IN :ids AND Email != NULL`,
    ]);
    expect(contact.queries.full.map((t) => t.idSource)).toEqual([
      { object: 'Account', field: 'Id' },
      { object: 'WorkOrder', field: 'ContactId' },
    ]);
    expect(soqlOf(contact.queries.delta)).toEqual([
      `SELECT ${fields} FROM Contact WHERE (AccountId IN :parentIds AND Email != NULL) AND LastModifiedDate > :watermark ORDER BY LastModifiedDate ASC, Id ASC`,
      `SELECT ${fields} FROM Contact WHERE (Id IN :ids AND Email != NULL) AND LastModifiedDate > :watermark ORDER BY LastModifiedDate ASC, Id ASC`,
    ]);
    expect(soqlOf(contact.queries.ids)).toEqual([
      'SELECT Id, LastModifiedDate FROM Contact WHERE AccountId IN :parentIds AND Email != NULL',
      'SELECT Id, LastModifiedDate FROM Contact WHERE Id IN :ids AND Email != NULL',
    ]);
    expect(
      contact.paths.map((p) =>
        p.kind === 'childOf' ? p.byParentIds.soql : p.kind === 'referencedBy' ? p.byIds.soql : '',
      ),
    ).toEqual([
      `SELECT ${fields} FROM Contact WHERE AccountId IN :parentIds AND Email != NULL`,
      `SELECT ${fields} FROM Contact WHERE Id IN :ids AND Email != NULL`,
    ]);
    expect(contact.upload).toEqual({ access: 'readWrite', conflict: 'manual' });
  });

  it('Asset: child of Account, on its own schedule', () => {
    const asset = object(plan, 'Asset');
    const fields = 'Id, LastModifiedDate, AccountId, Name, SerialNumber, Status, InstallDate';
    expect(soqlOf(asset.queries.full)).toEqual([`SELECT ${fields} FROM Asset WHERE AccountId IN :parentIds`]);
    expect(soqlOf(asset.queries.delta)).toEqual([
      `SELECT ${fields} FROM Asset WHERE (AccountId IN :parentIds) AND LastModifiedDate > :watermark ORDER BY LastModifiedDate ASC, Id ASC`,
    ]);
    expect(soqlOf(asset.queries.ids)).toEqual([
      'SELECT Id, LastModifiedDate FROM Asset WHERE AccountId IN :parentIds',
    ]);
    expect(asset.syncEveryMinutes).toBe(240);
    expect(asset.upload).toEqual({ access: 'read' });
  });

  it('Product2: an independent root, not reconciled every sync', () => {
    const product = object(plan, 'Product2');
    const fields = 'Id, LastModifiedDate, Name, ProductCode, Family, IsActive';
    expect(product.queries.full).toEqual([
      { soql: `SELECT ${fields} FROM Product2 WHERE IsActive = TRUE`, binds: [] },
    ]);
    expect(product.queries.delta).toEqual([
      {
        soql: `SELECT ${fields} FROM Product2 WHERE (IsActive = TRUE) AND LastModifiedDate > :watermark ORDER BY LastModifiedDate ASC, Id ASC`,
        binds: ['watermark'],
      },
    ]);
    expect(product.queries.ids).toEqual([
      { soql: 'SELECT Id, LastModifiedDate FROM Product2 WHERE IsActive = TRUE', binds: [] },
    ]);
    expect(product.reconcileEverySync).toBe(false);
    expect(product.reconcileReason).toBeUndefined();
    expect(product.queries.count).toEqual([
      { soql: 'SELECT COUNT() FROM Product2 WHERE IsActive = TRUE', binds: [] },
    ]);
    expect(product.syncEveryMinutes).toBe(1440);
  });

  it('is deterministic: the same scope gives a byte-identical plan, whatever the key order', () => {
    const again = planToJson(compile(JSON.parse(scopeText)).plan as SyncPlan);
    expect(again).toBe(planToJson(compile(scope).plan as SyncPlan));
    const reordered = JSON.parse(scopeText) as { objects: Record<string, unknown> };
    reordered.objects = Object.fromEntries(Object.entries(reordered.objects).reverse());
    expect(planToJson(compile(reordered).plan as SyncPlan)).toBe(again);
  });

  it('changes only the fingerprints of the changed object and its dependents', () => {
    const edited = JSON.parse(scopeText) as { objects: { Account: { fields: string[] } } };
    edited.objects.Account.fields.push('Website');
    const before = Object.fromEntries(plan.objects.map((o) => [o.name, o.fingerprint]));
    const after = Object.fromEntries(
      (compile(edited).plan as SyncPlan).objects.map((o) => [o.name, o.fingerprint]),
    );
    const changed = Object.keys(before).filter((name) => before[name] !== after[name]);
    expect(changed).toEqual(['Account', 'Asset', 'Contact']);
  });
});
