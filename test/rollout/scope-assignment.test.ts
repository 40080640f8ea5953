/** The precedence of scope assignments: user > permission set > profile > default (pure, no org). */

import { describe, expect, it } from 'vitest';
import {
  explainResolution,
  parseTarget,
  resolveScopeFor,
  type AssignmentTarget,
  type ScopeAssignment,
  type UserFacts,
} from '../../src/runtime/scope-assignment.ts';

let order = 0;
function assign(target: AssignmentTarget, scopeName: string): ScopeAssignment {
  order += 1;
  return { target, scopeName, order, assignedAt: `2026-03-0${order % 9}T00:00:00.000Z`, assignedBy: null };
}

const tess: UserFacts = {
  userId: '0058e0000000002AAA',
  username: 'Tess.Fielding@syncscope.example',
  profileName: 'Field Technician',
  permissionSets: ['Dispatch', 'Inventory'],
};

const base = [
  assign({ kind: 'default' }, 'Default scope'),
  assign({ kind: 'profile', name: 'Field Technician' }, 'Technician'),
  assign({ kind: 'profile', name: 'Dispatcher' }, 'Dispatcher'),
];

describe('resolveScopeFor', () => {
  it('gives the default to a user nothing else matches', () => {
    const other = { ...tess, profileName: 'Sales', permissionSets: [] };
    expect(resolveScopeFor(other, base)?.scopeName).toBe('Default scope');
  });

  it('prefers the profile over the default', () => {
    const result = resolveScopeFor({ ...tess, permissionSets: [] }, base);
    expect(result?.scopeName).toBe('Technician');
    expect(explainResolution(result!)).toBe('profile:Field Technician');
  });

  it('prefers a permission set over the profile', () => {
    const assignments = [...base, assign({ kind: 'permset', name: 'Inventory' }, 'Stock')];
    expect(resolveScopeFor(tess, assignments)?.scopeName).toBe('Stock');
  });

  it('prefers the user over everything, whatever the case of the username', () => {
    const assignments = [
      ...base,
      assign({ kind: 'user', username: 'tess.fielding@syncscope.example' }, 'Tess only'),
      assign({ kind: 'permset', name: 'Inventory' }, 'Stock'),
    ];
    const result = resolveScopeFor(tess, assignments);
    expect(result?.scopeName).toBe('Tess only');
    expect(explainResolution(result!)).toBe('user:tess.fielding@syncscope.example');
  });

  it('gives a user in two permission sets with different scopes the one assigned most recently, and says so', () => {
    const assignments = [
      ...base,
      assign({ kind: 'permset', name: 'Inventory' }, 'Stock'),
      assign({ kind: 'permset', name: 'Dispatch' }, 'Dispatcher'),
    ];
    const result = resolveScopeFor(tess, assignments);
    expect(result?.scopeName).toBe('Dispatcher');
    expect(explainResolution(result!)).toBe(
      'permset:Dispatch, assigned more recently than permset:Inventory ("Stock")',
    );
  });

  it('lets a later assignment of the same target replace the earlier one', () => {
    const assignments = [...base, assign({ kind: 'profile', name: 'Field Technician' }, 'Technician 2')];
    expect(resolveScopeFor({ ...tess, permissionSets: [] }, assignments)?.scopeName).toBe('Technician 2');
  });

  it('answers null when nothing applies and there is no default', () => {
    expect(resolveScopeFor({ ...tess, permissionSets: [] }, base.slice(2))).toBeNull();
  });
});

describe('parseTarget', () => {
  it('reads the four kinds, usernames in lower case', () => {
    expect(parseTarget('default')).toEqual({ kind: 'default' });
    expect(parseTarget('profile:Field Technician')).toEqual({ kind: 'profile', name: 'Field Technician' });
    expect(parseTarget('permset:Dispatch')).toEqual({ kind: 'permset', name: 'Dispatch' });
    expect(parseTarget('user:Tess@X.example')).toEqual({ kind: 'user', username: 'tess@x.example' });
  });

  it('refuses anything else, saying what to write', () => {
    expect(() => parseTarget('group:Ops')).toThrow(
      '"group:Ops" is not an assignment target: write default, profile:<Profile name>, permset:<Permission set name> or user:<username>',
    );
    expect(() => parseTarget('profile:')).toThrow('"profile:" is not an assignment target');
  });
});
