/**
 * The app's places as URL hashes, so the back button, reloads and links work offline (the service
 * worker serves one index.html; the hash never reaches a server):
 *   #/                          home: the plan's record lists
 *   #/records/WorkOrder         a list
 *   #/records/WorkOrder/0WO...  a record (…/edit: its form; #/records/WorkOrder/new: a new one)
 *   #/settings                  Settings
 *   #/settings/synchronise      Settings > Synchronise (…/pending, …/schedule, …/history: a tab)
 */

export type SynchroniseTab = 'pending' | 'schedule' | 'history';

export type Route =
  | { readonly place: 'home' }
  | { readonly place: 'list'; readonly object: string }
  | { readonly place: 'record'; readonly object: string; readonly id: string; readonly edit: boolean }
  | { readonly place: 'create'; readonly object: string }
  | { readonly place: 'settings' }
  | { readonly place: 'synchronise'; readonly tab: SynchroniseTab };

const TABS: readonly SynchroniseTab[] = ['pending', 'schedule', 'history'];

export function parseRoute(hash: string): Route {
  const parts = hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter((p) => p !== '')
    .map((p) => decodeURIComponent(p));
  const [first, second, third, fourth] = parts;
  if (first === 'records' && second) {
    if (third === 'new') return { place: 'create', object: second };
    if (third) return { place: 'record', object: second, id: third, edit: fourth === 'edit' };
    return { place: 'list', object: second };
  }
  if (first === 'settings') {
    if (second === 'synchronise') {
      const tab = TABS.find((t) => t === third) ?? 'pending';
      return { place: 'synchronise', tab };
    }
    return { place: 'settings' };
  }
  return { place: 'home' };
}

export function routeHash(route: Route): string {
  switch (route.place) {
    case 'home':
      return '#/';
    case 'list':
      return `#/records/${encodeURIComponent(route.object)}`;
    case 'record':
      return `#/records/${encodeURIComponent(route.object)}/${encodeURIComponent(route.id)}${route.edit ? '/edit' : ''}`;
    case 'create':
      return `#/records/${encodeURIComponent(route.object)}/new`;
    case 'settings':
      return '#/settings';
    case 'synchronise':
      return `#/settings/synchronise/${route.tab}`;
  }
}
