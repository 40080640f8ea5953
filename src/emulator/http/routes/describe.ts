/**
 * `/sobjects` (describe global), `/sobjects/{T}` (basic info) and `/sobjects/{T}/describe`, as the
 * session's user sees them: objects they cannot read are absent, fields they cannot read are left out,
 * and fields they can read but not edit are neither createable nor updateable.
 */

import type { FieldType, SObjectDescribe } from '../../../compiler/org-metadata.ts';
import { ApiError } from '../../api-error.ts';
import { findObject } from '../../metadata/describe-builder.ts';
import type { EmbeddedOrg } from '../../org.ts';
import type { ApiRouter } from '../api-router.ts';
import { json } from '../api-types.ts';

const SOAP_TYPES: Partial<Record<FieldType, string>> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  boolean: 'xsd:boolean',
  int: 'xsd:int',
  double: 'xsd:double',
  currency: 'xsd:double',
  percent: 'xsd:double',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
  time: 'xsd:time',
  base64: 'xsd:base64Binary',
  address: 'urn:address',
  location: 'urn:location',
};

function soapType(type: FieldType): string {
  return SOAP_TYPES[type] ?? 'xsd:string';
}

function urls(version: string, d: SObjectDescribe): Record<string, string> {
  const base = `/services/data/v${version}/sobjects/${d.name}`;
  return {
    sobject: base,
    describe: `${base}/describe`,
    rowTemplate: `${base}/{ID}`,
  };
}

function summary(version: string, d: SObjectDescribe): Record<string, unknown> {
  return {
    name: d.name,
    label: d.label,
    labelPlural: d.labelPlural,
    keyPrefix: d.keyPrefix,
    custom: d.custom,
    createable: d.createable,
    updateable: d.updateable,
    deletable: d.deletable,
    queryable: d.queryable,
    retrieveable: true,
    searchable: true,
    replicateable: true,
    triggerable: true,
    layoutable: true,
    undeletable: d.deletable,
    mergeable: false,
    customSetting: false,
    feedEnabled: false,
    urls: urls(version, d),
  };
}

export function registerDescribe(router: ApiRouter, org: EmbeddedOrg): void {
  const describeOf = (userId: string, type: string): SObjectDescribe => {
    const access = org.access.forUser(userId);
    if (access.unrestricted) return org.store.describe(type);
    const found = findObject(access.metadata, type);
    if (!found) throw new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
    return found;
  };

  router.on('GET', '/sobjects', (request) =>
    json(200, {
      encoding: 'UTF-8',
      maxBatchSize: 200,
      sobjects: Object.values(org.access.forUser(request.userId).metadata)
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((d) => summary(request.version, d)),
    }),
  );

  router.on('GET', '/sobjects/:type', (request, params) => {
    const d = describeOf(request.userId, params.type as string);
    return json(200, { objectDescribe: summary(request.version, d), recentItems: [] });
  });

  router.on('GET', '/sobjects/:type/describe', (request, params) => {
    const d = describeOf(request.userId, params.type as string);
    const { recordCount: _recordCount, ...describe } = d;
    return json(200, {
      ...summary(request.version, d),
      ...describe,
      fields: d.fields.map((f) => ({
        ...f,
        soapType: soapType(f.type),
        nameField: f.name === 'Name' || (f.name.endsWith('Number') && !f.createable && f.type === 'string'),
        idLookup: f.name === 'Id' || f.externalId || f.name === 'Name',
        picklistValues: f.picklistValues ?? [],
        precision: f.precision ?? 0,
        scale: f.scale ?? 0,
      })),
      childRelationships: d.childRelationships.map((r) => ({
        ...r,
        deprecatedAndHidden: false,
        restrictedDelete: false,
      })),
    });
  });
}
