/**
 * Shared by the browser tests: the example scope of the compiler issue, the embedded org's describes
 * (the same metadata the emulator serves), and a store compiling with the real compiler.
 */
import { compile } from '../../src/compiler/index.ts';
import type { OrgMetadata } from '../../src/compiler/org-metadata.ts';
import type { SyncScope } from '../../src/compiler/scope.ts';
import { standardMetadata } from '../../src/emulator/metadata/standard-objects.ts';
import { ScopeStore } from '../../src/ui/state/scope-store.ts';

export const EXAMPLE_SCOPE: SyncScope = {
  scopeVersion: 1,
  name: 'Field technician',
  apiVersion: '62.0',
  watermarkField: 'LastModifiedDate',
  overlapSeconds: 60,
  syncEveryMinutes: 30,
  objects: {
    WorkOrder: {
      fields: [
        'WorkOrderNumber',
        'Subject',
        'Status',
        'Priority',
        'StartDate',
        'AccountId',
        'ContactId',
        'OwnerId',
      ],
      where: "OwnerId = :userId AND Status != 'Closed' AND StartDate = NEXT_N_DAYS:14",
      orderBy: 'StartDate ASC',
      limit: 500,
      access: 'readWrite',
      conflict: 'clientWins',
    },
    WorkOrderLineItem: {
      fields: ['LineItemNumber', 'WorkOrderId', 'Status', 'Description'],
      childOf: { object: 'WorkOrder', field: 'WorkOrderId' },
      access: 'readWrite',
      conflict: 'serverWins',
    },
    Account: {
      fields: ['Name', 'Phone', 'BillingStreet', 'BillingCity'],
      referencedBy: [{ object: 'WorkOrder', field: 'AccountId' }],
    },
    Contact: {
      fields: ['FirstName', 'LastName', 'Phone', 'Email', 'AccountId'],
      childOf: { object: 'Account', field: 'AccountId' },
      referencedBy: [{ object: 'WorkOrder', field: 'ContactId' }],
      where: 'Email != null',
      access: 'readWrite',
      conflict: 'manual',
    },
    Asset: {
      fields: ['Name', 'SerialNumber', 'Status', 'AccountId', 'InstallDate'],
      childOf: { object: 'Account', field: 'AccountId' },
      syncEveryMinutes: 240,
    },
    Product2: {
      fields: ['Name', 'ProductCode', 'Family', 'IsActive'],
      where: 'IsActive = true',
      syncEveryMinutes: 1440,
    },
  },
};

export const ORG_METADATA: OrgMetadata = standardMetadata();

export function makeStore(
  scope: SyncScope = EXAMPLE_SCOPE,
  metadata: OrgMetadata | undefined = ORG_METADATA,
): ScopeStore {
  return new ScopeStore(compile, structuredClone(scope) as SyncScope, metadata);
}

/** The element in `host`'s shadow root matching `selector`, or a failed test. */
export function shadow<T extends Element = HTMLElement>(host: Element, selector: string): T {
  const found = host.shadowRoot?.querySelector<T>(selector);
  if (!found) throw new Error(`${host.localName} has no ${selector}`);
  return found;
}

/** Every element matching `selector` in `host`'s shadow root and the shadow roots nested in it, in order. */
export function deepAll<T extends Element = HTMLElement>(host: Element, selector: string): T[] {
  const root = host.shadowRoot;
  if (!root) return [];
  const found = [...root.querySelectorAll<T>(selector)];
  for (const inner of root.querySelectorAll('*'))
    if (inner.shadowRoot) found.push(...deepAll<T>(inner, selector));
  return found;
}

/** The first element matching `selector` in `host`'s shadow root or the ones nested in it, or a failed test. */
export function deep<T extends Element = HTMLElement>(host: Element, selector: string): T {
  const found = deepAll<T>(host, selector)[0];
  if (!found) throw new Error(`${host.localName} has no ${selector}, even in nested shadow roots`);
  return found;
}
