import { describe, expect, it } from 'vitest';
import { compile } from '../../src/compiler/index.ts';

const notes = (scope: unknown) =>
  compile(scope)
    .diagnostics.filter((d) => d.severity === 'info')
    .map((d) => [d.code, d.path, d.message]);

describe('notes (info diagnostics) say how the plan will behave', () => {
  it('orderBy without a limit, and a limit across several paths', () => {
    expect(
      notes({
        scopeVersion: 1,
        name: 'notes',
        objects: {
          WorkOrder: { fields: ['Subject'], where: 'OwnerId = :userId', orderBy: 'Subject' },
          Case: { fields: ['Subject'], where: 'OwnerId = :userId' },
          Contact: {
            fields: ['LastName'],
            orderBy: 'LastName',
            limit: 200,
            referencedBy: [
              { object: 'WorkOrder', field: 'ContactId' },
              { object: 'Case', field: 'ContactId' },
            ],
          },
        },
      }),
    ).toEqual([
      [
        'LIMIT_ACROSS_PATHS',
        '/objects/Contact/limit',
        'the limit applies to the union of 2 paths: each query is cut at 200 and the device keeps the first 200 of the merged result',
      ],
      [
        'ORDER_BY_WITHOUT_LIMIT',
        '/objects/WorkOrder/orderBy',
        'orderBy without a limit only sets the order devices list records in',
      ],
    ]);
  });

  it('a path fetched by the Ids the device holds, and why', () => {
    expect(
      notes({
        scopeVersion: 1,
        name: 'notes',
        objects: {
          WorkOrder: { fields: ['Subject'], where: 'OwnerId = :userId', orderBy: 'Subject', limit: 50 },
          WorkOrderLineItem: { fields: ['Status'], childOf: { object: 'WorkOrder', field: 'WorkOrderId' } },
        },
      }),
    ).toEqual([
      [
        'DEVICE_DRIVEN_PATH',
        '/objects/WorkOrderLineItem/childOf',
        'WorkOrderLineItem is fetched by the Ids of WorkOrder held on the device (in chunks), because WorkOrder has a limit (the first n by an order is not a SOQL condition)',
      ],
    ]);
  });
});
