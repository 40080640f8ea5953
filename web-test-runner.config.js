import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { fromRollup } from '@web/dev-server-rollup';
import { build } from 'esbuild';
import rollupJson from '@rollup/plugin-json';
import { existsSync } from 'node:fs';
import { syncscopeApiProxy } from './test/ui/support/api-proxy.js';

/**
 * Serves CommonJS packages (Ajv, which the compiler uses in the config tool's page) as one ESM bundle each,
 * as Vite does for the app. The bundle's default export is the package's module.exports.
 */
function bundleCommonJs(entries) {
  const cache = new Map();
  return {
    name: 'bundle-commonjs',
    async serve(context) {
      const entry = entries.find((e) => context.path.endsWith(`/node_modules/${e}`));
      if (!entry) return undefined;
      if (!cache.has(entry)) {
        const result = await build({
          entryPoints: [entry],
          bundle: true,
          format: 'esm',
          write: false,
          logLevel: 'silent',
        });
        cache.set(entry, result.outputFiles[0].text);
      }
      return { body: cache.get(entry), type: 'js' };
    },
  };
}

const executablePath =
  process.env.CHROME_PATH ??
  ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(existsSync);
if (!executablePath) {
  throw new Error('No Chromium found: install it (apt-get install -y chromium) or set CHROME_PATH.');
}

// /api/* of the test page -> a real config server over the embedded org (started on first use).
const apiProxy = syncscopeApiProxy();

export default {
  files: ['test/ui/**/*.test.ts'],
  middleware: [apiProxy.middleware],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  // Serve JSON as JavaScript so the json plugin below can turn it into a module.
  mimeTypes: { '**/*.json': 'js' },
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' }),
    // JSON files as modules: the compiler imports its schemas (`with { type: 'json' }`, which esbuild strips
    // for es2022), and Ajv requires its own.
    fromRollup(rollupJson)(),
    bundleCommonJs(['ajv/dist/2020.js']),
    apiProxy.plugin,
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    }),
  ],
  // Generous: CI machines have 2 cores shared with the other suites; a passing test takes what it takes.
  testFramework: { config: { timeout: 30000 } },
  testsFinishTimeout: 120000,
};
