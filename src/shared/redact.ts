/**
 * The one redactor: every error message and log line that may carry text from an org, a transport or a
 * command line goes through `redact` before it leaves the process (an HTTP answer, a CLI line, a stored
 * sync history entry). It removes
 * - the literal secrets this process holds (access and refresh tokens it was given or issued, registered
 *   with `rememberSecret`), in any form: raw, URL-encoded, in `sid=...`, in a cookie, in JSON;
 * - anything shaped like a Salesforce session id (`00D...!...`, also with the `!` URL-encoded) or a
 *   bearer/OAuth authorization value, for tokens this process never saw (a refreshed one, another org's).
 * Shared by every layer (runtime, emulator, server, CLI), so it depends on nothing.
 */

const secrets = new Set<string>();

/** Shorter values are not treated as secrets: replacing them would mangle ordinary text. */
const MIN_SECRET_LENGTH = 12;

const SESSION_ID = /00D[A-Za-z0-9]{12,15}(?:!|%21)[A-Za-z0-9._%-]+/gi;
const AUTHORIZATION = /\b(Bearer|OAuth)\s+[^\s"',;]+/gi;

/** Registers a token this process holds, so `redact` removes it wherever it appears. */
export function rememberSecret(value: string | null | undefined): void {
  if (typeof value === 'string' && value.length >= MIN_SECRET_LENGTH) secrets.add(value);
}

/** `text` without any token this process holds or anything shaped like one. */
export function redact(text: string): string {
  let result = text;
  for (const secret of secrets) {
    for (const form of new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])) {
      result = result.split(form).join('<token>');
    }
  }
  return result.replace(SESSION_ID, '<token>').replace(AUTHORIZATION, '$1 <token>');
}

/** Something holding tokens: a jsforce Connection (which emits `refresh` with each new access token). */
export interface TokenHolder {
  readonly accessToken?: string | null;
  readonly refreshToken?: string | null;
  on?(event: 'refresh', listener: (accessToken: string) => void): unknown;
}

/** Registers a connection's tokens, and each access token it refreshes to later. */
export function rememberSecretsOf(holder: TokenHolder): void {
  rememberSecret(holder.accessToken);
  rememberSecret(holder.refreshToken);
  holder.on?.('refresh', (accessToken) => rememberSecret(accessToken));
}
