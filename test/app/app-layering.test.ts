/**
 * The field app stands on the device layer's ground only: src/app imports src/compiler and src/runtime,
 * never the config tool (src/ui), the server, the CLI or the emulator. The config tool may import the
 * app's device layer and presentational pieces (its device simulator runs the app's device), so an import
 * back from src/app into src/ui would make a circle; this test keeps it out.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const APP = join(ROOT, 'src/app');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|js)$/.test(entry.name) ? [path] : [];
  });
}

/** Relative specifiers of static imports, re-exports, dynamic imports and `new URL(..., import.meta.url)`. */
function relativeImports(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/(?:from|import|import\(|new URL\()\s*'(\.{1,2}\/[^']+)'/g)) {
    found.push(match[1]!);
  }
  return found;
}

describe('src/app layering', () => {
  it('imports only src/app, src/compiler and src/runtime among the repository folders', () => {
    const outside: string[] = [];
    for (const file of sourceFiles(APP)) {
      for (const specifier of relativeImports(readFileSync(file, 'utf8'))) {
        const target = relative(ROOT, resolve(dirname(file), specifier));
        if (!/^src\/(app|compiler|runtime)\//.test(target)) {
          outside.push(`${relative(ROOT, file)} -> ${target}`);
        }
      }
    }
    expect(outside).toEqual([]);
  });
});
