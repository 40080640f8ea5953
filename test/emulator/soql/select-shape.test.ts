import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  A1,
  A2,
  A3,
  A5,
  C1,
  C2,
  C3,
  C5,
  U1,
  U2,
  W1,
  W3,
  openTestOrg,
  type TestOrg,
} from './soql-test-org.ts';

const url = (type: string, id: string): string => `/services/data/v62.0/sobjects/${type}/${id}`;

describe('SOQL engine: selected fields in the REST shape', () => {
  let org: TestOrg;
  beforeEach(() => {
    org = openTestOrg();
  });
  afterEach(() => org.close());

  it('returns attributes, then the fields in SELECT order with canonical names and JSON types', () => {
    const result = org.query(
      `select lastactivitydate, name, numberofemployees, annualrevenue, rating__c, tags__c, createddate, isdeleted, id
       from account where id = '${A1}'`,
    );
    expect(result).toEqual({
      totalSize: 1,
      done: true,
      records: [
        {
          attributes: { type: 'Account', url: url('Account', A1) },
          LastActivityDate: '2026-11-20',
          Name: 'Acme',
          NumberOfEmployees: 100,
          AnnualRevenue: 1000.5,
          Rating__c: 4.5,
          Tags__c: 'Gold;Priority',
          CreatedDate: '2026-11-01T10:00:00.000+0000',
          IsDeleted: false,
          Id: A1,
        },
      ],
    });
    expect(Object.keys(result.records[0] ?? {})).toEqual([
      'attributes',
      'LastActivityDate',
      'Name',
      'NumberOfEmployees',
      'AnnualRevenue',
      'Rating__c',
      'Tags__c',
      'CreatedDate',
      'IsDeleted',
      'Id',
    ]);
  });

  it('returns null for empty fields and booleans as true/false', () => {
    const contacts = org.query(
      `SELECT LastName, Birthdate, DoNotCall FROM Contact WHERE Id IN ('${C1}', '${C2}') ORDER BY LastName`,
    );
    expect(contacts.records).toEqual([
      {
        attributes: { type: 'Contact', url: url('Contact', C1) },
        LastName: 'Ample',
        Birthdate: '1990-05-01',
        DoNotCall: false,
      },
      {
        attributes: { type: 'Contact', url: url('Contact', C2) },
        LastName: 'Brown',
        Birthdate: null,
        DoNotCall: true,
      },
    ]);
  });

  it('returns a base64 field as the URL of its blob, and null when empty', () => {
    const result = org.query(`SELECT Logo__c FROM Account WHERE Id IN ('${A1}', '${A2}') ORDER BY Id`);
    expect(result.records).toEqual([
      { attributes: { type: 'Account', url: url('Account', A1) }, Logo__c: `${url('Account', A1)}/Logo__c` },
      { attributes: { type: 'Account', url: url('Account', A2) }, Logo__c: null },
    ]);
  });

  it('nests parent paths in SELECT order, sharing one object per relationship, null without a parent', () => {
    const result = org.query(
      `SELECT LastName, Account.Name, Owner.Name, Account.Owner.Name, Account.Industry
       FROM Contact WHERE Id IN ('${C1}', '${C3}') ORDER BY LastName`,
    );
    expect(result.records).toEqual([
      {
        attributes: { type: 'Contact', url: url('Contact', C1) },
        LastName: 'Ample',
        Account: {
          attributes: { type: 'Account', url: url('Account', A1) },
          Name: 'Acme',
          Owner: { attributes: { type: 'User', url: url('User', U2) }, Name: 'Tess Tech' },
          Industry: 'Energy',
        },
        Owner: { attributes: { type: 'User', url: url('User', U2) }, Name: 'Tess Tech' },
      },
      {
        attributes: { type: 'Contact', url: url('Contact', C3) },
        LastName: 'Cole',
        Account: {
          attributes: { type: 'Account', url: url('Account', A2) },
          Name: 'acme north',
          Owner: { attributes: { type: 'User', url: url('User', U1) }, Name: 'Ada Admin' },
          Industry: null,
        },
        Owner: { attributes: { type: 'User', url: url('User', U1) }, Name: 'Ada Admin' },
      },
    ]);
    const orphan = org.query(`SELECT LastName, Account.Name FROM Contact WHERE LastName = 'Dunn'`);
    expect(orphan.records).toEqual([
      {
        attributes: { type: 'Contact', url: url('Contact', C5) },
        LastName: 'Dunn',
        Account: null,
      },
    ]);
  });

  it('follows parent paths five levels deep', () => {
    // A5 -> Parent A3 -> Parent A2 -> Parent A1 -> Owner U2 -> Manager U1
    const deep = org.query(`SELECT Parent.Parent.Parent.Owner.Manager.Name FROM Account WHERE Id = '${A5}'`);
    expect(deep.records).toEqual([
      {
        attributes: { type: 'Account', url: url('Account', A5) },
        Parent: {
          attributes: { type: 'Account', url: url('Account', A3) },
          Parent: {
            attributes: { type: 'Account', url: url('Account', A2) },
            Parent: {
              attributes: { type: 'Account', url: url('Account', A1) },
              Owner: {
                attributes: { type: 'User', url: url('User', U2) },
                Manager: { attributes: { type: 'User', url: url('User', U1) }, Name: 'Ada Admin' },
              },
            },
          },
        },
      },
    ]);
  });

  it('answers COUNT() with totalSize and no records, honouring WHERE and LIMIT', () => {
    expect(org.query('SELECT COUNT() FROM Account')).toEqual({ totalSize: 4, done: true, records: [] });
    expect(org.query(`SELECT COUNT() FROM Account WHERE Industry = 'Energy'`).totalSize).toBe(2);
    expect(org.query('SELECT COUNT() FROM Account LIMIT 3').totalSize).toBe(3);
    expect(org.query('SELECT COUNT() FROM Account', { scanAll: true }).totalSize).toBe(5);
  });

  it('returns parent-to-child subqueries as {totalSize, done, records}, or null when empty', () => {
    const result = org.query(
      `SELECT Name, (SELECT LastName, Owner.Name FROM Contacts ORDER BY LastName DESC), (SELECT Subject FROM WorkOrders WHERE Status = 'New' ORDER BY Subject)
       FROM Account WHERE Id IN ('${A1}', '${A3}') ORDER BY Name`,
    );
    expect(result.records).toEqual([
      {
        attributes: { type: 'Account', url: url('Account', A1) },
        Name: 'Acme',
        Contacts: {
          totalSize: 2,
          done: true,
          records: [
            {
              attributes: { type: 'Contact', url: url('Contact', C2) },
              LastName: 'Brown',
              Owner: { attributes: { type: 'User', url: url('User', U2) }, Name: 'Tess Tech' },
            },
            {
              attributes: { type: 'Contact', url: url('Contact', C1) },
              LastName: 'Ample',
              Owner: { attributes: { type: 'User', url: url('User', U2) }, Name: 'Tess Tech' },
            },
          ],
        },
        WorkOrders: {
          totalSize: 2,
          done: true,
          records: [
            { attributes: { type: 'WorkOrder', url: url('WorkOrder', W1) }, Subject: 'Fix pump' },
            {
              attributes: { type: 'WorkOrder', url: url('WorkOrder', W3) },
              Subject: 'Install',
            },
          ],
        },
      },
      {
        attributes: { type: 'Account', url: url('Account', A3) },
        Name: 'Beta 50%_off',
        Contacts: null,
        WorkOrders: null,
      },
    ]);
  });

  it('applies LIMIT and OFFSET of a subquery per parent record', () => {
    const result = org.query(
      `SELECT Name, (SELECT LastName FROM Contacts ORDER BY LastName LIMIT 1 OFFSET 1) FROM Account WHERE Id IN ('${A1}', '${A2}') ORDER BY Name`,
    );
    expect(result.records.map((r) => r['Contacts'])).toEqual([
      {
        totalSize: 1,
        done: true,
        records: [{ attributes: { type: 'Contact', url: url('Contact', C2) }, LastName: 'Brown' }],
      },
      null,
    ]);
  });

  it('uses the API version given for attributes.url', () => {
    const result = org.query(`SELECT Name FROM Account WHERE Id = '${A1}'`, { apiVersion: '58.0' });
    expect(result.records[0]?.['attributes']).toEqual({
      type: 'Account',
      url: `/services/data/v58.0/sobjects/Account/${A1}`,
    });
  });

  it('accepts the object name as a path prefix unless it is a relationship', () => {
    expect(org.query(`SELECT Account.Name FROM Account WHERE Account.Id = '${A2}'`).records).toEqual([
      { attributes: { type: 'Account', url: url('Account', A2) }, Name: 'acme north' },
    ]);
    // On Contact, Account is the parent relationship.
    expect(org.query(`SELECT Account.Name FROM Contact WHERE Id = '${C3}'`).records[0]?.['Account']).toEqual({
      attributes: { type: 'Account', url: url('Account', A2) },
      Name: 'acme north',
    });
  });

  it('accepts a FROM alias as a path prefix', () => {
    const result = org.query(`SELECT a.Name, a.Owner.Name FROM Account a WHERE a.Id = '${A2}'`);
    expect(result.records).toEqual([
      {
        attributes: { type: 'Account', url: url('Account', A2) },
        Name: 'acme north',
        Owner: { attributes: { type: 'User', url: url('User', U1) }, Name: 'Ada Admin' },
      },
    ]);
  });
});
