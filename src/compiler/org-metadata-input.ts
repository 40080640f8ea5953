/**
 * Turns describe JSON as people save it (one describe, an array, `{ "sobjects": [...] }`, or several
 * files) into OrgMetadata. Pure; the CLI reads the files.
 */

import type { OrgMetadata, SObjectDescribe } from './org-metadata.ts';

function isDescribe(value: unknown): value is SObjectDescribe {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { name?: unknown }).name === 'string' &&
    Array.isArray((value as { fields?: unknown }).fields)
  );
}

/** Describes found in one JSON document; throws with a readable message when it holds none. */
export function describesIn(document: unknown, source: string): SObjectDescribe[] {
  const list = Array.isArray(document)
    ? document
    : typeof document === 'object' &&
        document !== null &&
        Array.isArray((document as { sobjects?: unknown }).sobjects)
      ? (document as { sobjects: unknown[] }).sobjects
      : [document];
  const bad = list.findIndex((d) => !isDescribe(d));
  if (bad >= 0)
    throw new Error(
      `${source}: item ${bad} is not an sObject describe (expected {"name": ..., "fields": [...]}, as GET /sobjects/{T}/describe returns)`,
    );
  return list as SObjectDescribe[];
}

export function metadataFrom(describes: readonly SObjectDescribe[]): OrgMetadata {
  const out: Record<string, SObjectDescribe> = {};
  for (const d of [...describes].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)))
    out[d.name] = d;
  return out;
}
