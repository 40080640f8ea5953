import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { compile } from '../../../src/compiler/compile.ts';
import { withSampleLiterals } from '../../../src/compiler/query-templates.ts';
import { standardMetadata } from '../../../src/emulator/metadata/standard-objects.ts';
import { SoqlEngine } from '../../../src/emulator/sql/soql-engine.ts';
import { createTables } from '../../../src/emulator/sql/table-layout.ts';
import { NOW } from './soql-test-org.ts';

/** Every SOQL template the compiler emits for the example scope runs on the embedded org's engine. */
describe('SOQL engine: the compiled example plan', () => {
  const metadata = standardMetadata();
  const db = new Database(':memory:');
  createTables(db, metadata);
  const engine = new SoqlEngine(db, metadata);
  afterAll(() => db.close());

  it('accepts every full, delta, ids and path template with the runtime binds filled in', () => {
    const scope = JSON.parse(readFileSync('examples/field-technician.scope.json', 'utf8')) as unknown;
    const { plan, diagnostics } = compile(scope, { metadata });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const statements = (plan?.objects ?? []).flatMap((object) =>
      [
        ...object.queries.full,
        ...object.queries.delta,
        ...object.queries.ids,
        ...(object.queries.byIds ? [object.queries.byIds] : []),
        ...object.paths.flatMap((p) =>
          p.kind === 'childOf' ? [p.byParentIds] : p.kind === 'referencedBy' ? [p.byIds] : [],
        ),
      ].map((template) => withSampleLiterals(template.soql, new Map(), 3)),
    );
    expect(statements.length).toBeGreaterThan(20);
    const failures = statements.flatMap((soql) => {
      try {
        engine.open(soql, { scanAll: false, now: NOW, userId: '005000000000000AAA' });
        return [];
      } catch (error) {
        return [`${soql}: ${(error as Error).message}`];
      }
    });
    expect(failures).toEqual([]);
  });
});
