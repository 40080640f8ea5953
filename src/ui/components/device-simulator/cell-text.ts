/** A field value as the simulator's tables and inputs show it: empty for null, JSON for compound values. */
export function cellText(value: unknown): string {
  return value === null || value === undefined
    ? ''
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);
}
