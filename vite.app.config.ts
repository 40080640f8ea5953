import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * The field app's build (src/app -> dist/app): static files any host can serve, plus a Workbox service
 * worker that precaches the app shell (HTML, JS, CSS, the SQLite wasm, icons) so the app opens with the
 * network off. Which org it signs in to comes from app-config.json at runtime (network first, cached),
 * so one build serves every org. Standard decorators need es2022 lowering by esbuild.
 */
export default defineConfig({
  root: 'src/app',
  base: './',
  esbuild: { target: 'es2022' },
  // The device worker imports the SQLite wasm module; both are ES modules.
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['@sqlite.org/sqlite-wasm'] },
  build: { target: 'es2022', outDir: '../../dist/app', emptyOutDir: true },
  plugins: [
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      strategies: 'generateSW',
      includeAssets: ['icon.svg', 'icon-192.png', 'icon-512.png'],
      manifest: {
        name: 'syncscope Field',
        short_name: 'Field',
        description: 'Your Salesforce work orders, accounts and assets on this device, online or offline.',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#f3f3f3',
        theme_color: '#014486',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,wasm,svg,png,webmanifest}'],
        // The SQLite wasm is about 0.9 MB; allow room.
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        navigateFallback: 'index.html',
        // OAuth redirects come back to index.html?code=...: served from the precache like any start.
        runtimeCaching: [
          {
            urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.endsWith('/app-config.json'),
            handler: 'NetworkFirst',
            options: { cacheName: 'syncscope-app-config', networkTimeoutSeconds: 3 },
          },
        ],
        importScripts: ['periodic-sync.js'],
        // A new version waits until every tab of the old one closes: never swapped under a running sync.
        cleanupOutdatedCaches: true,
      },
    }),
  ],
});
