/**
 * The deterministic demo data of `--seed demo`: technicians, accounts with contacts, assets and cases,
 * products (a quarter inactive), work orders spread from 60 days ago into the next 4 weeks with line
 * items and service appointments. The same `records` and the same day give the same data; dates are
 * relative to the org clock's day so the demo always has upcoming work. About 25 records per account;
 * the first technician owns a quarter of the work orders (a few hundred records for the example scope).
 *
 * Rows go in through one prepared INSERT per object inside one transaction (100,000 records in seconds).
 */

import type Database from 'better-sqlite3';
import type { OrgMetadata } from '../../compiler/org-metadata.ts';
import { makeId } from '../ids.ts';
import { quoteIdent } from '../sql/table-layout.ts';
import type { StoredValue } from '../store/field-codec.ts';
import type { OrgDb } from '../store/org-database.ts';
import {
  ADMIN_USER_ID,
  DEMO_DISPATCHER_USERNAME,
  DEMO_TECHNICIAN_COUNT,
  DEMO_TECHNICIAN_USERNAME,
} from './demo-ids.ts';

type Row = Record<string, StoredValue | undefined>;

const DAY = 86_400_000;
const FIRST_NAMES = [
  'Tess',
  'Omar',
  'Lena',
  'Ravi',
  'Grace',
  'Mateo',
  'Yuki',
  'Anna',
  'Samuel',
  'Ines',
  'Noah',
  'Priya',
];
const LAST_NAMES = [
  'Fielding',
  'Haddad',
  'Kowalski',
  'Iyer',
  'Okafor',
  'Silva',
  'Tanaka',
  'Berg',
  'Mensah',
  'Duarte',
];
const COMPANY_WORDS = [
  'Northwind',
  'Harbor',
  'Summit',
  'Riverside',
  'Granite',
  'Maple',
  'Beacon',
  'Cedar',
  'Atlas',
];
const COMPANY_KINDS = [
  'Dairy',
  'Hospital',
  'Hotel',
  'Foods',
  'Logistics',
  'Plastics',
  'School',
  'Brewery',
  'Mall',
];
const CITIES = [
  ['Lyon', '69002', 'France'],
  ['Porto', '4000-123', 'Portugal'],
  ['Leeds', 'LS1 4AP', 'United Kingdom'],
  ['Utrecht', '3511 AB', 'Netherlands'],
  ['Graz', '8010', 'Austria'],
  ['Aarhus', '8000', 'Denmark'],
] as const;
const STREETS = ['Quai Saint-Antoine', 'Rua das Flores', 'Briggate', 'Oudegracht', 'Herrengasse', 'Strøget'];
const EQUIPMENT = ['Chiller', 'Boiler', 'Compressor', 'Heat pump', 'Air handler', 'Cold room', 'Generator'];
const PARTS = [
  'Valve',
  'Filter',
  'Fan belt',
  'Thermostat',
  'Pressure sensor',
  'Gasket',
  'Contactor',
  'Pump seal',
];
const TASKS = ['Annual maintenance', 'Breakdown repair', 'Inspection', 'Installation', 'Filter replacement'];
const OPEN_STATUSES = ['New', 'New', 'In Progress', 'On Hold'];
const PAST_STATUSES = ['Completed', 'Closed', 'Closed', 'Cannot Complete'];

/** A small deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SeedOptions {
  /** Approximate number of records (default 5,000). */
  records: number;
  /** The org clock's time; dates are laid out around its day. */
  now: Date;
}

export interface SeedSummary {
  readonly counts: Readonly<Record<string, number>>;
  readonly technicianIds: readonly string[];
}

/** The admin user every org has (also with `--seed none`). */
export function adminUserRow(stamp: string): Row {
  return {
    Id: ADMIN_USER_ID,
    Username: 'admin@syncscope.example',
    FirstName: 'Ada',
    LastName: 'Admin',
    Name: 'Ada Admin',
    Email: 'admin@syncscope.example',
    Alias: 'aadmin',
    CommunityNickname: 'ada.admin',
    IsActive: 1,
    TimeZoneSidKey: 'Europe/Paris',
    LocaleSidKey: 'en_US',
    EmailEncodingKey: 'UTF-8',
    LanguageLocaleKey: 'en_US',
    UserType: 'Standard',
    Title: 'System Administrator',
    CompanyName: 'syncscope',
    CreatedDate: stamp,
    CreatedById: ADMIN_USER_ID,
    LastModifiedDate: stamp,
    LastModifiedById: ADMIN_USER_ID,
    SystemModstamp: stamp,
    IsDeleted: 0,
  };
}

/** Inserts rows through one prepared statement per object. */
class Inserter {
  private readonly statements = new Map<string, { sql: Database.Statement<unknown[]>; columns: string[] }>();
  readonly counts: Record<string, number> = {};

  constructor(
    private readonly db: OrgDb,
    private readonly metadata: OrgMetadata,
  ) {}

  insert(object: string, row: Row): void {
    let entry = this.statements.get(object);
    if (!entry) {
      const describe = this.metadata[object];
      if (!describe) throw new Error(`the demo seed needs the ${object} object`);
      const columns = describe.fields.map((f) => f.name);
      if (!columns.includes('IsDeleted')) columns.push('IsDeleted');
      const sql = this.db.prepare<unknown[]>(
        `INSERT INTO ${quoteIdent(object)} (${columns.map(quoteIdent).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      );
      entry = { sql, columns };
      this.statements.set(object, entry);
    }
    const values = entry.columns.map((c) => {
      const v = row[c];
      return v === undefined ? (c === 'IsDeleted' || this.isBoolean(object, c) ? 0 : null) : v;
    });
    entry.sql.run(...values);
    this.counts[object] = (this.counts[object] ?? 0) + 1;
  }

  private readonly booleans = new Map<string, Set<string>>();
  private isBoolean(object: string, column: string): boolean {
    let set = this.booleans.get(object);
    if (!set) {
      set = new Set(this.metadata[object]!.fields.filter((f) => f.type === 'boolean').map((f) => f.name));
      this.booleans.set(object, set);
    }
    return set.has(column);
  }
}

/**
 * Seeds the demo data and returns what it made. `setSequence(name, value)` records the last Id counter
 * and auto-number used per object, so API inserts continue after the seeded records.
 */
export function seedDemo(
  db: OrgDb,
  metadata: OrgMetadata,
  options: SeedOptions,
  setSequence: (name: string, value: number) => void,
): SeedSummary {
  const rand = random(20240601);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const between = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
  const nowMs = options.now.getTime();
  const day0 = Math.floor(nowMs / DAY) * DAY;
  const iso = (ms: number): string => new Date(ms).toISOString();
  const dateOnly = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
  const inserter = new Inserter(db, metadata);
  const counters: Record<string, number> = {};
  const nextId = (object: string): string => {
    const prefix = metadata[object]!.keyPrefix;
    counters[prefix] = (counters[prefix] ?? 0) + 1;
    return makeId(prefix, counters[prefix]);
  };
  const numbers: Record<string, number> = {};
  const autoNumber = (name: string): number => (numbers[name] = (numbers[name] ?? 0) + 1);
  /** Created some time in the last 120 days, last modified between then and now. */
  const stamps = (owner: string): Row => {
    const created = nowMs - between(1, 120 * 24) * 3_600_000 - between(0, 3_599_999);
    const modified = created + Math.floor(rand() * (nowMs - created));
    return {
      CreatedDate: iso(created),
      CreatedById: owner,
      LastModifiedDate: iso(modified),
      LastModifiedById: owner,
      SystemModstamp: iso(modified),
      IsDeleted: 0,
    };
  };
  const loremWords =
    'the unit was checked on site and the customer asked for a follow up visit next quarter parts were ordered from the regional stock and the technician left a report with the facility manager'.split(
      ' ',
    );
  const lorem = (words: number): string => {
    const out: string[] = [];
    for (let i = 0; i < words; i++) out.push(pick(loremWords));
    const text = out.join(' ');
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  };

  const accountCount = Math.max(4, Math.round(options.records / 25));
  const technicianCount = Math.max(DEMO_TECHNICIAN_COUNT, Math.round(options.records / 20_000));
  const productCount = Math.max(20, Math.round(options.records / 250));

  counters['005'] = 1; // the admin user, inserted by the org itself
  const technicians: string[] = [];
  for (let i = 0; i < technicianCount; i++) {
    const id = nextId('User');
    technicians.push(id);
    const first = i === 0 ? 'Tess' : FIRST_NAMES[i % FIRST_NAMES.length]!;
    const last = i === 0 ? 'Fielding' : LAST_NAMES[(i * 3) % LAST_NAMES.length]!;
    const username =
      i === 0
        ? DEMO_TECHNICIAN_USERNAME
        : `${first.toLowerCase()}.${last.toLowerCase()}${i}@syncscope.example`;
    const city = CITIES[i % CITIES.length]!;
    inserter.insert('User', {
      Id: id,
      Username: username,
      FirstName: first,
      LastName: last,
      Name: `${first} ${last}`,
      Email: username,
      Alias: `${first.slice(0, 1)}${last.slice(0, 4)}`.toLowerCase(),
      CommunityNickname: `${first}.${last}${i}`.toLowerCase(),
      Title: 'Field Technician',
      Department: 'Field Service',
      City: city[0],
      Country: city[2],
      MobilePhone: `+33 6 ${String(10 + i).padStart(2, '0')} 00 00 ${String(i).padStart(2, '0')}`,
      IsActive: 1,
      TimeZoneSidKey: 'Europe/Paris',
      LocaleSidKey: 'en_US',
      EmailEncodingKey: 'UTF-8',
      LanguageLocaleKey: 'en_US',
      UserType: 'Standard',
      ManagerId: ADMIN_USER_ID,
      EmployeeNumber: `T-${String(i + 1).padStart(4, '0')}`,
      ...stamps(ADMIN_USER_ID),
    });
  }
  // The dispatcher plans the technicians' days (stamped without the random source, so the rest of the
  // demo data stays exactly as it was before she joined).
  const dispatcherStamp = new Date(day0 - 200 * DAY).toISOString();
  inserter.insert('User', {
    Id: nextId('User'),
    Username: DEMO_DISPATCHER_USERNAME,
    FirstName: 'Diane',
    LastName: 'Moreau',
    Name: 'Diane Moreau',
    Email: DEMO_DISPATCHER_USERNAME,
    Alias: 'dmore',
    CommunityNickname: 'diane.moreau',
    Title: 'Dispatcher',
    Department: 'Field Service',
    City: 'Lyon',
    Country: 'France',
    IsActive: 1,
    TimeZoneSidKey: 'Europe/Paris',
    LocaleSidKey: 'en_US',
    EmailEncodingKey: 'UTF-8',
    LanguageLocaleKey: 'en_US',
    UserType: 'Standard',
    ManagerId: ADMIN_USER_ID,
    EmployeeNumber: 'D-0001',
    CreatedDate: dispatcherStamp,
    CreatedById: ADMIN_USER_ID,
    LastModifiedDate: dispatcherStamp,
    LastModifiedById: ADMIN_USER_ID,
    SystemModstamp: dispatcherStamp,
    IsDeleted: 0,
  });

  const products: { id: string; active: boolean }[] = [];
  for (let i = 0; i < productCount; i++) {
    const id = nextId('Product2');
    const active = i % 4 !== 3;
    const part = PARTS[i % PARTS.length]!;
    const family = i % 5 === 4 ? 'Services' : i % 5 === 3 ? 'Tools' : 'Parts';
    products.push({ id, active });
    inserter.insert('Product2', {
      Id: id,
      Name: `${part} ${String.fromCharCode(65 + (i % 26))}${Math.floor(i / 26) + 1}`,
      ProductCode: `P-${String(i + 1).padStart(5, '0')}`,
      Description: lorem(12),
      IsActive: active ? 1 : 0,
      Family: family,
      StockKeepingUnit: `SKU-${String(i + 1).padStart(6, '0')}`,
      QuantityUnitOfMeasure: family === 'Services' ? 'Hour' : 'Each',
      ...stamps(ADMIN_USER_ID),
    });
  }
  const activeProducts = products.filter((p) => p.active);

  for (let a = 0; a < accountCount; a++) {
    const accountId = nextId('Account');
    const city = pick(CITIES);
    const street = `${between(1, 240)} ${pick(STREETS)}`;
    const name = `${pick(COMPANY_WORDS)} ${pick(COMPANY_KINDS)} ${a + 1}`;
    const accountOwner = a === 0 ? technicians[0]! : pick(technicians);
    inserter.insert('Account', {
      Id: accountId,
      Name: name,
      Type: pick(['Customer - Direct', 'Customer - Direct', 'Customer - Channel', 'Prospect']),
      BillingStreet: street,
      BillingCity: city[0],
      BillingPostalCode: city[1],
      BillingCountry: city[2],
      ShippingStreet: street,
      ShippingCity: city[0],
      ShippingPostalCode: city[1],
      ShippingCountry: city[2],
      Phone: `+33 4 ${between(10, 99)} ${between(10, 99)} ${between(10, 99)} ${between(10, 99)}`,
      AccountNumber: `A-${String(a + 1).padStart(6, '0')}`,
      Website: `https://www.${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.example`,
      Industry: pick(['Manufacturing', 'Healthcare', 'Hospitality', 'Retail', 'Energy']),
      NumberOfEmployees: between(5, 2000),
      Description: lorem(20),
      OwnerId: accountOwner,
      ...stamps(ADMIN_USER_ID),
    });

    const contacts: string[] = [];
    for (let c = 0; c < 3; c++) {
      const id = nextId('Contact');
      contacts.push(id);
      const first = pick(FIRST_NAMES);
      const last = pick(LAST_NAMES);
      const hasEmail = rand() < 0.85;
      inserter.insert('Contact', {
        Id: id,
        AccountId: accountId,
        FirstName: first,
        LastName: last,
        Name: `${first} ${last}`,
        Salutation: pick(['Mr.', 'Ms.', 'Dr.']),
        Email: hasEmail ? `${first}.${last}.${a + 1}${c}@customer.example`.toLowerCase() : null,
        Phone: `+33 4 ${between(10, 99)} ${between(10, 99)} ${between(10, 99)} ${between(10, 99)}`,
        Title: pick(['Facility Manager', 'Maintenance Lead', 'Site Director', 'Buyer']),
        MailingStreet: street,
        MailingCity: city[0],
        MailingPostalCode: city[1],
        MailingCountry: city[2],
        OwnerId: accountOwner,
        ...stamps(ADMIN_USER_ID),
      });
    }

    const assets: string[] = [];
    for (let s = 0; s < 2; s++) {
      const id = nextId('Asset');
      assets.push(id);
      const product = pick(products);
      const installed = day0 - between(30, 2000) * DAY;
      inserter.insert('Asset', {
        Id: id,
        AccountId: accountId,
        ContactId: pick(contacts),
        Product2Id: product.id,
        Name: `${pick(EQUIPMENT)} ${between(100, 999)}`,
        SerialNumber: `SN-${String(a + 1).padStart(6, '0')}-${s + 1}`,
        InstallDate: dateOnly(installed),
        PurchaseDate: dateOnly(installed - 20 * DAY),
        Status: pick(['Installed', 'Installed', 'Registered', 'Obsolete']),
        Quantity: 1,
        Price: between(800, 40_000),
        Description: lorem(10),
        OwnerId: accountOwner,
        ...stamps(ADMIN_USER_ID),
      });
    }

    if (a % 2 === 0) {
      const id = nextId('Case');
      const status = pick(['New', 'Working', 'Escalated', 'Closed']);
      const caseStamps = stamps(ADMIN_USER_ID);
      inserter.insert('Case', {
        Id: id,
        CaseNumber: String(1000 + autoNumber('Case')).padStart(8, '0'),
        AccountId: accountId,
        ContactId: pick(contacts),
        AssetId: pick(assets),
        Subject: `${pick(EQUIPMENT)} ${pick(['not cooling', 'noisy', 'leaking', 'tripping the breaker'])}`,
        Description: lorem(25),
        Status: status,
        Priority: pick(['High', 'Medium', 'Low']),
        Origin: pick(['Phone', 'Email', 'Web']),
        Type: pick(['Mechanical', 'Electrical']),
        IsClosed: status === 'Closed' ? 1 : 0,
        ClosedDate: status === 'Closed' ? caseStamps.LastModifiedDate : null,
        OwnerId: ADMIN_USER_ID,
        ...caseStamps,
      });
    }

    for (let w = 0; w < 5; w++) {
      const id = nextId('WorkOrder');
      const owner =
        a === 0 || rand() < 0.25
          ? technicians[0]!
          : technicians[1 + Math.floor(rand() * (technicians.length - 1))]!;
      const startMs =
        day0 + between(-60, 27) * DAY + between(7, 16) * 3_600_000 + pick([0, 15, 30, 45]) * 60_000;
      const past = startMs < nowMs;
      const status = past ? pick(PAST_STATUSES) : rand() < 0.1 ? 'Closed' : pick(OPEN_STATUSES);
      const isClosed = ['Closed', 'Completed', 'Cannot Complete', 'Canceled'].includes(status) ? 1 : 0;
      const lineCount = between(1, 3);
      const woStamps = stamps(owner);
      const assetId = pick(assets);
      inserter.insert('WorkOrder', {
        Id: id,
        OwnerId: owner,
        WorkOrderNumber: String(autoNumber('WorkOrder')).padStart(8, '0'),
        AccountId: accountId,
        ContactId: pick(contacts),
        AssetId: assetId,
        Street: street,
        City: city[0],
        PostalCode: city[1],
        Country: city[2],
        Subject: `${pick(TASKS)}: ${pick(EQUIPMENT).toLowerCase()}`,
        Description: lorem(30),
        StartDate: iso(startMs),
        EndDate: iso(startMs + 2 * 3_600_000),
        Status: status,
        Priority: pick(['Low', 'Medium', 'Medium', 'High', 'Critical']),
        LineItemCount: lineCount,
        RootWorkOrderId: id,
        Duration: 2,
        DurationType: 'Hours',
        IsClosed: isClosed,
        ...woStamps,
      });
      for (let l = 0; l < lineCount; l++) {
        inserter.insert('WorkOrderLineItem', {
          Id: nextId('WorkOrderLineItem'),
          LineItemNumber: String(autoNumber('WorkOrderLineItem')).padStart(8, '0'),
          WorkOrderId: id,
          Product2Id: pick(activeProducts).id,
          AssetId: assetId,
          Subject: `${pick(PARTS)} ${pick(['check', 'replacement', 'adjustment'])}`,
          Description: lorem(15),
          Status: status,
          Quantity: between(1, 4),
          UnitPrice: between(5, 400),
          Duration: 30,
          DurationType: 'Minutes',
          IsClosed: isClosed,
          ...woStamps,
        });
      }
      inserter.insert('ServiceAppointment', {
        Id: nextId('ServiceAppointment'),
        OwnerId: owner,
        AppointmentNumber: `SA-${String(autoNumber('ServiceAppointment')).padStart(4, '0')}`,
        ParentRecordId: id,
        ParentRecordType: 'WorkOrder',
        AccountId: accountId,
        ContactId: pick(contacts),
        Street: street,
        City: city[0],
        PostalCode: city[1],
        Country: city[2],
        Subject: 'On-site visit',
        EarliestStartTime: iso(startMs - DAY),
        DueDate: iso(startMs + 2 * DAY),
        SchedStartTime: iso(startMs),
        SchedEndTime: iso(startMs + 2 * 3_600_000),
        Duration: 2,
        DurationType: 'Hours',
        Status: isClosed ? 'Completed' : past ? 'In Progress' : 'Scheduled',
        ...woStamps,
      });
    }
  }

  for (const [prefix, value] of Object.entries(counters)) setSequence(`id:${prefix}`, value);
  for (const [name, value] of Object.entries(numbers)) setSequence(`autonumber:${name}`, value);
  return { counts: { ...inserter.counts }, technicianIds: technicians };
}
