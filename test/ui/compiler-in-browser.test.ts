import { expect } from '@open-wc/testing';
import { compile } from '../../src/compiler/index.ts';
import scope from '../../examples/field-technician.scope.json' with { type: 'json' };

// The config tool compiles on every keystroke in the page: the compiler (Ajv, soql-parser-js, sha256) must
// load and give the same plan in a real browser as in Node.
describe('compiler in the browser', () => {
  it('compiles the example scope', () => {
    const result = compile(scope);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).to.deep.equal([]);
    expect(result.plan?.objects.map((o) => o.name)).to.deep.equal([
      'Product2',
      'WorkOrder',
      'Account',
      'Asset',
      'Contact',
      'WorkOrderLineItem',
    ]);
    expect(result.plan?.objects[0]?.queries.full[0]?.soql).to.equal(
      'SELECT Id, LastModifiedDate, Name, ProductCode, Family, IsActive FROM Product2 WHERE IsActive = TRUE',
    );
    expect(result.plan?.scopeHash).to.match(/^[0-9a-f]{64}$/);
  });

  it('reports a SOQL syntax error at its position', () => {
    const broken = structuredClone(scope) as { objects: { Product2: { where: string } } };
    broken.objects.Product2.where = 'IsActive = = true';
    const result = compile(broken);
    expect(result.plan).to.equal(undefined);
    expect(
      result.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.path, d.code, d.position]),
    ).to.deep.equal([['/objects/Product2/where', 'SOQL_SYNTAX', { start: 11, end: 12 }]]);
  });
});
