import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { fromRollup } from '@web/dev-server-rollup';
import rollupJson from '@rollup/plugin-json';
import { existsSync } from 'node:fs';
import { syncscopeApiProxy } from './test/ui/support/api-proxy.js';
import { closedPortPlugin } from './test/ui/support/closed-port.js';
import { deviceOrgMiddleware } from './test/app-device/support/device-org-middleware.js';

const executablePath =
  process.env.CHROME_PATH ??
  ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(existsSync);
if (!executablePath) {
  throw new Error('No Chromium found: install it (apt-get install -y chromium) or set CHROME_PATH.');
}

// /api/* of the test page -> a real config server over the embedded org (started on first use).
const apiProxy = syncscopeApiProxy();
// /__device-org/* -> embedded orgs the device tests sync with directly (test/app-device/).
const deviceOrg = deviceOrgMiddleware();

export default {
  // test/app-device: its browser tests are *.browser.ts (its *.test.ts files are Node tests, run by vitest).
  files: ['test/ui/**/*.test.ts', 'test/app-records/*.test.ts', 'test/app-device/**/*.browser.ts'],
  middleware: [apiProxy.middleware, deviceOrg.middleware],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  // Serve JSON as JavaScript so the json plugin below can turn it into a module.
  mimeTypes: { '**/*.json': 'js' },
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' }),
    // JSON files as modules: tests import example scopes (`with { type: 'json' }`, which esbuild strips for
    // es2022). The compiler itself needs no Ajv here: its validators are precompiled (src/compiler/generated).
    fromRollup(rollupJson)(),
    apiProxy.plugin,
    // executeServerCommand('closed-port'): a port that refuses connections (offline tests).
    closedPortPlugin(),
    deviceOrg.plugin,
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
