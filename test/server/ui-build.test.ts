import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, UI_BUILD_MODE, ensureUiBuilt } from '../../src/server/ui-build.ts';

// A tiny page in the repository (so Vite resolves from its node_modules), built like src/ui.
const root = join(REPO_ROOT, '.tmp', `ui-build-${process.pid}`);
const outDir = join(root, 'dist/ui');

function writePage(main: string): void {
  mkdirSync(join(root, 'src/ui'), { recursive: true });
  writeFileSync(join(root, 'vite.config.ts'), "export default { build: { target: 'es2022' } };\n");
  writeFileSync(
    join(root, 'src/ui/index.html'),
    '<!doctype html><title>t</title><script type="module" src="./main.ts"></script>\n',
  );
  writeFileSync(join(root, 'src/ui/main.ts'), main);
}

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('building the page when missing or stale', () => {
  it('builds once, reuses the build, and rebuilds when a source of the bundle changes', async () => {
    expect(await ensureUiBuilt({ root, outDir })).toBeNull();
    writePage("import { greet } from './greet.ts';\ndocument.title = greet();\n");
    writeFileSync(join(root, 'src/ui/greet.ts'), "export const greet = (): string => 'hello';\n");
    expect(await ensureUiBuilt({ root, outDir })).toEqual({ dir: outDir, built: true });
    expect(await ensureUiBuilt({ root, outDir })).toEqual({ dir: outDir, built: false });
    // A file outside the bundle does not matter; one inside it does.
    writeFileSync(join(root, 'src/unrelated.ts'), 'export const x = 1;\n');
    expect(await ensureUiBuilt({ root, outDir })).toEqual({ dir: outDir, built: false });
    writeFileSync(join(root, 'src/ui/greet.ts'), "export const greet = (): string => 'bonjour';\n");
    expect(await ensureUiBuilt({ root, outDir })).toEqual({ dir: outDir, built: true });
  }, 60_000);

  it('rebuilds when a file of a worker source folder changes, which the page output does not list', async () => {
    const options = { root, outDir, workerSources: ['src/worker-layer'] };
    mkdirSync(join(root, 'src/worker-layer'), { recursive: true });
    writeFileSync(join(root, 'src/worker-layer/engine.ts'), 'export const step = 1;\n');
    expect(await ensureUiBuilt(options)).toEqual({ dir: outDir, built: true });
    expect(await ensureUiBuilt(options)).toEqual({ dir: outDir, built: false });
    writeFileSync(join(root, 'src/worker-layer/engine.ts'), 'export const step = 2;\n');
    expect(await ensureUiBuilt(options)).toEqual({ dir: outDir, built: true });
    writeFileSync(join(root, 'src/worker-layer/added.ts'), 'export const more = 1;\n');
    expect(await ensureUiBuilt(options)).toEqual({ dir: outDir, built: true });
    expect(await ensureUiBuilt(options)).toEqual({ dir: outDir, built: false });
  }, 60_000);

  it('fails with the bundler error and keeps the last good build', async () => {
    writeFileSync(join(root, 'src/ui/greet.ts'), 'export const greet = ( => ;\n');
    await expect(ensureUiBuilt({ root, outDir })).rejects.toThrow();
    expect(readdirSync(join(root, 'dist'))).toEqual(['ui']);
    writeFileSync(join(root, 'src/ui/greet.ts'), "export const greet = (): string => 'bonjour';\n");
    expect(await ensureUiBuilt({ root, outDir })).toEqual({ dir: outDir, built: false });
  }, 60_000);

  it('builds for production even under vitest, and rebuilds a build stamped without that mode', async () => {
    expect(process.env.NODE_ENV).toBe('test');
    // Lit picks its development build by export condition; the page reads NODE_ENV through Vite's define.
    writePage(
      "import { LitElement } from 'lit';\ncustomElements.define('x-page', class extends LitElement {});\n" +
        'document.title = `mode=${process.env.NODE_ENV}`;\n',
    );
    expect(await ensureUiBuilt({ root, outDir })).toEqual({ dir: outDir, built: true });
    expect(process.env.NODE_ENV).toBe('test');
    const bundle = bundleText();
    expect(bundle.match(/mode=\w+/g)).toEqual(['mode=production']);
    expect(bundle.includes('Lit is in dev mode'), "the bundle has Lit's development build").toBe(false);
    const stamp = JSON.parse(readFileSync(join(outDir, '.syncscope-build.json'), 'utf8')) as {
      mode: string;
      hash: string;
      inputs: string[];
    };
    expect(stamp.mode).toBe(UI_BUILD_MODE);
    expect(await ensureUiBuilt({ root, outDir })).toEqual({ dir: outDir, built: false });

    // A stamp from before the mode was recorded (which may be a development build) is not trusted.
    writeFileSync(
      join(outDir, '.syncscope-build.json'),
      JSON.stringify({ hash: stamp.hash, inputs: stamp.inputs }),
    );
    expect(await ensureUiBuilt({ root, outDir })).toEqual({ dir: outDir, built: true });
    writeFileSync(join(outDir, '.syncscope-build.json'), JSON.stringify({ ...stamp, mode: 'development' }));
    expect(await ensureUiBuilt({ root, outDir })).toEqual({ dir: outDir, built: true });
    expect(await ensureUiBuilt({ root, outDir })).toEqual({ dir: outDir, built: false });
  }, 60_000);

  it('serves a stamped build as it is when the page sources are absent (an installed package)', async () => {
    // npm run build:pages ships dist/ui without src/ui or Vite: nothing to compare the stamp with.
    const packaged = join(root, 'installed');
    const shipped = join(packaged, 'dist/ui');
    expect(await ensureUiBuilt({ root: packaged, outDir: shipped })).toBeNull();
    mkdirSync(shipped, { recursive: true });
    writeFileSync(join(shipped, 'index.html'), '<!doctype html><title>t</title>\n');
    expect(await ensureUiBuilt({ root: packaged, outDir: shipped })).toBeNull();
    writeFileSync(
      join(shipped, '.syncscope-build.json'),
      JSON.stringify({ mode: UI_BUILD_MODE, hash: 'built-by-npm-pack', inputs: ['src/ui/index.html'] }),
    );
    expect(await ensureUiBuilt({ root: packaged, outDir: shipped })).toEqual({ dir: shipped, built: false });
  });
});

/** All JavaScript of the built page. */
function bundleText(): string {
  return readdirSync(join(outDir, 'assets'))
    .filter((file) => file.endsWith('.js'))
    .map((file) => readFileSync(join(outDir, 'assets', file), 'utf8'))
    .join('\n');
}
