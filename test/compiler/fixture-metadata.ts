import { readdirSync, readFileSync } from 'node:fs';
import { metadataFrom } from '../../src/compiler/index.ts';
import type { OrgMetadata, SObjectDescribe } from '../../src/compiler/index.ts';

const dir = new URL('../fixtures/compiler/describe/', import.meta.url);

/** The describe fixtures (test/fixtures/compiler/describe/*.json) as org metadata. */
export function fixtureMetadata(): OrgMetadata {
  return metadataFrom(
    readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as SObjectDescribe),
  );
}
