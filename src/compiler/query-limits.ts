/**
 * The limits every query is held to, shared by the compiler (which sizes templates) and every binder
 * (the device's, the config tool's): one number each.
 */

/** The budget for `GET /services/data/vXX.X/query?q=<urlencoded SOQL>` (Salesforce rejects a request line + headers over 16,384 bytes). */
export const URL_BUDGET_BYTES = 16_000;
/** MobileSync's chunk size: the most Ids one request carries, and a template's `idsPerQuery` at most. */
export const MAX_IDS_PER_QUERY = 500;
/** Below this many Ids per request a template is useless and reported as too long. */
export const MIN_IDS_PER_QUERY = 20;
/** The REST API version a scope, a device or a command uses when none is given. */
export const DEFAULT_API_VERSION = '62.0';
