/**
 * Ids for records created on the device. They can never be mistaken for Salesforce Ids (which are
 * 15/18 alphanumeric characters) and are unique across devices, so they double as upsert keys.
 */

export const LOCAL_ID_PREFIX = 'local-';

export function isLocalId(id: unknown): id is string {
  return typeof id === 'string' && id.startsWith(LOCAL_ID_PREFIX);
}

/** `local-` + 24 hex characters from the platform's CSPRNG (Node 20 and browsers have globalThis.crypto). */
export function newLocalId(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return LOCAL_ID_PREFIX + [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}
