/* global self */
// Imported by the Workbox service worker (vite-plugin-pwa importScripts). Periodic Background Sync
// (Chromium, installed app) wakes the service worker; the device (SQLite on OPFS) lives in a page's
// worker, so the service worker asks an open window to sync and does nothing when none is open.
self.addEventListener('periodicsync', (event) => {
  if (event.tag !== 'syncscope-delta-sync') return;
  event.waitUntil(
    self.clients.matchAll({ type: 'window' }).then((windows) => {
      for (const client of windows) client.postMessage({ type: 'syncscope-periodic-sync' });
    }),
  );
});
