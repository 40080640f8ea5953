import { expect } from '@open-wc/testing';
import { controlPointerFor, itemIndexBelow, objectOfPointer } from '../../src/ui/state/control-pointer.ts';
import { fromPointer, toPointer, valueAt } from '../../src/ui/state/json-pointer.ts';
import { pathPointer, pathsOf, setPaths, toggleField } from '../../src/ui/state/scope-edits.ts';
import { scopeTree } from '../../src/ui/state/scope-tree.ts';
import { formatSoql } from '../../src/ui/state/soql-format.ts';
import { rangeOf, splitByRanges } from '../../src/ui/components/where-editor/text-range.ts';
import { parseJson, placeOfPointer } from '../../src/ui/components/json-view/json-locations.ts';

describe('JSON Pointers', () => {
  it('escape and unescape ~ and /', () => {
    expect(toPointer(['objects', 'a/b', 'c~d'])).to.equal('/objects/a~1b/c~0d');
    expect(fromPointer('/objects/a~1b/c~0d')).to.deep.equal(['objects', 'a/b', 'c~d']);
    expect(fromPointer('')).to.deep.equal([]);
    expect(valueAt({ objects: { A: { fields: ['x', 'y'] } } }, '/objects/A/fields/1')).to.equal('y');
    expect(valueAt({}, '/objects/A')).to.equal(undefined);
  });
});

describe('controlPointerFor: which control shows a diagnostic', () => {
  const cases: [string, string][] = [
    ['/objects/WorkOrder/where', '/objects/WorkOrder/where'],
    ['/objects/WorkOrder/fields/3', '/objects/WorkOrder/fields'],
    ['/objects/WorkOrder/fields', '/objects/WorkOrder/fields'],
    ['/objects/Contact/childOf', '/objects/Contact/childOf'],
    ['/objects/Contact/childOf/field', '/objects/Contact/childOf/field'],
    ['/objects/Contact/referencedBy/0', '/objects/Contact/referencedBy/0'],
    ['/objects/Contact/referencedBy/0/object', '/objects/Contact/referencedBy/0/object'],
    ['/objects/Contact/referencedBy/0/extra', '/objects/Contact/referencedBy/0'],
    ['/objects/Contact/bogus', '/objects/Contact'],
    ['/objects/Contact', '/objects/Contact'],
    ['/objects', '/objects'],
    ['/name', '/name'],
    ['/syncEveryMinutes', '/syncEveryMinutes'],
    ['/parameters/region', '/parameters/region'],
    ['/scopeVersion', ''],
    ['/description', ''],
    ['', ''],
  ];
  for (const [path, control] of cases) {
    it(`${path || "''"} -> ${control || "''"}`, () => expect(controlPointerFor(path)).to.equal(control));
  }
  it('knows the object and the item index', () => {
    expect(objectOfPointer('/objects/A~1B/where')).to.equal('A/B');
    expect(objectOfPointer('/name')).to.equal(undefined);
    expect(itemIndexBelow('/objects/A/fields/3', '/objects/A/fields')).to.equal(3);
    expect(itemIndexBelow('/objects/A/fields', '/objects/A/fields')).to.equal(undefined);
  });
});

describe('scope edits', () => {
  it('write one path as an object, more as an array, and keep arrays arrays', () => {
    const one = setPaths({ objects: { C: { fields: [] } } }, 'C', 'childOf', [
      { object: 'A', field: 'AccountId' },
    ]);
    expect(one.objects['C']?.childOf).to.deep.equal({ object: 'A', field: 'AccountId' });
    expect(pathPointer('C', one.objects['C'], 'childOf', 0)).to.equal('/objects/C/childOf');
    const two = setPaths(one, 'C', 'childOf', [
      ...pathsOf(one.objects['C'], 'childOf'),
      { object: 'B', field: 'BId' },
    ]);
    expect(two.objects['C']?.childOf).to.deep.equal([
      { object: 'A', field: 'AccountId' },
      { object: 'B', field: 'BId' },
    ]);
    expect(pathPointer('C', two.objects['C'], 'childOf', 1)).to.equal('/objects/C/childOf/1');
    const back = setPaths(two, 'C', 'childOf', [{ object: 'A', field: 'AccountId' }]);
    expect(back.objects['C']?.childOf).to.deep.equal([{ object: 'A', field: 'AccountId' }]);
    expect(setPaths(back, 'C', 'childOf', []).objects['C']).to.deep.equal({ fields: [] });
  });
  it('toggle fields keeping order, and leave the input untouched', () => {
    const scope = { objects: { A: { fields: ['Name', 'Phone'] } } };
    expect(toggleField(scope, 'A', 'Email', true).objects['A']?.fields).to.deep.equal([
      'Name',
      'Phone',
      'Email',
    ]);
    expect(toggleField(scope, 'A', 'Name', false).objects['A']?.fields).to.deep.equal(['Phone']);
    expect(scope.objects.A.fields).to.deep.equal(['Name', 'Phone']);
  });
});

describe('scopeTree', () => {
  it('lists roots, then objects under every parent they hang from', () => {
    const tree = scopeTree({
      objects: {
        WorkOrder: { fields: [] },
        WorkOrderLineItem: { fields: [], childOf: { object: 'WorkOrder', field: 'WorkOrderId' } },
        Account: { fields: [], referencedBy: [{ object: 'WorkOrder', field: 'AccountId' }] },
        Contact: {
          fields: [],
          childOf: { object: 'Account', field: 'AccountId' },
          referencedBy: [{ object: 'WorkOrder', field: 'ContactId' }],
        },
        Product2: { fields: [] },
        Orphan: { fields: [], childOf: { object: 'Missing', field: 'MissingId' } },
      },
    });
    const flat = (nodes: ReturnType<typeof scopeTree>, depth = 0): string[] =>
      nodes.flatMap((n) => [
        `${'  '.repeat(depth)}${n.name}${n.via ? ` (${n.via.kind} ${n.via.field})` : ''}${n.unattached ? ' unattached' : ''}`,
        ...flat(n.children as never, depth + 1),
      ]);
    expect(flat(tree)).to.deep.equal([
      'WorkOrder',
      '  WorkOrderLineItem (childOf WorkOrderId)',
      '  Account (referencedBy AccountId)',
      '    Contact (childOf AccountId)',
      '  Contact (referencedBy ContactId)',
      'Product2',
      'Orphan unattached',
    ]);
  });
});

describe('formatSoql', () => {
  it('puts clauses and top-level conditions on their own lines, never splitting literals', () => {
    expect(
      formatSoql(
        "SELECT Id, Name FROM WorkOrder WHERE (OwnerId = :userId AND Status != 'Closed AND Open') AND LastModifiedDate > :watermark ORDER BY LastModifiedDate, Id LIMIT 500",
      ),
    ).to.equal(
      [
        'SELECT Id, Name',
        'FROM WorkOrder',
        'WHERE (OwnerId = :userId',
        "    AND Status != 'Closed AND Open')",
        '  AND LastModifiedDate > :watermark',
        'ORDER BY LastModifiedDate, Id',
        'LIMIT 500',
      ].join('\n'),
    );
  });
  it('keeps semi-joins and IN lists whole', () => {
    expect(
      formatSoql(
        'SELECT Id FROM Contact WHERE AccountId IN (SELECT AccountId FROM WorkOrder WHERE OwnerId = :userId)',
      ),
    ).to.equal(
      [
        'SELECT Id',
        'FROM Contact',
        'WHERE AccountId IN (SELECT AccountId FROM WorkOrder WHERE OwnerId = :userId)',
      ].join('\n'),
    );
  });
});

describe('text ranges', () => {
  it('reads {start,end} offsets, clamps, and widens empty ranges to one character', () => {
    expect(rangeOf({ start: 2, end: 5 }, 'abcdefg')).to.deep.equal({ start: 2, end: 5 });
    expect(rangeOf({ start: 7, end: 7 }, 'abcdefg')).to.deep.equal({ start: 6, end: 7 });
    expect(rangeOf({ start: 3, end: 3 }, 'abcdefg')).to.deep.equal({ start: 3, end: 4 });
    expect(rangeOf({ start: 11, end: 11 }, 'IsActive = ')).to.deep.equal({ start: 9, end: 10 });
    expect(rangeOf(undefined, 'abc')).to.equal(undefined);
    expect(
      splitByRanges('abcdefg', [
        { start: 1, end: 3 },
        { start: 2, end: 4 },
      ]),
    ).to.deep.equal([
      { text: 'a', marked: false },
      { text: 'bcd', marked: true },
      { text: 'efg', marked: false },
    ]);
  });
});

describe('JSON locations', () => {
  it('locate syntax errors by line and column', () => {
    const parsed = parseJson('{\n  "a": 1,\n  "b" 2\n}');
    expect(parsed.value).to.equal(undefined);
    expect(parsed.problems.map((p) => `${p.line}:${p.column} ${p.message}`)).to.deep.equal([
      '3:7 a colon is expected',
    ]);
  });
  it('refuse duplicate keys, which JSON.parse would drop silently', () => {
    const parsed = parseJson(
      '{\n  "objects": {\n    "Contact": {},\n    "Contact": { "fields": [] }\n  }\n}',
    );
    expect(parsed.value).to.equal(undefined);
    expect(parsed.problems.map((p) => `${p.line}:${p.column} ${p.message}`)).to.deep.equal([
      '4:5 "Contact" appears twice in the same object; JSON keeps only one of them, so merge or rename them',
    ]);
  });
  it('locate a pointer, or its nearest existing ancestor', () => {
    const text = '{\n  "objects": {\n    "A": { "fields": ["x", "y"] }\n  }\n}';
    const parsed = parseJson(text);
    const place = placeOfPointer(text, parsed.tree, '/objects/A/fields/1')!;
    expect(text.slice(place.offset, place.offset + place.length)).to.equal('"y"');
    expect([place.line, place.column]).to.deep.equal([3, 28]);
    const missing = placeOfPointer(text, parsed.tree, '/objects/A/where')!;
    expect(text.slice(missing.offset, missing.offset + missing.length)).to.equal(
      '"A": { "fields": ["x", "y"] }',
    );
  });
});
