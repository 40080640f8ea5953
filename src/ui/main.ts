/**
 * The config tool page: the Lightning Design System stylesheet (its styling hooks reach every shadow
 * root), the compiler running in the browser, and the app connected to the local server's API.
 */
import '@salesforce-ux/design-system/assets/styles/salesforce-lightning-design-system.min.css';
import type { SyncScope } from '../compiler/scope.ts';
import { ApiClient } from './api-client.ts';
import './components/app/app.ts';
import { NoticeEvent } from './events/events.ts';
import { emptyScope } from './state/scope-edits.ts';
import { ScopeStore } from './state/scope-store.ts';
import { pageCompiler, startCompileWorker } from './state/worker-compiler.ts';

async function start(): Promise<void> {
  const app = document.querySelector('ss-app');
  if (!app) return;
  const api = new ApiClient();
  // The compiler runs in a worker so typing never waits for it (in the page where the worker cannot run).
  const store = new ScopeStore({ async: pageCompiler(startCompileWorker()) }, emptyScope());
  app.api = api;
  app.store = store;
  try {
    const { scope } = await api.loadScope();
    if (scope) store.setScope(scope as SyncScope, 'load');
  } catch (error) {
    app.dispatchEvent(new NoticeEvent(`Started empty: ${(error as Error).message}`, 'error'));
  }
  await app.connect();
}

void start();
