/**
 * Salesforce record Ids: 3 characters of key prefix, 2 of pod, then a base-62 counter, 15 characters in
 * all, plus the 3-character case-safe suffix that makes the 18-character form.
 */

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** The "pod" characters of every Id the embedded org makes (a real org's look like `5g`, `8c`, ...). */
export const ID_POD = '8e';

/** The case-safe suffix of a 15-character Id. */
export function idSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let j = 0; j < 5; j++) {
      const c = id15.charCodeAt(chunk * 5 + j);
      if (c >= 65 && c <= 90) bits |= 1 << j;
    }
    suffix += SUFFIX_ALPHABET[bits];
  }
  return suffix;
}

/** A 15- or 18-character Id as its 18-character form; undefined when it is not shaped like an Id. */
export function toId18(value: string): string | undefined {
  if (!/^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/.test(value)) return undefined;
  const id15 = value.slice(0, 15);
  const suffix = idSuffix(id15);
  if (value.length === 18 && value.slice(15).toUpperCase() !== suffix) return undefined;
  return id15 + suffix;
}

/** The `sequence`-th Id of an object with `keyPrefix` (deterministic: the same inputs, the same Id). */
export function makeId(keyPrefix: string, sequence: number): string {
  let counter = '';
  let n = sequence;
  do {
    counter = BASE62[n % 62] + counter;
    n = Math.floor(n / 62);
  } while (n > 0);
  const id15 = `${keyPrefix}${ID_POD}${counter.padStart(10, '0')}`;
  return id15 + idSuffix(id15);
}
