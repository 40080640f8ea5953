import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // test/sf-cli/tool holds the sf CLI's own node_modules (installed by .ci/run).
    exclude: ['test/ui/**', 'test/app-records/**', 'node_modules/**', 'test/sf-cli/tool/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // @salesforce/core writes under $HOME; every test run gets its own HOME (see test/setup-home.ts).
    setupFiles: ['test/setup-home.ts'],
  },
});
