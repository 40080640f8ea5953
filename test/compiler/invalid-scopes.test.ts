import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile, DIAGNOSTIC_CODES } from '../../src/compiler/index.ts';
import type { Diagnostic } from '../../src/compiler/index.ts';
import { fixtureMetadata } from './fixture-metadata.ts';

interface ExpectedDiagnostic {
  code: string;
  path: string;
  position?: { start: number; end: number };
}

interface InvalidCase {
  description: string;
  scope: unknown;
  describe?: boolean;
  expected: ExpectedDiagnostic[];
}

const cases = JSON.parse(
  readFileSync(new URL('../fixtures/compiler/invalid-scopes.json', import.meta.url), 'utf8'),
) as InvalidCase[];
const metadata = fixtureMetadata();

const key = (d: ExpectedDiagnostic) =>
  `${d.path}\u0000${String(d.position?.start ?? -1).padStart(6, '0')}\u0000${d.code}`;
const sorted = (list: ExpectedDiagnostic[]) => [...list].sort((a, b) => (key(a) < key(b) ? -1 : 1));

/** Errors and warnings as {code, path, position?}; notes (info) are not part of these cases. */
function reported(diagnostics: readonly Diagnostic[]): ExpectedDiagnostic[] {
  return diagnostics
    .filter((d) => d.severity !== 'info')
    .map((d) =>
      d.position ? { code: d.code, path: d.path, position: d.position } : { code: d.code, path: d.path },
    );
}

describe('invalid scopes (test/fixtures/compiler/invalid-scopes.json)', () => {
  it('has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases.map((c) => [c.description, c] as const))('%s', (_, c) => {
    const result = compile(c.scope, c.describe ? { metadata } : {});
    expect(sorted(reported(result.diagnostics))).toEqual(sorted(c.expected));
    expect(result.plan).toBeUndefined();
    for (const d of result.diagnostics) {
      expect(d.severity).toBe(DIAGNOSTIC_CODES[d.code as keyof typeof DIAGNOSTIC_CODES]);
      expect(d.message.length).toBeGreaterThan(10);
    }
  });
});
