/**
 * Who may talk to the config server: only pages it served itself, on this machine.
 *
 * - Host must be 127.0.0.1:<port> or localhost:<port>: a DNS-rebinding page (evil.example resolving to
 *   127.0.0.1) sends its own name as Host and is refused.
 * - Origin, when sent, must be this server's own origin (browsers send it on every cross-origin request
 *   and on same-origin non-GET fetches); `Origin: null` (sandboxed frames, file://) is refused.
 * - Sec-Fetch-Site, when sent, must be `same-origin` or `none` (typed into the address bar): another port
 *   on localhost is `same-site` but still another origin, and is refused.
 * Clients that are not browsers (curl, scripts) send none of these headers and are let through: they
 * already run as the user.
 */

export interface GuardedRequest {
  readonly host: string | undefined;
  readonly origin: string | undefined;
  readonly secFetchSite: string | undefined;
}

/** Why a request is refused, or null when it may proceed. */
export function refusalReason(request: GuardedRequest, port: number): string | null {
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  const host = request.host?.toLowerCase();
  if (!host || !hosts.includes(host)) {
    return `Host '${request.host ?? ''}' is not this server (use http://127.0.0.1:${port})`;
  }
  if (request.origin !== undefined) {
    const origins = hosts.map((h) => `http://${h}`);
    if (!origins.includes(request.origin.toLowerCase())) {
      return `cross-origin request from '${request.origin}' refused`;
    }
  }
  const site = request.secFetchSite?.toLowerCase();
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return `cross-site request (Sec-Fetch-Site: ${site}) refused`;
  }
  return null;
}
