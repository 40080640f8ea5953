/**
 * The field app's page: reads app-config.json (which org, which connected app, which scope), creates the
 * device (SyncEngine in a worker over SQLite on OPFS where the browser allows) and starts the shell.
 * The service worker (vite-plugin-pwa / Workbox) precaches the app shell so the app opens offline.
 */
import { registerSW } from 'virtual:pwa-register';
import { AppConfigError, loadAppConfig } from './app-config.ts';
import { createDevice } from './device/create-device.ts';
import './shell/field-app.ts';

async function start(): Promise<void> {
  const app = document.querySelector('ss-field-app');
  if (!app) return;
  // Precache the shell; a new version takes over once every tab of this one is closed (never mid-sync).
  registerSW({ immediate: true });
  // Ask the browser not to evict the records under storage pressure (Safari evicts after 7 days otherwise).
  void navigator.storage?.persist?.().catch(() => false);
  try {
    const config = await loadAppConfig();
    app.config = config;
    app.device = createDevice({ scopeName: config.scopeName });
  } catch (error) {
    app.startProblem =
      error instanceof AppConfigError
        ? error.message
        : `app-config.json could not be read: ${error instanceof Error ? error.message : String(error)}`;
  }
  await app.start();
}

void start();
