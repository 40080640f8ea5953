/**
 * The source tree's shape, read from the files themselves: which layers may import what, and concepts
 * that have exactly one definition. A failure lists the offending files.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

interface SourceFile {
  /** Repository-relative, with forward slashes: `src/org/preview.ts`. */
  readonly path: string;
  readonly text: string;
}

function sourceFiles(folder: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|js|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
        files.push({ path: relative(ROOT, full).split('\\').join('/'), text: readFileSync(full, 'utf8') });
    }
  };
  walk(join(ROOT, folder));
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}

const SRC = sourceFiles('src');

/** What a file imports: each `from '...'`, `import '...'` and `import('...')`, with the names it takes. */
interface Import {
  readonly specifier: string;
  /** Repository-relative for a relative specifier, else the specifier. */
  readonly resolved: string;
  /** What it takes: `{ a, b }`, `* as x`, `x` ('' for a side-effect or dynamic import). */
  readonly names: string;
  /** `import type ...` / `export type ...`: gone at run time. */
  readonly typeOnly: boolean;
  /** `import('...')`: loaded when that line runs, not with the file. */
  readonly dynamic: boolean;
}

function importsOf(file: SourceFile): Import[] {
  const found: Import[] = [];
  const patterns = [
    /\b(?:import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const [index, pattern] of patterns.entries()) {
    for (const match of file.text.matchAll(pattern)) {
      const specifier = index === 0 ? match[3]! : match[1]!;
      const names = index === 0 ? match[2]! : '';
      const resolved = specifier.startsWith('.')
        ? relative(ROOT, resolve(ROOT, dirname(file.path), specifier))
            .split('\\')
            .join('/')
        : specifier;
      found.push({
        specifier,
        resolved,
        names,
        typeOnly: index === 0 && match[1] !== undefined,
        dynamic: index === 2,
      });
    }
  }
  return found;
}

function under(...folders: string[]): SourceFile[] {
  return SRC.filter((f) => folders.some((folder) => f.path.startsWith(`${folder}/`)));
}

/** Files (of `files`) with an import `matches` accepts, each with what it imported. */
function importing(
  files: readonly SourceFile[],
  matches: (i: { resolved: string; names: string }) => boolean,
): string[] {
  return files.flatMap((f) =>
    importsOf(f)
      .filter(matches)
      .map((i) => `${f.path} imports ${i.specifier}`),
  );
}

/**
 * Import circles among `files` (value imports; `import type` is erased), each as `a -> b -> a` from its
 * first file in path order. Every file on a circle is named by at least one of them.
 */
function circlesAmong(files: readonly SourceFile[]): string[] {
  const paths = new Set(files.map((f) => f.path));
  const edges = new Map(
    files.map((f) => [
      f.path,
      importsOf(f)
        .filter((i) => !i.typeOnly && paths.has(i.resolved))
        .map((i) => i.resolved),
    ]),
  );
  const circles = new Set<string>();
  // Depth-first with the usual three states: reaching a file still on the stack closes a circle.
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (path: string): void => {
    state.set(path, 'open');
    stack.push(path);
    for (const next of edges.get(path) ?? []) {
      if (state.get(next) === 'open') {
        const circle = stack.slice(stack.indexOf(next));
        const start = circle.indexOf([...circle].sort()[0]!);
        const rotated = [...circle.slice(start), ...circle.slice(0, start)];
        circles.add([...rotated, rotated[0]].join(' -> '));
      } else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(path, 'done');
  };
  for (const f of files) if (!state.has(f.path)) visit(f.path);
  return [...circles].sort();
}

/** Files of src whose text matches `pattern`. */
function definedIn(pattern: RegExp): string[] {
  return SRC.filter((f) => pattern.test(f.text)).map((f) => f.path);
}

describe('layers', () => {
  it('no module under src/compiler, src/runtime or src/org imports an HTTP error type', () => {
    const offenders = importing(
      under('src/compiler', 'src/runtime', 'src/org'),
      (i) => /(^|\/)http-error(\.ts)?$/.test(i.resolved) || /\bHttpError\b/.test(i.names),
    );
    expect(offenders).toEqual([]);
  });

  it('no module under src/compiler, src/runtime or src/org names HttpError or badRequest (not even in a comment)', () => {
    const offenders = under('src/compiler', 'src/runtime', 'src/org')
      .filter((f) => /\bHttpError\b|\bbadRequest\(/.test(f.text))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('src/org stands below the server, the CLI and the UI: it imports none of them', () => {
    const offenders = importing(under('src/org'), (i) => /^src\/(server|cli|ui|app)\//.test(i.resolved));
    expect(offenders).toEqual([]);
  });

  it('no import circle inside src/cli, src/org or src/server', () => {
    expect(circlesAmong(under('src/cli', 'src/org', 'src/server'))).toEqual([]);
  });

  it('`syncscope --help` loads only the program definitions: what main.ts loads with it, files and packages', () => {
    // Each command's work (org, database, server code) is imported by its action when it runs.
    const byPath = new Map(SRC.map((f) => [f.path, f]));
    const loaded = new Set<string>();
    const packages = new Set<string>();
    const visit = (path: string): void => {
      if (loaded.has(path)) return;
      loaded.add(path);
      for (const i of importsOf(byPath.get(path)!)) {
        if (i.typeOnly || i.dynamic) continue;
        if (i.specifier.startsWith('.')) visit(i.resolved);
        else packages.add(i.specifier);
      }
    };
    visit('src/cli/main.ts');
    expect([...loaded].sort()).toEqual([
      'src/cli/cli-error.ts',
      'src/cli/cli-io.ts',
      'src/cli/definitions/app.ts',
      'src/cli/definitions/compile.ts',
      'src/cli/definitions/device.ts',
      'src/cli/definitions/org.ts',
      'src/cli/definitions/preview.ts',
      'src/cli/definitions/publish.ts',
      'src/cli/definitions/serve.ts',
      'src/cli/definitions/start.ts',
      'src/cli/definitions/validate.ts',
      'src/cli/device-flags.ts',
      'src/cli/example-scope.ts',
      'src/cli/main.ts',
      'src/cli/org-options.ts',
      'src/compiler/query-limits.ts',
      'src/org/errors.ts',
      'src/server/default-port.ts',
      'src/shared/redact.ts',
    ]);
    expect([...packages].sort()).toEqual(['commander', 'node:url']);
  });

  it('no CLI command imports src/cli/main.ts', () => {
    const offenders = importing(
      under('src/cli/commands', 'src/cli/definitions'),
      (i) => i.resolved === 'src/cli/main.ts',
    );
    expect(offenders).toEqual([]);
  });
});

describe('one definition each', () => {
  it('`export function redact`: src/shared/redact.ts', () => {
    expect(definedIn(/\bexport\s+function\s+redact\s*\(/)).toEqual(['src/shared/redact.ts']);
  });

  it('the org connector `connectOrg`: src/cli/connect-org.ts, the only file that opens a jsforce Connection', () => {
    expect(definedIn(/\bfunction\s+connectOrg\s*\(/)).toEqual(['src/cli/connect-org.ts']);
    expect(definedIn(/\bnew\s+Connection\s*\(/)).toEqual(['src/cli/connect-org.ts']);
  });

  it('the CLI `compileScopeFile` and diagnostic format: src/cli/scope-file.ts and src/cli/diagnostic-format.ts', () => {
    expect(definedIn(/\bfunction\s+compileScopeFile\s*\(/)).toEqual(['src/cli/scope-file.ts']);
    expect(definedIn(/\bfunction\s+formatDiagnostic\s*\(/)).toEqual(['src/cli/diagnostic-format.ts']);
  });

  it('the SOQL binder: one placeholder scanner (src/compiler/soql-placeholders.ts) and one escaper of strings (src/compiler/soql-literals.ts)', () => {
    expect(definedIn(/\bfunction\s+replacePlaceholders\s*\(/)).toEqual(['src/compiler/soql-placeholders.ts']);
    expect(definedIn(/\bfunction\s+soqlString\s*\(/)).toEqual(['src/compiler/soql-literals.ts']);
  });

  it('one Ids-per-query limit and one API-version default: src/compiler/query-limits.ts', () => {
    expect(definedIn(/\b(const|let)\s+MAX_IDS_PER_QUERY\s*=/)).toEqual(['src/compiler/query-limits.ts']);
    expect(definedIn(/\b(const|let)\s+DEFAULT_API_VERSION\s*=/)).toEqual(['src/compiler/query-limits.ts']);
  });

  it('the mappings of org-service failures: to HTTP in src/server/http-error.ts, to exit codes in src/cli/cli-error.ts', () => {
    expect(definedIn(/\bfunction\s+httpErrorOf\s*\(/)).toEqual(['src/server/http-error.ts']);
    expect(definedIn(/\bfunction\s+cliErrorOf\s*\(/)).toEqual(['src/cli/cli-error.ts']);
  });
});

describe('the checks themselves', () => {
  it('see imports of every form, resolved from the importing file', () => {
    const file: SourceFile = {
      path: 'src/org/example.ts',
      text: [
        "import { HttpError } from '../server/http-error.ts';",
        "import type { CliIo } from '../cli/cli-io.ts';",
        "export { x } from './x.ts';",
        "import './side-effect.ts';",
        "const lazy = await import('../emulator/index.ts');",
      ].join('\n'),
    };
    expect(importsOf(file).map((i) => [i.resolved, i.names])).toEqual([
      ['src/server/http-error.ts', '{ HttpError }'],
      ['src/cli/cli-io.ts', '{ CliIo }'],
      ['src/org/x.ts', '{ x }'],
      ['src/org/side-effect.ts', ''],
      ['src/emulator/index.ts', ''],
    ]);
  });

  it('find an import circle, and ignore one closed only by a type import', () => {
    const files: SourceFile[] = [
      { path: 'src/x/a.ts', text: "import { b } from './b.ts';" },
      { path: 'src/x/b.ts', text: "import { c } from './c.ts';" },
      { path: 'src/x/c.ts', text: "import { a } from './a.ts';\nimport type { D } from './d.ts';" },
      { path: 'src/x/d.ts', text: "import { c } from './c.ts';" },
    ];
    expect(circlesAmong(files)).toEqual(['src/x/a.ts -> src/x/b.ts -> src/x/c.ts -> src/x/a.ts']);
  });

  it('read the whole tree', () => {
    const folders = new Set(SRC.map((f) => f.path.split('/')[1]));
    for (const folder of ['cli', 'compiler', 'org', 'runtime', 'server', 'shared']) {
      expect(folders.has(folder), folder).toBe(true);
    }
    expect(under('src/org').map((f) => f.path)).toContain('src/org/errors.ts');
  });
});
