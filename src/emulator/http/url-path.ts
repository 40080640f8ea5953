/**
 * Request paths as Salesforce reads them: runs of slashes count as one. Clients that join a stored
 * instance URL ending in `/` with `/services/data/...` (the sf CLI, @salesforce/core) send
 * `//services/data/...`, which a real org serves.
 */
export function collapseSlashes(url: string): string {
  const q = url.indexOf('?');
  const path = q >= 0 ? url.slice(0, q) : url;
  const collapsed = path.replace(/\/{2,}/g, '/');
  return collapsed === path ? url : collapsed + (q >= 0 ? url.slice(q) : '');
}
