/** installPlan refuses a plan of another scope over a device holding data, unless allowScopeChange. */

import { describe, expect, it } from 'vitest';
import { installPlan, ScopeChangeError } from '../../src/runtime/plan-change.ts';
import { MemoryStore } from '../../src/runtime/store/memory-store.ts';
import { compilePlan } from './helpers/e2e-org.ts';
import { energyScope } from './helpers/scopes.ts';

const energy = compilePlan(energyScope);
const products = compilePlan({
  ...energyScope,
  name: 'Products',
  objects: { Product2: energyScope.objects.Product2! },
});

describe('installing a plan of another scope', () => {
  it('is refused while the device holds records, changing nothing', () => {
    const store = new MemoryStore();
    installPlan(store, energy);
    store.putRecord('Account', { Id: '001000000000001AAA', Name: 'Volt' });
    let caught: unknown;
    try {
      installPlan(store, products);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ScopeChangeError);
    expect((caught as ScopeChangeError).change).toEqual({
      fromScope: 'Energy accounts',
      toScope: 'Products',
      purged: [
        { object: 'Account', records: 1 },
        { object: 'Case', records: 0 },
        { object: 'Contact', records: 0 },
      ],
      pendingChanges: 0,
    });
    expect(store.getPlan()?.scopeName).toBe('Energy accounts');
    expect(store.listRecordIds('Account')).toEqual(['001000000000001AAA']);
  });

  it('goes ahead with allowScopeChange, on an empty device, and for the same scope', () => {
    const store = new MemoryStore();
    installPlan(store, energy);
    expect(installPlan(store, products).removed).toEqual(['Account', 'Case', 'Contact']); // nothing held
    store.putRecord('Product2', { Id: '01t000000000001AAA', Name: 'Meter' });
    installPlan(store, products); // same scope
    const change = installPlan(store, energy, { allowScopeChange: true });
    expect(change.unchanged).toEqual(['Product2']);
    expect(store.getPlan()?.scopeName).toBe('Energy accounts');
  });
});
