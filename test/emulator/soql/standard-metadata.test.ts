import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { standardMetadata } from '../../../src/emulator/metadata/standard-objects.ts';
import { SoqlEngine } from '../../../src/emulator/sql/soql-engine.ts';
import { createTables } from '../../../src/emulator/sql/table-layout.ts';
import { apiErrorOf, bareMessage } from './expect-api-error.ts';
import { id, insertRows, NOW } from './soql-test-org.ts';

/** The engine over the emulator's real describe metadata: polymorphic owners and parents. */
describe('SOQL engine on the standard objects', () => {
  const db = new Database(':memory:');
  const engine = new SoqlEngine(db, standardMetadata());
  const user = id('005', 1);
  const queue = id('00G', 1);
  const account = id('001', 1);
  const [wo1, wo2] = [id('0WO', 1), id('0WO', 2)];
  const [sa1, sa2] = [id('08p', 1), id('08p', 2)];
  const url = (type: string, recordId: string): string => `/services/data/v62.0/sobjects/${type}/${recordId}`;
  const query = (soql: string) => {
    const cursor = engine.open(soql, { scanAll: false, now: NOW, userId: user });
    return cursor.next(2000);
  };

  beforeAll(() => {
    createTables(db, standardMetadata());
    insertRows(db, 'User', [
      {
        Id: user,
        Username: 'tess@example.com',
        LastName: 'Tech',
        Name: 'Tess Tech',
        Email: 'tess@example.com',
      },
    ]);
    insertRows(db, 'Group', [
      { Id: queue, Name: 'Dispatch Queue', Type: 'Queue', Email: 'queue@example.com' },
    ]);
    insertRows(db, 'Account', [{ Id: account, Name: 'Acme', OwnerId: user }]);
    insertRows(db, 'WorkOrder', [
      { Id: wo1, Subject: 'Fix pump', OwnerId: user, AccountId: account, WorkOrderNumber: '00000001' },
      { Id: wo2, Subject: 'Unassigned', OwnerId: queue, AccountId: account, WorkOrderNumber: '00000002' },
    ]);
    insertRows(db, 'WorkOrderLineItem', [
      { Id: id('1WL', 1), WorkOrderId: wo1, Subject: 'Replace seal', LineItemNumber: '00000001' },
    ]);
    insertRows(db, 'ServiceAppointment', [
      { Id: sa1, ParentRecordId: wo1, Subject: 'Visit 1', OwnerId: user },
      { Id: sa2, ParentRecordId: account, Subject: 'Visit 2', OwnerId: user },
    ]);
  });
  afterAll(() => db.close());

  it('types a polymorphic Owner by the record it points at (User or queue)', () => {
    expect(query('SELECT Subject, Owner.Name, Owner.Email FROM WorkOrder ORDER BY Owner.Name')).toEqual([
      {
        attributes: { type: 'WorkOrder', url: url('WorkOrder', wo2) },
        Subject: 'Unassigned',
        Owner: {
          attributes: { type: 'Group', url: url('Group', queue) },
          Name: 'Dispatch Queue',
          Email: 'queue@example.com',
        },
      },
      {
        attributes: { type: 'WorkOrder', url: url('WorkOrder', wo1) },
        Subject: 'Fix pump',
        Owner: {
          attributes: { type: 'User', url: url('User', user) },
          Name: 'Tess Tech',
          Email: 'tess@example.com',
        },
      },
    ]);
    expect(
      query(`SELECT Subject FROM WorkOrder WHERE Owner.Type = 'Queue'`).map((r) => r['Subject']),
    ).toEqual(['Unassigned']);
  });

  it('returns a polymorphic parent with null for fields its type lacks', () => {
    expect(query('SELECT Subject, ParentRecord.Name FROM ServiceAppointment ORDER BY Subject')).toEqual([
      {
        attributes: { type: 'ServiceAppointment', url: url('ServiceAppointment', sa1) },
        Subject: 'Visit 1',
        ParentRecord: { attributes: { type: 'WorkOrder', url: url('WorkOrder', wo1) }, Name: null },
      },
      {
        attributes: { type: 'ServiceAppointment', url: url('ServiceAppointment', sa2) },
        Subject: 'Visit 2',
        ParentRecord: { attributes: { type: 'Account', url: url('Account', account) }, Name: 'Acme' },
      },
    ]);
  });

  it('rejects nested parent-to-child subqueries with a clear message', () => {
    const error = apiErrorOf(() =>
      query(
        'SELECT Name, (SELECT Subject, (SELECT Id FROM WorkOrderLineItems) FROM WorkOrders) FROM Account',
      ),
    );
    expect(error.errorCode).toBe('MALFORMED_QUERY');
    expect(bareMessage(error)).toBe('A parent-to-child subquery may select only fields and parent fields.');
  });

  it('does not traverse past a polymorphic relationship, as Salesforce', () => {
    const error = apiErrorOf(() => query('SELECT Owner.Manager.Name FROM WorkOrder'));
    expect(error.errorCode).toBe('INVALID_FIELD');
    expect(bareMessage(error)).toMatch(/^Didn't understand relationship 'Manager' in field path\./);
  });

  it('follows the derived child relationships', () => {
    const records = query('SELECT Name, (SELECT Subject FROM WorkOrders ORDER BY Subject) FROM Account');
    expect(records[0]?.['WorkOrders']).toMatchObject({ totalSize: 2, done: true });
    expect(
      query(
        'SELECT Subject, (SELECT Subject FROM WorkOrderLineItems) FROM WorkOrder WHERE Id = ' + `'${wo1}'`,
      ),
    ).toEqual([
      {
        attributes: { type: 'WorkOrder', url: url('WorkOrder', wo1) },
        Subject: 'Fix pump',
        WorkOrderLineItems: {
          totalSize: 1,
          done: true,
          records: [
            {
              attributes: { type: 'WorkOrderLineItem', url: url('WorkOrderLineItem', id('1WL', 1)) },
              Subject: 'Replace seal',
            },
          ],
        },
      },
    ]);
  });
});
