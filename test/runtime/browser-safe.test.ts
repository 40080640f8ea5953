/**
 * The runtime also runs in a browser page: nothing reachable from src/runtime/index.ts may import a Node
 * built-in or better-sqlite3 (only store/sqlite-store.ts may, and index.ts does not export it).
 */

import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

/** Every module reachable from `entry`, and every bare or node: import among them. */
function reachable(entry: string): { files: string[]; external: string[] } {
  const files = new Set<string>();
  const external = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const spec of importsOf(file)) {
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec));
      else external.add(spec);
    }
  };
  visit(entry);
  return { files: [...files].map((f) => relative(root, f)).sort(), external: [...external].sort() };
}

describe('browser safety', () => {
  it('src/runtime/index.ts reaches no Node built-in and no better-sqlite3', () => {
    const { files, external } = reachable(join(root, 'src/runtime/index.ts'));
    expect(files).not.toContain('src/runtime/store/sqlite-store.ts');
    expect(external).toEqual([]);
  });

  it('only the SQLite store imports better-sqlite3', () => {
    const { external } = reachable(join(root, 'src/runtime/store/sqlite-store.ts'));
    expect(external).toEqual(['better-sqlite3']);
  });
});
