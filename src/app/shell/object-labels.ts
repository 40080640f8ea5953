/**
 * What people call an sObject in lists and messages ("Work Orders", "Products"): the describe's label when
 * the device holds it, otherwise from its API name (the plan carries names only, a describe may not have
 * been fetched yet, and a progress line must not wait for the network).
 */

import type { OrgMetadata } from '../../compiler/org-metadata.ts';

/** Names whose plural is not the split name plus "s". */
const PLURALS: Readonly<Record<string, string>> = {
  Product2: 'Products',
  PricebookEntry: 'Price Book Entries',
  Pricebook2: 'Price Books',
  ServiceTerritory: 'Service Territories',
  Opportunity: 'Opportunities',
  Case: 'Cases',
  ContentVersion: 'Files',
};

/** "WorkOrderLineItem" -> "Work Order Line Items"; custom objects lose "__c" and underscores. */
export function objectLabelPlural(apiName: string, metadata?: OrgMetadata): string {
  const described = metadata?.[apiName]?.labelPlural;
  if (described) return described;
  const known = PLURALS[apiName];
  if (known) return known;
  const words = splitApiName(apiName);
  if (/[^aeiou]y$/.test(words)) return `${words.slice(0, -1)}ies`;
  if (/(s|x|ch|sh)$/.test(words)) return `${words}es`;
  return `${words}s`;
}

/** "WorkOrderLineItem" -> "Work Order Line Item". */
export function objectLabel(apiName: string, metadata?: OrgMetadata): string {
  const described = metadata?.[apiName]?.label;
  if (described) return described;
  const known = PLURALS[apiName];
  if (apiName === 'Product2') return 'Product';
  if (known && apiName.endsWith('2')) return apiName.slice(0, -1);
  return splitApiName(apiName);
}

function splitApiName(apiName: string): string {
  return apiName
    .replace(/__c$/, '')
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/\s+/g, ' ')
    .trim();
}
