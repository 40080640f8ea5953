// GENERATED from schemas/sync-plan.schema.json by `npm run generate:validators`
// (node bin/run-ts.js scripts/generate-validators.ts). Do not edit: change the schema and regenerate.
// A test fails when this file is stale. Ajv standalone code: no run-time compilation, no eval.
/* eslint-disable */
// @ts-nocheck
const ajvRuntime_equal = function equal(a, b) {
  if (a === b) return true;

  if (a && b && typeof a == 'object' && typeof b == 'object') {
    if (a.constructor !== b.constructor) return false;

    var length, i, keys;
    if (Array.isArray(a)) {
      length = a.length;
      if (length != b.length) return false;
      for (i = length; i-- !== 0;) if (!equal(a[i], b[i])) return false;
      return true;
    }

    if (a.constructor === RegExp) return a.source === b.source && a.flags === b.flags;
    if (a.valueOf !== Object.prototype.valueOf) return a.valueOf() === b.valueOf();
    if (a.toString !== Object.prototype.toString) return a.toString() === b.toString();

    keys = Object.keys(a);
    length = keys.length;
    if (length !== Object.keys(b).length) return false;

    for (i = length; i-- !== 0;) if (!Object.prototype.hasOwnProperty.call(b, keys[i])) return false;

    for (i = length; i-- !== 0;) {
      var key = keys[i];

      if (!equal(a[key], b[key])) return false;
    }

    return true;
  }

  // true if both NaN, false otherwise
  return a !== a && b !== b;
};
export const validate = validate20;
export default validate20;
const schema31 = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://syncscope.dev/schemas/sync-plan.schema.json',
  title: 'syncscope sync plan, version 1',
  description:
    'What devices run: per object, SOQL templates for the first, delta, reconciliation and related-record downloads. Mirrors src/compiler/plan.ts. Fields may be added to version 1 when old devices can ignore them; a change of meaning needs planVersion 2.',
  type: 'object',
  required: [
    'planVersion',
    'scopeName',
    'scopeHash',
    'apiVersion',
    'watermarkField',
    'overlapSeconds',
    'syncEveryMinutes',
    'parameters',
    'objects',
  ],
  properties: {
    planVersion: { const: 1 },
    scopeName: { type: 'string' },
    scopeHash: { $ref: '#/$defs/sha256' },
    apiVersion: { type: 'string', pattern: '^[1-9][0-9]\\.0$' },
    watermarkField: { enum: ['LastModifiedDate', 'SystemModstamp'] },
    overlapSeconds: { type: 'integer', minimum: 0 },
    syncEveryMinutes: { type: 'integer', minimum: 1 },
    parameters: {
      type: 'object',
      additionalProperties: { enum: ['string', 'id', 'boolean', 'integer', 'double', 'date', 'datetime'] },
    },
    objects: { type: 'array', items: { $ref: '#/$defs/object' } },
  },
  $defs: {
    sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    name: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_]*$' },
    placeholder: {
      type: 'string',
      pattern: '^(watermark|userId|parentIds|ids|param:[A-Za-z][A-Za-z0-9_]*)$',
    },
    template: {
      type: 'object',
      required: ['soql', 'binds'],
      properties: {
        soql: { type: 'string', pattern: '^SELECT ' },
        binds: { type: 'array', items: { $ref: '#/$defs/placeholder' }, uniqueItems: true },
        idSource: {
          type: 'object',
          required: ['object', 'field'],
          properties: { object: { $ref: '#/$defs/name' }, field: { $ref: '#/$defs/name' } },
        },
        idsPerQuery: { type: 'integer', minimum: 1, maximum: 500 },
      },
    },
    union: { type: 'array', minItems: 1, items: { $ref: '#/$defs/template' } },
    path: {
      type: 'object',
      required: ['kind'],
      properties: { kind: { enum: ['root', 'childOf', 'referencedBy'] } },
      allOf: [
        {
          if: { properties: { kind: { const: 'childOf' } } },
          then: {
            required: ['object', 'field', 'byParentIds'],
            properties: {
              object: { $ref: '#/$defs/name' },
              field: { $ref: '#/$defs/name' },
              byParentIds: { $ref: '#/$defs/template' },
            },
          },
        },
        {
          if: { properties: { kind: { const: 'referencedBy' } } },
          then: {
            required: ['object', 'field', 'byIds'],
            properties: {
              object: { $ref: '#/$defs/name' },
              field: { $ref: '#/$defs/name' },
              byIds: { $ref: '#/$defs/template' },
            },
          },
        },
      ],
    },
    upload: {
      type: 'object',
      required: ['access'],
      properties: {
        access: { enum: ['read', 'readWrite'] },
        conflict: { enum: ['clientWins', 'serverWins', 'manual'] },
        createableFields: { type: 'array', items: { $ref: '#/$defs/name' } },
        updateableFields: { type: 'array', items: { $ref: '#/$defs/name' } },
        externalIdField: { $ref: '#/$defs/name' },
        fieldTypes: {
          description:
            "Added to version 1: each writable field's type from org metadata (only when metadata was given), so devices check local writes before queueing them.",
          type: 'object',
          propertyNames: { $ref: '#/$defs/name' },
          additionalProperties: {
            type: 'object',
            required: ['type'],
            properties: {
              type: { type: 'string' },
              length: { type: 'integer', minimum: 1 },
              values: { type: 'array', items: { type: 'string' } },
            },
          },
        },
      },
    },
    object: {
      type: 'object',
      required: [
        'name',
        'fields',
        'dependsOn',
        'fingerprint',
        'syncEveryMinutes',
        'upload',
        'reconcileEverySync',
        'paths',
        'queries',
      ],
      properties: {
        name: { $ref: '#/$defs/name' },
        fields: { type: 'array', minItems: 2, items: { $ref: '#/$defs/name' } },
        dependsOn: { type: 'array', items: { $ref: '#/$defs/name' } },
        fingerprint: { $ref: '#/$defs/sha256' },
        syncEveryMinutes: { type: 'integer', minimum: 1 },
        upload: { $ref: '#/$defs/upload' },
        limit: { type: 'integer', minimum: 1, maximum: 50000 },
        orderBy: { type: 'string' },
        orderKeys: {
          description:
            "Added to version 1: the order of the object's records, parsed, with Id as the final key; present when limit or orderBy is. Older devices ignore it.",
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            required: ['field', 'order', 'nulls'],
            properties: {
              field: { $ref: '#/$defs/name' },
              order: { enum: ['ASC', 'DESC'] },
              nulls: { enum: ['FIRST', 'LAST'] },
            },
          },
        },
        reconcileEverySync: { type: 'boolean' },
        reconcileReason: { type: 'string' },
        paths: { type: 'array', minItems: 1, items: { $ref: '#/$defs/path' } },
        queries: {
          type: 'object',
          required: ['full', 'delta', 'ids'],
          properties: {
            full: { $ref: '#/$defs/union' },
            delta: { $ref: '#/$defs/union' },
            ids: { $ref: '#/$defs/union' },
            byIds: { $ref: '#/$defs/template' },
            count: { $ref: '#/$defs/union' },
          },
        },
      },
    },
  },
};
const schema32 = { type: 'string', pattern: '^[0-9a-f]{64}$' };
const pattern4 = new RegExp('^[0-9a-f]{64}$', 'u');
const pattern5 = new RegExp('^[1-9][0-9]\\.0$', 'u');
const schema33 = {
  type: 'object',
  required: [
    'name',
    'fields',
    'dependsOn',
    'fingerprint',
    'syncEveryMinutes',
    'upload',
    'reconcileEverySync',
    'paths',
    'queries',
  ],
  properties: {
    name: { $ref: '#/$defs/name' },
    fields: { type: 'array', minItems: 2, items: { $ref: '#/$defs/name' } },
    dependsOn: { type: 'array', items: { $ref: '#/$defs/name' } },
    fingerprint: { $ref: '#/$defs/sha256' },
    syncEveryMinutes: { type: 'integer', minimum: 1 },
    upload: { $ref: '#/$defs/upload' },
    limit: { type: 'integer', minimum: 1, maximum: 50000 },
    orderBy: { type: 'string' },
    orderKeys: {
      description:
        "Added to version 1: the order of the object's records, parsed, with Id as the final key; present when limit or orderBy is. Older devices ignore it.",
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['field', 'order', 'nulls'],
        properties: {
          field: { $ref: '#/$defs/name' },
          order: { enum: ['ASC', 'DESC'] },
          nulls: { enum: ['FIRST', 'LAST'] },
        },
      },
    },
    reconcileEverySync: { type: 'boolean' },
    reconcileReason: { type: 'string' },
    paths: { type: 'array', minItems: 1, items: { $ref: '#/$defs/path' } },
    queries: {
      type: 'object',
      required: ['full', 'delta', 'ids'],
      properties: {
        full: { $ref: '#/$defs/union' },
        delta: { $ref: '#/$defs/union' },
        ids: { $ref: '#/$defs/union' },
        byIds: { $ref: '#/$defs/template' },
        count: { $ref: '#/$defs/union' },
      },
    },
  },
};
const schema34 = { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_]*$' };
const pattern6 = new RegExp('^[A-Za-z][A-Za-z0-9_]*$', 'u');
const schema38 = {
  type: 'object',
  required: ['access'],
  properties: {
    access: { enum: ['read', 'readWrite'] },
    conflict: { enum: ['clientWins', 'serverWins', 'manual'] },
    createableFields: { type: 'array', items: { $ref: '#/$defs/name' } },
    updateableFields: { type: 'array', items: { $ref: '#/$defs/name' } },
    externalIdField: { $ref: '#/$defs/name' },
    fieldTypes: {
      description:
        "Added to version 1: each writable field's type from org metadata (only when metadata was given), so devices check local writes before queueing them.",
      type: 'object',
      propertyNames: { $ref: '#/$defs/name' },
      additionalProperties: {
        type: 'object',
        required: ['type'],
        properties: {
          type: { type: 'string' },
          length: { type: 'integer', minimum: 1 },
          values: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
};
function validate22(
  data,
  { instancePath = '', parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate22.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    if (data.access === undefined) {
      const err0 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'access' },
        message: "must have required property '" + 'access' + "'",
      };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.access !== undefined) {
      let data0 = data.access;
      if (!(data0 === 'read' || data0 === 'readWrite')) {
        const err1 = {
          instancePath: instancePath + '/access',
          schemaPath: '#/properties/access/enum',
          keyword: 'enum',
          params: { allowedValues: schema38.properties.access.enum },
          message: 'must be equal to one of the allowed values',
        };
        if (vErrors === null) {
          vErrors = [err1];
        } else {
          vErrors.push(err1);
        }
        errors++;
      }
    }
    if (data.conflict !== undefined) {
      let data1 = data.conflict;
      if (!(data1 === 'clientWins' || data1 === 'serverWins' || data1 === 'manual')) {
        const err2 = {
          instancePath: instancePath + '/conflict',
          schemaPath: '#/properties/conflict/enum',
          keyword: 'enum',
          params: { allowedValues: schema38.properties.conflict.enum },
          message: 'must be equal to one of the allowed values',
        };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
    }
    if (data.createableFields !== undefined) {
      let data2 = data.createableFields;
      if (Array.isArray(data2)) {
        const len0 = data2.length;
        for (let i0 = 0; i0 < len0; i0++) {
          let data3 = data2[i0];
          if (typeof data3 === 'string') {
            if (!pattern6.test(data3)) {
              const err3 = {
                instancePath: instancePath + '/createableFields/' + i0,
                schemaPath: '#/$defs/name/pattern',
                keyword: 'pattern',
                params: { pattern: '^[A-Za-z][A-Za-z0-9_]*$' },
                message: 'must match pattern "' + '^[A-Za-z][A-Za-z0-9_]*$' + '"',
              };
              if (vErrors === null) {
                vErrors = [err3];
              } else {
                vErrors.push(err3);
              }
              errors++;
            }
          } else {
            const err4 = {
              instancePath: instancePath + '/createableFields/' + i0,
              schemaPath: '#/$defs/name/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
            };
            if (vErrors === null) {
              vErrors = [err4];
            } else {
              vErrors.push(err4);
            }
            errors++;
          }
        }
      } else {
        const err5 = {
          instancePath: instancePath + '/createableFields',
          schemaPath: '#/properties/createableFields/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
        };
        if (vErrors === null) {
          vErrors = [err5];
        } else {
          vErrors.push(err5);
        }
        errors++;
      }
    }
    if (data.updateableFields !== undefined) {
      let data4 = data.updateableFields;
      if (Array.isArray(data4)) {
        const len1 = data4.length;
        for (let i1 = 0; i1 < len1; i1++) {
          let data5 = data4[i1];
          if (typeof data5 === 'string') {
            if (!pattern6.test(data5)) {
              const err6 = {
                instancePath: instancePath + '/updateableFields/' + i1,
                schemaPath: '#/$defs/name/pattern',
                keyword: 'pattern',
                params: { pattern: '^[A-Za-z][A-Za-z0-9_]*$' },
                message: 'must match pattern "' + '^[A-Za-z][A-Za-z0-9_]*$' + '"',
              };
              if (vErrors === null) {
                vErrors = [err6];
              } else {
                vErrors.push(err6);
              }
              errors++;
            }
          } else {
            const err7 = {
              instancePath: instancePath + '/updateableFields/' + i1,
              schemaPath: '#/$defs/name/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
            };
            if (vErrors === null) {
              vErrors = [err7];
            } else {
              vErrors.push(err7);
            }
            errors++;
          }
        }
      } else {
        const err8 = {
          instancePath: instancePath + '/updateableFields',
          schemaPath: '#/properties/updateableFields/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
        };
        if (vErrors === null) {
          vErrors = [err8];
        } else {
          vErrors.push(err8);
        }
        errors++;
      }
    }
    if (data.externalIdField !== undefined) {
      let data6 = data.externalIdField;
      if (typeof data6 === 'string') {
        if (!pattern6.test(data6)) {
          const err9 = {
            instancePath: instancePath + '/externalIdField',
            schemaPath: '#/$defs/name/pattern',
            keyword: 'pattern',
            params: { pattern: '^[A-Za-z][A-Za-z0-9_]*$' },
            message: 'must match pattern "' + '^[A-Za-z][A-Za-z0-9_]*$' + '"',
          };
          if (vErrors === null) {
            vErrors = [err9];
          } else {
            vErrors.push(err9);
          }
          errors++;
        }
      } else {
        const err10 = {
          instancePath: instancePath + '/externalIdField',
          schemaPath: '#/$defs/name/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err10];
        } else {
          vErrors.push(err10);
        }
        errors++;
      }
    }
    if (data.fieldTypes !== undefined) {
      let data7 = data.fieldTypes;
      if (data7 && typeof data7 == 'object' && !Array.isArray(data7)) {
        for (const key0 in data7) {
          const _errs18 = errors;
          if (typeof key0 === 'string') {
            if (!pattern6.test(key0)) {
              const err11 = {
                instancePath: instancePath + '/fieldTypes',
                schemaPath: '#/$defs/name/pattern',
                keyword: 'pattern',
                params: { pattern: '^[A-Za-z][A-Za-z0-9_]*$' },
                message: 'must match pattern "' + '^[A-Za-z][A-Za-z0-9_]*$' + '"',
                propertyName: key0,
              };
              if (vErrors === null) {
                vErrors = [err11];
              } else {
                vErrors.push(err11);
              }
              errors++;
            }
          } else {
            const err12 = {
              instancePath: instancePath + '/fieldTypes',
              schemaPath: '#/$defs/name/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              propertyName: key0,
            };
            if (vErrors === null) {
              vErrors = [err12];
            } else {
              vErrors.push(err12);
            }
            errors++;
          }
          var valid8 = _errs18 === errors;
          if (!valid8) {
            const err13 = {
              instancePath: instancePath + '/fieldTypes',
              schemaPath: '#/properties/fieldTypes/propertyNames',
              keyword: 'propertyNames',
              params: { propertyName: key0 },
              message: 'property name must be valid',
            };
            if (vErrors === null) {
              vErrors = [err13];
            } else {
              vErrors.push(err13);
            }
            errors++;
          }
        }
        for (const key1 in data7) {
          let data8 = data7[key1];
          if (data8 && typeof data8 == 'object' && !Array.isArray(data8)) {
            if (data8.type === undefined) {
              const err14 = {
                instancePath: instancePath + '/fieldTypes/' + key1.replace(/~/g, '~0').replace(/\//g, '~1'),
                schemaPath: '#/properties/fieldTypes/additionalProperties/required',
                keyword: 'required',
                params: { missingProperty: 'type' },
                message: "must have required property '" + 'type' + "'",
              };
              if (vErrors === null) {
                vErrors = [err14];
              } else {
                vErrors.push(err14);
              }
              errors++;
            }
            if (data8.type !== undefined) {
              if (typeof data8.type !== 'string') {
                const err15 = {
                  instancePath:
                    instancePath + '/fieldTypes/' + key1.replace(/~/g, '~0').replace(/\//g, '~1') + '/type',
                  schemaPath: '#/properties/fieldTypes/additionalProperties/properties/type/type',
                  keyword: 'type',
                  params: { type: 'string' },
                  message: 'must be string',
                };
                if (vErrors === null) {
                  vErrors = [err15];
                } else {
                  vErrors.push(err15);
                }
                errors++;
              }
            }
            if (data8.length !== undefined) {
              let data10 = data8.length;
              if (!(typeof data10 == 'number' && !(data10 % 1) && !isNaN(data10) && isFinite(data10))) {
                const err16 = {
                  instancePath:
                    instancePath + '/fieldTypes/' + key1.replace(/~/g, '~0').replace(/\//g, '~1') + '/length',
                  schemaPath: '#/properties/fieldTypes/additionalProperties/properties/length/type',
                  keyword: 'type',
                  params: { type: 'integer' },
                  message: 'must be integer',
                };
                if (vErrors === null) {
                  vErrors = [err16];
                } else {
                  vErrors.push(err16);
                }
                errors++;
              }
              if (typeof data10 == 'number' && isFinite(data10)) {
                if (data10 < 1 || isNaN(data10)) {
                  const err17 = {
                    instancePath:
                      instancePath +
                      '/fieldTypes/' +
                      key1.replace(/~/g, '~0').replace(/\//g, '~1') +
                      '/length',
                    schemaPath: '#/properties/fieldTypes/additionalProperties/properties/length/minimum',
                    keyword: 'minimum',
                    params: { comparison: '>=', limit: 1 },
                    message: 'must be >= 1',
                  };
                  if (vErrors === null) {
                    vErrors = [err17];
                  } else {
                    vErrors.push(err17);
                  }
                  errors++;
                }
              }
            }
            if (data8.values !== undefined) {
              let data11 = data8.values;
              if (Array.isArray(data11)) {
                const len2 = data11.length;
                for (let i2 = 0; i2 < len2; i2++) {
                  if (typeof data11[i2] !== 'string') {
                    const err18 = {
                      instancePath:
                        instancePath +
                        '/fieldTypes/' +
                        key1.replace(/~/g, '~0').replace(/\//g, '~1') +
                        '/values/' +
                        i2,
                      schemaPath: '#/properties/fieldTypes/additionalProperties/properties/values/items/type',
                      keyword: 'type',
                      params: { type: 'string' },
                      message: 'must be string',
                    };
                    if (vErrors === null) {
                      vErrors = [err18];
                    } else {
                      vErrors.push(err18);
                    }
                    errors++;
                  }
                }
              } else {
                const err19 = {
                  instancePath:
                    instancePath + '/fieldTypes/' + key1.replace(/~/g, '~0').replace(/\//g, '~1') + '/values',
                  schemaPath: '#/properties/fieldTypes/additionalProperties/properties/values/type',
                  keyword: 'type',
                  params: { type: 'array' },
                  message: 'must be array',
                };
                if (vErrors === null) {
                  vErrors = [err19];
                } else {
                  vErrors.push(err19);
                }
                errors++;
              }
            }
          } else {
            const err20 = {
              instancePath: instancePath + '/fieldTypes/' + key1.replace(/~/g, '~0').replace(/\//g, '~1'),
              schemaPath: '#/properties/fieldTypes/additionalProperties/type',
              keyword: 'type',
              params: { type: 'object' },
              message: 'must be object',
            };
            if (vErrors === null) {
              vErrors = [err20];
            } else {
              vErrors.push(err20);
            }
            errors++;
          }
        }
      } else {
        const err21 = {
          instancePath: instancePath + '/fieldTypes',
          schemaPath: '#/properties/fieldTypes/type',
          keyword: 'type',
          params: { type: 'object' },
          message: 'must be object',
        };
        if (vErrors === null) {
          vErrors = [err21];
        } else {
          vErrors.push(err21);
        }
        errors++;
      }
    }
  } else {
    const err22 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
    };
    if (vErrors === null) {
      vErrors = [err22];
    } else {
      vErrors.push(err22);
    }
    errors++;
  }
  validate22.errors = vErrors;
  return errors === 0;
}
validate22.evaluated = {
  props: {
    access: true,
    conflict: true,
    createableFields: true,
    updateableFields: true,
    externalIdField: true,
    fieldTypes: true,
  },
  dynamicProps: false,
  dynamicItems: false,
};
const schema44 = {
  type: 'object',
  required: ['kind'],
  properties: { kind: { enum: ['root', 'childOf', 'referencedBy'] } },
  allOf: [
    {
      if: { properties: { kind: { const: 'childOf' } } },
      then: {
        required: ['object', 'field', 'byParentIds'],
        properties: {
          object: { $ref: '#/$defs/name' },
          field: { $ref: '#/$defs/name' },
          byParentIds: { $ref: '#/$defs/template' },
        },
      },
    },
    {
      if: { properties: { kind: { const: 'referencedBy' } } },
      then: {
        required: ['object', 'field', 'byIds'],
        properties: {
          object: { $ref: '#/$defs/name' },
          field: { $ref: '#/$defs/name' },
          byIds: { $ref: '#/$defs/template' },
        },
      },
    },
  ],
};
const schema47 = {
  type: 'object',
  required: ['soql', 'binds'],
  properties: {
    soql: { type: 'string', pattern: '^SELECT ' },
    binds: { type: 'array', items: { $ref: '#/$defs/placeholder' }, uniqueItems: true },
    idSource: {
      type: 'object',
      required: ['object', 'field'],
      properties: { object: { $ref: '#/$defs/name' }, field: { $ref: '#/$defs/name' } },
    },
    idsPerQuery: { type: 'integer', minimum: 1, maximum: 500 },
  },
};
const schema48 = {
  type: 'string',
  pattern: '^(watermark|userId|parentIds|ids|param:[A-Za-z][A-Za-z0-9_]*)$',
};
const pattern17 = new RegExp('^SELECT ', 'u');
const pattern18 = new RegExp('^(watermark|userId|parentIds|ids|param:[A-Za-z][A-Za-z0-9_]*)$', 'u');
const func0 = ajvRuntime_equal;
function validate25(
  data,
  { instancePath = '', parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate25.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    if (data.soql === undefined) {
      const err0 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'soql' },
        message: "must have required property '" + 'soql' + "'",
      };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.binds === undefined) {
      const err1 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'binds' },
        message: "must have required property '" + 'binds' + "'",
      };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    if (data.soql !== undefined) {
      let data0 = data.soql;
      if (typeof data0 === 'string') {
        if (!pattern17.test(data0)) {
          const err2 = {
            instancePath: instancePath + '/soql',
            schemaPath: '#/properties/soql/pattern',
            keyword: 'pattern',
            params: { pattern: '^SELECT ' },
            message: 'must match pattern "' + '^SELECT ' + '"',
          };
          if (vErrors === null) {
            vErrors = [err2];
          } else {
            vErrors.push(err2);
          }
          errors++;
        }
      } else {
        const err3 = {
          instancePath: instancePath + '/soql',
          schemaPath: '#/properties/soql/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err3];
        } else {
          vErrors.push(err3);
        }
        errors++;
      }
    }
    if (data.binds !== undefined) {
      let data1 = data.binds;
      if (Array.isArray(data1)) {
        const len0 = data1.length;
        for (let i0 = 0; i0 < len0; i0++) {
          let data2 = data1[i0];
          if (typeof data2 === 'string') {
            if (!pattern18.test(data2)) {
              const err4 = {
                instancePath: instancePath + '/binds/' + i0,
                schemaPath: '#/$defs/placeholder/pattern',
                keyword: 'pattern',
                params: { pattern: '^(watermark|userId|parentIds|ids|param:[A-Za-z][A-Za-z0-9_]*)$' },
                message:
                  'must match pattern "' +
                  '^(watermark|userId|parentIds|ids|param:[A-Za-z][A-Za-z0-9_]*)$' +
                  '"',
              };
              if (vErrors === null) {
                vErrors = [err4];
              } else {
                vErrors.push(err4);
              }
              errors++;
            }
          } else {
            const err5 = {
              instancePath: instancePath + '/binds/' + i0,
              schemaPath: '#/$defs/placeholder/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
            };
            if (vErrors === null) {
              vErrors = [err5];
            } else {
              vErrors.push(err5);
            }
            errors++;
          }
        }
        let i1 = data1.length;
        let j0;
        if (i1 > 1) {
          outer0: for (; i1--;) {
            for (j0 = i1; j0--;) {
              if (func0(data1[i1], data1[j0])) {
                const err6 = {
                  instancePath: instancePath + '/binds',
                  schemaPath: '#/properties/binds/uniqueItems',
                  keyword: 'uniqueItems',
                  params: { i: i1, j: j0 },
                  message: 'must NOT have duplicate items (items ## ' + j0 + ' and ' + i1 + ' are identical)',
                };
                if (vErrors === null) {
                  vErrors = [err6];
                } else {
                  vErrors.push(err6);
                }
                errors++;
                break outer0;
              }
            }
          }
        }
      } else {
        const err7 = {
          instancePath: instancePath + '/binds',
          schemaPath: '#/properties/binds/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
        };
        if (vErrors === null) {
          vErrors = [err7];
        } else {
          vErrors.push(err7);
        }
        errors++;
      }
    }
    if (data.idSource !== undefined) {
      let data3 = data.idSource;
      if (data3 && typeof data3 == 'object' && !Array.isArray(data3)) {
        if (data3.object === undefined) {
          const err8 = {
            instancePath: instancePath + '/idSource',
            schemaPath: '#/properties/idSource/required',
            keyword: 'required',
            params: { missingProperty: 'object' },
            message: "must have required property '" + 'object' + "'",
          };
          if (vErrors === null) {
            vErrors = [err8];
          } else {
            vErrors.push(err8);
          }
          errors++;
        }
        if (data3.field === undefined) {
          const err9 = {
            instancePath: instancePath + '/idSource',
            schemaPath: '#/properties/idSource/required',
            keyword: 'required',
            params: { missingProperty: 'field' },
            message: "must have required property '" + 'field' + "'",
          };
          if (vErrors === null) {
            vErrors = [err9];
          } else {
            vErrors.push(err9);
          }
          errors++;
        }
        if (data3.object !== undefined) {
          let data4 = data3.object;
          if (typeof data4 === 'string') {
            if (!pattern6.test(data4)) {
              const err10 = {
                instancePath: instancePath + '/idSource/object',
                schemaPath: '#/$defs/name/pattern',
                keyword: 'pattern',
                params: { pattern: '^[A-Za-z][A-Za-z0-9_]*$' },
                message: 'must match pattern "' + '^[A-Za-z][A-Za-z0-9_]*$' + '"',
              };
              if (vErrors === null) {
                vErrors = [err10];
              } else {
                vErrors.push(err10);
              }
              errors++;
            }
          } else {
            const err11 = {
              instancePath: instancePath + '/idSource/object',
              schemaPath: '#/$defs/name/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
            };
            if (vErrors === null) {
              vErrors = [err11];
            } else {
              vErrors.push(err11);
            }
            errors++;
          }
        }
        if (data3.field !== undefined) {
          let data5 = data3.field;
          if (typeof data5 === 'string') {
            if (!pattern6.test(data5)) {
              const err12 = {
                instancePath: instancePath + '/idSource/field',
                schemaPath: '#/$defs/name/pattern',
                keyword: 'pattern',
                params: { pattern: '^[A-Za-z][A-Za-z0-9_]*$' },
                message: 'must match pattern "' + '^[A-Za-z][A-Za-z0-9_]*$' + '"',
              };
              if (vErrors === null) {
                vErrors = [err12];
              } else {
                vErrors.push(err12);
              }
              errors++;
            }
          } else {
            const err13 = {
              instancePath: instancePath + '/idSource/field',
              schemaPath: '#/$defs/name/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
            };
            if (vErrors === null) {
              vErrors = [err13];
            } else {
              vErrors.push(err13);
            }
            errors++;
          }
        }
      } else {
        const err14 = {
          instancePath: instancePath + '/idSource',
          schemaPath: '#/properties/idSource/type',
          keyword: 'type',
          params: { type: 'object' },
          message: 'must be object',
        };
        if (vErrors === null) {
          vErrors = [err14];
        } else {
          vErrors.push(err14);
        }
        errors++;
      }
    }
    if (data.idsPerQuery !== undefined) {
      let data6 = data.idsPerQuery;
      if (!(typeof data6 == 'number' && !(data6 % 1) && !isNaN(data6) && isFinite(data6))) {
        const err15 = {
          instancePath: instancePath + '/idsPerQuery',
          schemaPath: '#/properties/idsPerQuery/type',
          keyword: 'type',
          params: { type: 'integer' },
          message: 'must be integer',
        };
        if (vErrors === null) {
          vErrors = [err15];
        } else {
          vErrors.push(err15);
        }
        errors++;
      }
      if (typeof data6 == 'number' && isFinite(data6)) {
        if (data6 > 500 || isNaN(data6)) {
          const err16 = {
            instancePath: instancePath + '/idsPerQuery',
            schemaPath: '#/properties/idsPerQuery/maximum',
            keyword: 'maximum',
            params: { comparison: '<=', limit: 500 },
            message: 'must be <= 500',
          };
          if (vErrors === null) {
            vErrors = [err16];
          } else {
            vErrors.push(err16);
          }
          errors++;
        }
        if (data6 < 1 || isNaN(data6)) {
          const err17 = {
            instancePath: instancePath + '/idsPerQuery',
            schemaPath: '#/properties/idsPerQuery/minimum',
            keyword: 'minimum',
            params: { comparison: '>=', limit: 1 },
            message: 'must be >= 1',
          };
          if (vErrors === null) {
            vErrors = [err17];
          } else {
            vErrors.push(err17);
          }
          errors++;
        }
      }
    }
  } else {
    const err18 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
    };
    if (vErrors === null) {
      vErrors = [err18];
    } else {
      vErrors.push(err18);
    }
    errors++;
  }
  validate25.errors = vErrors;
  return errors === 0;
}
validate25.evaluated = {
  props: { soql: true, binds: true, idSource: true, idsPerQuery: true },
  dynamicProps: false,
  dynamicItems: false,
};
function validate24(
  data,
  { instancePath = '', parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate24.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  const _errs2 = errors;
  let valid1 = true;
  const _errs3 = errors;
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    if (data.kind !== undefined) {
      if ('childOf' !== data.kind) {
        const err0 = {};
        if (vErrors === null) {
          vErrors = [err0];
        } else {
          vErrors.push(err0);
        }
        errors++;
      }
    }
  }
  var _valid0 = _errs3 === errors;
  errors = _errs2;
  if (vErrors !== null) {
    if (_errs2) {
      vErrors.length = _errs2;
    } else {
      vErrors = null;
    }
  }
  if (_valid0) {
    const _errs5 = errors;
    if (data && typeof data == 'object' && !Array.isArray(data)) {
      if (data.object === undefined) {
        const err1 = {
          instancePath,
          schemaPath: '#/allOf/0/then/required',
          keyword: 'required',
          params: { missingProperty: 'object' },
          message: "must have required property '" + 'object' + "'",
        };
        if (vErrors === null) {
          vErrors = [err1];
        } else {
          vErrors.push(err1);
        }
        errors++;
      }
      if (data.field === undefined) {
        const err2 = {
          instancePath,
          schemaPath: '#/allOf/0/then/required',
          keyword: 'required',
          params: { missingProperty: 'field' },
          message: "must have required property '" + 'field' + "'",
        };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
      if (data.byParentIds === undefined) {
        const err3 = {
          instancePath,
          schemaPath: '#/allOf/0/then/required',
          keyword: 'required',
          params: { missingProperty: 'byParentIds' },
          message: "must have required property '" + 'byParentIds' + "'",
        };
        if (vErrors === null) {
          vErrors = [err3];
        } else {
          vErrors.push(err3);
        }
        errors++;
      }
      if (data.object !== undefined) {
        let data1 = data.object;
        if (typeof data1 === 'string') {
          if (!pattern6.test(data1)) {
            const err4 = {
              instancePath: instancePath + '/object',
              schemaPath: '#/$defs/name/pattern',
              keyword: 'pattern',
              params: { pattern: '^[A-Za-z][A-Za-z0-9_]*$' },
              message: 'must match pattern "' + '^[A-Za-z][A-Za-z0-9_]*$' + '"',
            };
            if (vErrors === null) {
              vErrors = [err4];
            } else {
              vErrors.push(err4);
            }
            errors++;
          }
        } else {
          const err5 = {
            instancePath: instancePath + '/object',
            schemaPath: '#/$defs/name/type',
            keyword: 'type',
            params: { type: 'string' },
            message: 'must be string',
          };
          if (vErrors === null) {
            vErrors = [err5];
          } else {
            vErrors.push(err5);
          }
          errors++;
        }
      }
      if (data.field !== undefined) {
        let data2 = data.field;
        if (typeof data2 === 'string') {
          if (!pattern6.test(data2)) {
            const err6 = {
              instancePath: instancePath + '/field',
              schemaPath: '#/$defs/name/pattern',
              keyword: 'pattern',
              params: { pattern: '^[A-Za-z][A-Za-z0-9_]*$' },
              message: 'must match pattern "' + '^[A-Za-z][A-Za-z0-9_]*$' + '"',
            };
            if (vErrors === null) {
              vErrors = [err6];
            } else {
              vErrors.push(err6);
            }
            errors++;
          }
        } else {
          const err7 = {
            instancePath: instancePath + '/field',
            schemaPath: '#/$defs/name/type',
            keyword: 'type',
            params: { type: 'string' },
            message: 'must be string',
          };
          if (vErrors === null) {
            vErrors = [err7];
          } else {
            vErrors.push(err7);
          }
          errors++;
        }
      }
      if (data.byParentIds !== undefined) {
        if (
          !validate25(data.byParentIds, {
            instancePath: instancePath + '/byParentIds',
            parentData: data,
            parentDataProperty: 'byParentIds',
            rootData,
            dynamicAnchors,
          })
        ) {
          vErrors = vErrors === null ? validate25.errors : vErrors.concat(validate25.errors);
          errors = vErrors.length;
        }
      }
    }
    var _valid0 = _errs5 === errors;
    valid1 = _valid0;
    if (valid1) {
      var props0 = {};
      props0.object = true;
      props0.field = true;
      props0.byParentIds = true;
      props0.kind = true;
    }
  }
  if (!valid1) {
    const err8 = {
      instancePath,
      schemaPath: '#/allOf/0/if',
      keyword: 'if',
      params: { failingKeyword: 'then' },
      message: 'must match "then" schema',
    };
    if (vErrors === null) {
      vErrors = [err8];
    } else {
      vErrors.push(err8);
    }
    errors++;
  }
  const _errs14 = errors;
  let valid6 = true;
  const _errs15 = errors;
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    if (data.kind !== undefined) {
      if ('referencedBy' !== data.kind) {
        const err9 = {};
        if (vErrors === null) {
          vErrors = [err9];
        } else {
          vErrors.push(err9);
        }
        errors++;
      }
    }
  }
  var _valid1 = _errs15 === errors;
  errors = _errs14;
  if (vErrors !== null) {
    if (_errs14) {
      vErrors.length = _errs14;
    } else {
      vErrors = null;
    }
  }
  if (_valid1) {
    const _errs17 = errors;
    if (data && typeof data == 'object' && !Array.isArray(data)) {
      if (data.object === undefined) {
        const err10 = {
          instancePath,
          schemaPath: '#/allOf/1/then/required',
          keyword: 'required',
          params: { missingProperty: 'object' },
          message: "must have required property '" + 'object' + "'",
        };
        if (vErrors === null) {
          vErrors = [err10];
        } else {
          vErrors.push(err10);
        }
        errors++;
      }
      if (data.field === undefined) {
        const err11 = {
          instancePath,
          schemaPath: '#/allOf/1/then/required',
          keyword: 'required',
          params: { missingProperty: 'field' },
          message: "must have required property '" + 'field' + "'",
        };
        if (vErrors === null) {
          vErrors = [err11];
        } else {
          vErrors.push(err11);
        }
        errors++;
      }
      if (data.byIds === undefined) {
        const err12 = {
          instancePath,
          schemaPath: '#/allOf/1/then/required',
          keyword: 'required',
          params: { missingProperty: 'byIds' },
          message: "must have required property '" + 'byIds' + "'",
        };
        if (vErrors === null) {
          vErrors = [err12];
        } else {
          vErrors.push(err12);
        }
        errors++;
      }
      if (data.object !== undefined) {
        let data5 = data.object;
        if (typeof data5 === 'string') {
          if (!pattern6.test(data5)) {
            const err13 = {
              instancePath: instancePath + '/object',
              schemaPath: '#/$defs/name/pattern',
              keyword: 'pattern',
              params: { pattern: '^[A-Za-z][A-Za-z0-9_]*$' },
              message: 'must match pattern "' + '^[A-Za-z][A-Za-z0-9_]*$' + '"',
            };
            if (vErrors === null) {
              vErrors = [err13];
            } else {
              vErrors.push(err13);
            }
            errors++;
          }
        } else {
          const err14 = {
            instancePath: instancePath + '/object',
            schemaPath: '#/$defs/name/type',
            keyword: 'type',
            params: { type: 'string' },
            message: 'must be string',
          };
          if (vErrors === null) {
            vErrors = [err14];
          } else {
            vErrors.push(err14);
          }
          errors++;
        }
      }
      if (data.field !== undefined) {
        let data6 = data.field;
        if (typeof data6 === 'string') {
          if (!pattern6.test(data6)) {
            const err15 = {
              instancePath: instancePath + '/field',
              schemaPath: '#/$defs/name/pattern',
              keyword: 'pattern',
              params: { pattern: '^[A-Za-z][A-Za-z0-9_]*$' },
              message: 'must match pattern "' + '^[A-Za-z][A-Za-z0-9_]*$' + '"',
            };
            if (vErrors === null) {
              vErrors = [err15];
            } else {
              vErrors.push(err15);
            }
            errors++;
          }
        } else {
          const err16 = {
            instancePath: instancePath + '/field',
            schemaPath: '#/$defs/name/type',
            keyword: 'type',
            params: { type: 'string' },
            message: 'must be string',
          };
          if (vErrors === null) {
            vErrors = [err16];
          } else {
            vErrors.push(err16);
          }
          errors++;
        }
      }
      if (data.byIds !== undefined) {
        if (
          !validate25(data.byIds, {
            instancePath: instancePath + '/byIds',
            parentData: data,
            parentDataProperty: 'byIds',
            rootData,
            dynamicAnchors,
          })
        ) {
          vErrors = vErrors === null ? validate25.errors : vErrors.concat(validate25.errors);
          errors = vErrors.length;
        }
      }
    }
    var _valid1 = _errs17 === errors;
    valid6 = _valid1;
    if (valid6) {
      var props1 = {};
      props1.object = true;
      props1.field = true;
      props1.byIds = true;
      props1.kind = true;
    }
  }
  if (!valid6) {
    const err17 = {
      instancePath,
      schemaPath: '#/allOf/1/if',
      keyword: 'if',
      params: { failingKeyword: 'then' },
      message: 'must match "then" schema',
    };
    if (vErrors === null) {
      vErrors = [err17];
    } else {
      vErrors.push(err17);
    }
    errors++;
  }
  if (props0 !== true && props1 !== undefined) {
    if (props1 === true) {
      props0 = true;
    } else {
      props0 = props0 || {};
      Object.assign(props0, props1);
    }
  }
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    if (data.kind === undefined) {
      const err18 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'kind' },
        message: "must have required property '" + 'kind' + "'",
      };
      if (vErrors === null) {
        vErrors = [err18];
      } else {
        vErrors.push(err18);
      }
      errors++;
    }
    if (props0 !== true) {
      props0 = props0 || {};
      props0.kind = true;
    }
    if (data.kind !== undefined) {
      let data8 = data.kind;
      if (!(data8 === 'root' || data8 === 'childOf' || data8 === 'referencedBy')) {
        const err19 = {
          instancePath: instancePath + '/kind',
          schemaPath: '#/properties/kind/enum',
          keyword: 'enum',
          params: { allowedValues: schema44.properties.kind.enum },
          message: 'must be equal to one of the allowed values',
        };
        if (vErrors === null) {
          vErrors = [err19];
        } else {
          vErrors.push(err19);
        }
        errors++;
      }
    }
  } else {
    const err20 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
    };
    if (vErrors === null) {
      vErrors = [err20];
    } else {
      vErrors.push(err20);
    }
    errors++;
  }
  validate24.errors = vErrors;
  evaluated0.props = props0;
  return errors === 0;
}
validate24.evaluated = { dynamicProps: true, dynamicItems: false };
const schema53 = { type: 'array', minItems: 1, items: { $ref: '#/$defs/template' } };
function validate29(
  data,
  { instancePath = '', parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate29.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  if (Array.isArray(data)) {
    if (data.length < 1) {
      const err0 = {
        instancePath,
        schemaPath: '#/minItems',
        keyword: 'minItems',
        params: { limit: 1 },
        message: 'must NOT have fewer than 1 items',
      };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    const len0 = data.length;
    for (let i0 = 0; i0 < len0; i0++) {
      if (
        !validate25(data[i0], {
          instancePath: instancePath + '/' + i0,
          parentData: data,
          parentDataProperty: i0,
          rootData,
          dynamicAnchors,
        })
      ) {
        vErrors = vErrors === null ? validate25.errors : vErrors.concat(validate25.errors);
        errors = vErrors.length;
      }
    }
  } else {
    const err1 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'array' },
      message: 'must be array',
    };
    if (vErrors === null) {
      vErrors = [err1];
    } else {
      vErrors.push(err1);
    }
    errors++;
  }
  validate29.errors = vErrors;
  return errors === 0;
}
validate29.evaluated = { items: true, dynamicProps: false, dynamicItems: false };
function validate21(
  data,
  { instancePath = '', parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate21.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    if (data.name === undefined) {
      const err0 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'name' },
        message: "must have required property '" + 'name' + "'",
      };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.fields === undefined) {
      const err1 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'fields' },
        message: "must have required property '" + 'fields' + "'",
      };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    if (data.dependsOn === undefined) {
      const err2 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'dependsOn' },
        message: "must have required property '" + 'dependsOn' + "'",
      };
      if (vErrors === null) {
        vErrors = [err2];
      } else {
        vErrors.push(err2);
      }
      errors++;
    }
    if (data.fingerprint === undefined) {
      const err3 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'fingerprint' },
        message: "must have required property '" + 'fingerprint' + "'",
      };
      if (vErrors === null) {
        vErrors = [err3];
      } else {
        vErrors.push(err3);
      }
      errors++;
    }
    if (data.syncEveryMinutes === undefined) {
      const err4 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'syncEveryMinutes' },
        message: "must have required property '" + 'syncEveryMinutes' + "'",
      };
      if (vErrors === null) {
        vErrors = [err4];
      } else {
        vErrors.push(err4);
      }
      errors++;
    }
    if (data.upload === undefined) {
      const err5 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'upload' },
        message: "must have required property '" + 'upload' + "'",
      };
      if (vErrors === null) {
        vErrors = [err5];
      } else {
        vErrors.push(err5);
      }
      errors++;
    }
    if (data.reconcileEverySync === undefined) {
      const err6 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'reconcileEverySync' },
        message: "must have required property '" + 'reconcileEverySync' + "'",
      };
      if (vErrors === null) {
        vErrors = [err6];
      } else {
        vErrors.push(err6);
      }
      errors++;
    }
    if (data.paths === undefined) {
      const err7 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'paths' },
        message: "must have required property '" + 'paths' + "'",
      };
      if (vErrors === null) {
        vErrors = [err7];
      } else {
        vErrors.push(err7);
      }
      errors++;
    }
    if (data.queries === undefined) {
      const err8 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'queries' },
        message: "must have required property '" + 'queries' + "'",
      };
      if (vErrors === null) {
        vErrors = [err8];
      } else {
        vErrors.push(err8);
      }
      errors++;
    }
    if (data.name !== undefined) {
      let data0 = data.name;
      if (typeof data0 === 'string') {
        if (!pattern6.test(data0)) {
          const err9 = {
            instancePath: instancePath + '/name',
            schemaPath: '#/$defs/name/pattern',
            keyword: 'pattern',
            params: { pattern: '^[A-Za-z][A-Za-z0-9_]*$' },
            message: 'must match pattern "' + '^[A-Za-z][A-Za-z0-9_]*$' + '"',
          };
          if (vErrors === null) {
            vErrors = [err9];
          } else {
            vErrors.push(err9);
          }
          errors++;
        }
      } else {
        const err10 = {
          instancePath: instancePath + '/name',
          schemaPath: '#/$defs/name/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err10];
        } else {
          vErrors.push(err10);
        }
        errors++;
      }
    }
    if (data.fields !== undefined) {
      let data1 = data.fields;
      if (Array.isArray(data1)) {
        if (data1.length < 2) {
          const err11 = {
            instancePath: instancePath + '/fields',
            schemaPath: '#/properties/fields/minItems',
            keyword: 'minItems',
            params: { limit: 2 },
            message: 'must NOT have fewer than 2 items',
          };
          if (vErrors === null) {
            vErrors = [err11];
          } else {
            vErrors.push(err11);
          }
          errors++;
        }
        const len0 = data1.length;
        for (let i0 = 0; i0 < len0; i0++) {
          let data2 = data1[i0];
          if (typeof data2 === 'string') {
            if (!pattern6.test(data2)) {
              const err12 = {
                instancePath: instancePath + '/fields/' + i0,
                schemaPath: '#/$defs/name/pattern',
                keyword: 'pattern',
                params: { pattern: '^[A-Za-z][A-Za-z0-9_]*$' },
                message: 'must match pattern "' + '^[A-Za-z][A-Za-z0-9_]*$' + '"',
              };
              if (vErrors === null) {
                vErrors = [err12];
              } else {
                vErrors.push(err12);
              }
              errors++;
            }
          } else {
            const err13 = {
              instancePath: instancePath + '/fields/' + i0,
              schemaPath: '#/$defs/name/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
            };
            if (vErrors === null) {
              vErrors = [err13];
            } else {
              vErrors.push(err13);
            }
            errors++;
          }
        }
      } else {
        const err14 = {
          instancePath: instancePath + '/fields',
          schemaPath: '#/properties/fields/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
        };
        if (vErrors === null) {
          vErrors = [err14];
        } else {
          vErrors.push(err14);
        }
        errors++;
      }
    }
    if (data.dependsOn !== undefined) {
      let data3 = data.dependsOn;
      if (Array.isArray(data3)) {
        const len1 = data3.length;
        for (let i1 = 0; i1 < len1; i1++) {
          let data4 = data3[i1];
          if (typeof data4 === 'string') {
            if (!pattern6.test(data4)) {
              const err15 = {
                instancePath: instancePath + '/dependsOn/' + i1,
                schemaPath: '#/$defs/name/pattern',
                keyword: 'pattern',
                params: { pattern: '^[A-Za-z][A-Za-z0-9_]*$' },
                message: 'must match pattern "' + '^[A-Za-z][A-Za-z0-9_]*$' + '"',
              };
              if (vErrors === null) {
                vErrors = [err15];
              } else {
                vErrors.push(err15);
              }
              errors++;
            }
          } else {
            const err16 = {
              instancePath: instancePath + '/dependsOn/' + i1,
              schemaPath: '#/$defs/name/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
            };
            if (vErrors === null) {
              vErrors = [err16];
            } else {
              vErrors.push(err16);
            }
            errors++;
          }
        }
      } else {
        const err17 = {
          instancePath: instancePath + '/dependsOn',
          schemaPath: '#/properties/dependsOn/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
        };
        if (vErrors === null) {
          vErrors = [err17];
        } else {
          vErrors.push(err17);
        }
        errors++;
      }
    }
    if (data.fingerprint !== undefined) {
      let data5 = data.fingerprint;
      if (typeof data5 === 'string') {
        if (!pattern4.test(data5)) {
          const err18 = {
            instancePath: instancePath + '/fingerprint',
            schemaPath: '#/$defs/sha256/pattern',
            keyword: 'pattern',
            params: { pattern: '^[0-9a-f]{64}$' },
            message: 'must match pattern "' + '^[0-9a-f]{64}$' + '"',
          };
          if (vErrors === null) {
            vErrors = [err18];
          } else {
            vErrors.push(err18);
          }
          errors++;
        }
      } else {
        const err19 = {
          instancePath: instancePath + '/fingerprint',
          schemaPath: '#/$defs/sha256/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err19];
        } else {
          vErrors.push(err19);
        }
        errors++;
      }
    }
    if (data.syncEveryMinutes !== undefined) {
      let data6 = data.syncEveryMinutes;
      if (!(typeof data6 == 'number' && !(data6 % 1) && !isNaN(data6) && isFinite(data6))) {
        const err20 = {
          instancePath: instancePath + '/syncEveryMinutes',
          schemaPath: '#/properties/syncEveryMinutes/type',
          keyword: 'type',
          params: { type: 'integer' },
          message: 'must be integer',
        };
        if (vErrors === null) {
          vErrors = [err20];
        } else {
          vErrors.push(err20);
        }
        errors++;
      }
      if (typeof data6 == 'number' && isFinite(data6)) {
        if (data6 < 1 || isNaN(data6)) {
          const err21 = {
            instancePath: instancePath + '/syncEveryMinutes',
            schemaPath: '#/properties/syncEveryMinutes/minimum',
            keyword: 'minimum',
            params: { comparison: '>=', limit: 1 },
            message: 'must be >= 1',
          };
          if (vErrors === null) {
            vErrors = [err21];
          } else {
            vErrors.push(err21);
          }
          errors++;
        }
      }
    }
    if (data.upload !== undefined) {
      if (
        !validate22(data.upload, {
          instancePath: instancePath + '/upload',
          parentData: data,
          parentDataProperty: 'upload',
          rootData,
          dynamicAnchors,
        })
      ) {
        vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
        errors = vErrors.length;
      }
    }
    if (data.limit !== undefined) {
      let data8 = data.limit;
      if (!(typeof data8 == 'number' && !(data8 % 1) && !isNaN(data8) && isFinite(data8))) {
        const err22 = {
          instancePath: instancePath + '/limit',
          schemaPath: '#/properties/limit/type',
          keyword: 'type',
          params: { type: 'integer' },
          message: 'must be integer',
        };
        if (vErrors === null) {
          vErrors = [err22];
        } else {
          vErrors.push(err22);
        }
        errors++;
      }
      if (typeof data8 == 'number' && isFinite(data8)) {
        if (data8 > 50000 || isNaN(data8)) {
          const err23 = {
            instancePath: instancePath + '/limit',
            schemaPath: '#/properties/limit/maximum',
            keyword: 'maximum',
            params: { comparison: '<=', limit: 50000 },
            message: 'must be <= 50000',
          };
          if (vErrors === null) {
            vErrors = [err23];
          } else {
            vErrors.push(err23);
          }
          errors++;
        }
        if (data8 < 1 || isNaN(data8)) {
          const err24 = {
            instancePath: instancePath + '/limit',
            schemaPath: '#/properties/limit/minimum',
            keyword: 'minimum',
            params: { comparison: '>=', limit: 1 },
            message: 'must be >= 1',
          };
          if (vErrors === null) {
            vErrors = [err24];
          } else {
            vErrors.push(err24);
          }
          errors++;
        }
      }
    }
    if (data.orderBy !== undefined) {
      if (typeof data.orderBy !== 'string') {
        const err25 = {
          instancePath: instancePath + '/orderBy',
          schemaPath: '#/properties/orderBy/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err25];
        } else {
          vErrors.push(err25);
        }
        errors++;
      }
    }
    if (data.orderKeys !== undefined) {
      let data10 = data.orderKeys;
      if (Array.isArray(data10)) {
        if (data10.length < 1) {
          const err26 = {
            instancePath: instancePath + '/orderKeys',
            schemaPath: '#/properties/orderKeys/minItems',
            keyword: 'minItems',
            params: { limit: 1 },
            message: 'must NOT have fewer than 1 items',
          };
          if (vErrors === null) {
            vErrors = [err26];
          } else {
            vErrors.push(err26);
          }
          errors++;
        }
        const len2 = data10.length;
        for (let i2 = 0; i2 < len2; i2++) {
          let data11 = data10[i2];
          if (data11 && typeof data11 == 'object' && !Array.isArray(data11)) {
            if (data11.field === undefined) {
              const err27 = {
                instancePath: instancePath + '/orderKeys/' + i2,
                schemaPath: '#/properties/orderKeys/items/required',
                keyword: 'required',
                params: { missingProperty: 'field' },
                message: "must have required property '" + 'field' + "'",
              };
              if (vErrors === null) {
                vErrors = [err27];
              } else {
                vErrors.push(err27);
              }
              errors++;
            }
            if (data11.order === undefined) {
              const err28 = {
                instancePath: instancePath + '/orderKeys/' + i2,
                schemaPath: '#/properties/orderKeys/items/required',
                keyword: 'required',
                params: { missingProperty: 'order' },
                message: "must have required property '" + 'order' + "'",
              };
              if (vErrors === null) {
                vErrors = [err28];
              } else {
                vErrors.push(err28);
              }
              errors++;
            }
            if (data11.nulls === undefined) {
              const err29 = {
                instancePath: instancePath + '/orderKeys/' + i2,
                schemaPath: '#/properties/orderKeys/items/required',
                keyword: 'required',
                params: { missingProperty: 'nulls' },
                message: "must have required property '" + 'nulls' + "'",
              };
              if (vErrors === null) {
                vErrors = [err29];
              } else {
                vErrors.push(err29);
              }
              errors++;
            }
            if (data11.field !== undefined) {
              let data12 = data11.field;
              if (typeof data12 === 'string') {
                if (!pattern6.test(data12)) {
                  const err30 = {
                    instancePath: instancePath + '/orderKeys/' + i2 + '/field',
                    schemaPath: '#/$defs/name/pattern',
                    keyword: 'pattern',
                    params: { pattern: '^[A-Za-z][A-Za-z0-9_]*$' },
                    message: 'must match pattern "' + '^[A-Za-z][A-Za-z0-9_]*$' + '"',
                  };
                  if (vErrors === null) {
                    vErrors = [err30];
                  } else {
                    vErrors.push(err30);
                  }
                  errors++;
                }
              } else {
                const err31 = {
                  instancePath: instancePath + '/orderKeys/' + i2 + '/field',
                  schemaPath: '#/$defs/name/type',
                  keyword: 'type',
                  params: { type: 'string' },
                  message: 'must be string',
                };
                if (vErrors === null) {
                  vErrors = [err31];
                } else {
                  vErrors.push(err31);
                }
                errors++;
              }
            }
            if (data11.order !== undefined) {
              let data13 = data11.order;
              if (!(data13 === 'ASC' || data13 === 'DESC')) {
                const err32 = {
                  instancePath: instancePath + '/orderKeys/' + i2 + '/order',
                  schemaPath: '#/properties/orderKeys/items/properties/order/enum',
                  keyword: 'enum',
                  params: { allowedValues: schema33.properties.orderKeys.items.properties.order.enum },
                  message: 'must be equal to one of the allowed values',
                };
                if (vErrors === null) {
                  vErrors = [err32];
                } else {
                  vErrors.push(err32);
                }
                errors++;
              }
            }
            if (data11.nulls !== undefined) {
              let data14 = data11.nulls;
              if (!(data14 === 'FIRST' || data14 === 'LAST')) {
                const err33 = {
                  instancePath: instancePath + '/orderKeys/' + i2 + '/nulls',
                  schemaPath: '#/properties/orderKeys/items/properties/nulls/enum',
                  keyword: 'enum',
                  params: { allowedValues: schema33.properties.orderKeys.items.properties.nulls.enum },
                  message: 'must be equal to one of the allowed values',
                };
                if (vErrors === null) {
                  vErrors = [err33];
                } else {
                  vErrors.push(err33);
                }
                errors++;
              }
            }
          } else {
            const err34 = {
              instancePath: instancePath + '/orderKeys/' + i2,
              schemaPath: '#/properties/orderKeys/items/type',
              keyword: 'type',
              params: { type: 'object' },
              message: 'must be object',
            };
            if (vErrors === null) {
              vErrors = [err34];
            } else {
              vErrors.push(err34);
            }
            errors++;
          }
        }
      } else {
        const err35 = {
          instancePath: instancePath + '/orderKeys',
          schemaPath: '#/properties/orderKeys/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
        };
        if (vErrors === null) {
          vErrors = [err35];
        } else {
          vErrors.push(err35);
        }
        errors++;
      }
    }
    if (data.reconcileEverySync !== undefined) {
      if (typeof data.reconcileEverySync !== 'boolean') {
        const err36 = {
          instancePath: instancePath + '/reconcileEverySync',
          schemaPath: '#/properties/reconcileEverySync/type',
          keyword: 'type',
          params: { type: 'boolean' },
          message: 'must be boolean',
        };
        if (vErrors === null) {
          vErrors = [err36];
        } else {
          vErrors.push(err36);
        }
        errors++;
      }
    }
    if (data.reconcileReason !== undefined) {
      if (typeof data.reconcileReason !== 'string') {
        const err37 = {
          instancePath: instancePath + '/reconcileReason',
          schemaPath: '#/properties/reconcileReason/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err37];
        } else {
          vErrors.push(err37);
        }
        errors++;
      }
    }
    if (data.paths !== undefined) {
      let data17 = data.paths;
      if (Array.isArray(data17)) {
        if (data17.length < 1) {
          const err38 = {
            instancePath: instancePath + '/paths',
            schemaPath: '#/properties/paths/minItems',
            keyword: 'minItems',
            params: { limit: 1 },
            message: 'must NOT have fewer than 1 items',
          };
          if (vErrors === null) {
            vErrors = [err38];
          } else {
            vErrors.push(err38);
          }
          errors++;
        }
        const len3 = data17.length;
        for (let i3 = 0; i3 < len3; i3++) {
          if (
            !validate24(data17[i3], {
              instancePath: instancePath + '/paths/' + i3,
              parentData: data17,
              parentDataProperty: i3,
              rootData,
              dynamicAnchors,
            })
          ) {
            vErrors = vErrors === null ? validate24.errors : vErrors.concat(validate24.errors);
            errors = vErrors.length;
          }
        }
      } else {
        const err39 = {
          instancePath: instancePath + '/paths',
          schemaPath: '#/properties/paths/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
        };
        if (vErrors === null) {
          vErrors = [err39];
        } else {
          vErrors.push(err39);
        }
        errors++;
      }
    }
    if (data.queries !== undefined) {
      let data19 = data.queries;
      if (data19 && typeof data19 == 'object' && !Array.isArray(data19)) {
        if (data19.full === undefined) {
          const err40 = {
            instancePath: instancePath + '/queries',
            schemaPath: '#/properties/queries/required',
            keyword: 'required',
            params: { missingProperty: 'full' },
            message: "must have required property '" + 'full' + "'",
          };
          if (vErrors === null) {
            vErrors = [err40];
          } else {
            vErrors.push(err40);
          }
          errors++;
        }
        if (data19.delta === undefined) {
          const err41 = {
            instancePath: instancePath + '/queries',
            schemaPath: '#/properties/queries/required',
            keyword: 'required',
            params: { missingProperty: 'delta' },
            message: "must have required property '" + 'delta' + "'",
          };
          if (vErrors === null) {
            vErrors = [err41];
          } else {
            vErrors.push(err41);
          }
          errors++;
        }
        if (data19.ids === undefined) {
          const err42 = {
            instancePath: instancePath + '/queries',
            schemaPath: '#/properties/queries/required',
            keyword: 'required',
            params: { missingProperty: 'ids' },
            message: "must have required property '" + 'ids' + "'",
          };
          if (vErrors === null) {
            vErrors = [err42];
          } else {
            vErrors.push(err42);
          }
          errors++;
        }
        if (data19.full !== undefined) {
          if (
            !validate29(data19.full, {
              instancePath: instancePath + '/queries/full',
              parentData: data19,
              parentDataProperty: 'full',
              rootData,
              dynamicAnchors,
            })
          ) {
            vErrors = vErrors === null ? validate29.errors : vErrors.concat(validate29.errors);
            errors = vErrors.length;
          }
        }
        if (data19.delta !== undefined) {
          if (
            !validate29(data19.delta, {
              instancePath: instancePath + '/queries/delta',
              parentData: data19,
              parentDataProperty: 'delta',
              rootData,
              dynamicAnchors,
            })
          ) {
            vErrors = vErrors === null ? validate29.errors : vErrors.concat(validate29.errors);
            errors = vErrors.length;
          }
        }
        if (data19.ids !== undefined) {
          if (
            !validate29(data19.ids, {
              instancePath: instancePath + '/queries/ids',
              parentData: data19,
              parentDataProperty: 'ids',
              rootData,
              dynamicAnchors,
            })
          ) {
            vErrors = vErrors === null ? validate29.errors : vErrors.concat(validate29.errors);
            errors = vErrors.length;
          }
        }
        if (data19.byIds !== undefined) {
          if (
            !validate25(data19.byIds, {
              instancePath: instancePath + '/queries/byIds',
              parentData: data19,
              parentDataProperty: 'byIds',
              rootData,
              dynamicAnchors,
            })
          ) {
            vErrors = vErrors === null ? validate25.errors : vErrors.concat(validate25.errors);
            errors = vErrors.length;
          }
        }
        if (data19.count !== undefined) {
          if (
            !validate29(data19.count, {
              instancePath: instancePath + '/queries/count',
              parentData: data19,
              parentDataProperty: 'count',
              rootData,
              dynamicAnchors,
            })
          ) {
            vErrors = vErrors === null ? validate29.errors : vErrors.concat(validate29.errors);
            errors = vErrors.length;
          }
        }
      } else {
        const err43 = {
          instancePath: instancePath + '/queries',
          schemaPath: '#/properties/queries/type',
          keyword: 'type',
          params: { type: 'object' },
          message: 'must be object',
        };
        if (vErrors === null) {
          vErrors = [err43];
        } else {
          vErrors.push(err43);
        }
        errors++;
      }
    }
  } else {
    const err44 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
    };
    if (vErrors === null) {
      vErrors = [err44];
    } else {
      vErrors.push(err44);
    }
    errors++;
  }
  validate21.errors = vErrors;
  return errors === 0;
}
validate21.evaluated = {
  props: {
    name: true,
    fields: true,
    dependsOn: true,
    fingerprint: true,
    syncEveryMinutes: true,
    upload: true,
    limit: true,
    orderBy: true,
    orderKeys: true,
    reconcileEverySync: true,
    reconcileReason: true,
    paths: true,
    queries: true,
  },
  dynamicProps: false,
  dynamicItems: false,
};
function validate20(
  data,
  { instancePath = '', parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  /*# sourceURL="https://syncscope.dev/schemas/sync-plan.schema.json" */ let vErrors = null;
  let errors = 0;
  const evaluated0 = validate20.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    if (data.planVersion === undefined) {
      const err0 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'planVersion' },
        message: "must have required property '" + 'planVersion' + "'",
      };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.scopeName === undefined) {
      const err1 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'scopeName' },
        message: "must have required property '" + 'scopeName' + "'",
      };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    if (data.scopeHash === undefined) {
      const err2 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'scopeHash' },
        message: "must have required property '" + 'scopeHash' + "'",
      };
      if (vErrors === null) {
        vErrors = [err2];
      } else {
        vErrors.push(err2);
      }
      errors++;
    }
    if (data.apiVersion === undefined) {
      const err3 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'apiVersion' },
        message: "must have required property '" + 'apiVersion' + "'",
      };
      if (vErrors === null) {
        vErrors = [err3];
      } else {
        vErrors.push(err3);
      }
      errors++;
    }
    if (data.watermarkField === undefined) {
      const err4 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'watermarkField' },
        message: "must have required property '" + 'watermarkField' + "'",
      };
      if (vErrors === null) {
        vErrors = [err4];
      } else {
        vErrors.push(err4);
      }
      errors++;
    }
    if (data.overlapSeconds === undefined) {
      const err5 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'overlapSeconds' },
        message: "must have required property '" + 'overlapSeconds' + "'",
      };
      if (vErrors === null) {
        vErrors = [err5];
      } else {
        vErrors.push(err5);
      }
      errors++;
    }
    if (data.syncEveryMinutes === undefined) {
      const err6 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'syncEveryMinutes' },
        message: "must have required property '" + 'syncEveryMinutes' + "'",
      };
      if (vErrors === null) {
        vErrors = [err6];
      } else {
        vErrors.push(err6);
      }
      errors++;
    }
    if (data.parameters === undefined) {
      const err7 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'parameters' },
        message: "must have required property '" + 'parameters' + "'",
      };
      if (vErrors === null) {
        vErrors = [err7];
      } else {
        vErrors.push(err7);
      }
      errors++;
    }
    if (data.objects === undefined) {
      const err8 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'objects' },
        message: "must have required property '" + 'objects' + "'",
      };
      if (vErrors === null) {
        vErrors = [err8];
      } else {
        vErrors.push(err8);
      }
      errors++;
    }
    if (data.planVersion !== undefined) {
      if (1 !== data.planVersion) {
        const err9 = {
          instancePath: instancePath + '/planVersion',
          schemaPath: '#/properties/planVersion/const',
          keyword: 'const',
          params: { allowedValue: 1 },
          message: 'must be equal to constant',
        };
        if (vErrors === null) {
          vErrors = [err9];
        } else {
          vErrors.push(err9);
        }
        errors++;
      }
    }
    if (data.scopeName !== undefined) {
      if (typeof data.scopeName !== 'string') {
        const err10 = {
          instancePath: instancePath + '/scopeName',
          schemaPath: '#/properties/scopeName/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err10];
        } else {
          vErrors.push(err10);
        }
        errors++;
      }
    }
    if (data.scopeHash !== undefined) {
      let data2 = data.scopeHash;
      if (typeof data2 === 'string') {
        if (!pattern4.test(data2)) {
          const err11 = {
            instancePath: instancePath + '/scopeHash',
            schemaPath: '#/$defs/sha256/pattern',
            keyword: 'pattern',
            params: { pattern: '^[0-9a-f]{64}$' },
            message: 'must match pattern "' + '^[0-9a-f]{64}$' + '"',
          };
          if (vErrors === null) {
            vErrors = [err11];
          } else {
            vErrors.push(err11);
          }
          errors++;
        }
      } else {
        const err12 = {
          instancePath: instancePath + '/scopeHash',
          schemaPath: '#/$defs/sha256/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err12];
        } else {
          vErrors.push(err12);
        }
        errors++;
      }
    }
    if (data.apiVersion !== undefined) {
      let data3 = data.apiVersion;
      if (typeof data3 === 'string') {
        if (!pattern5.test(data3)) {
          const err13 = {
            instancePath: instancePath + '/apiVersion',
            schemaPath: '#/properties/apiVersion/pattern',
            keyword: 'pattern',
            params: { pattern: '^[1-9][0-9]\\.0$' },
            message: 'must match pattern "' + '^[1-9][0-9]\\.0$' + '"',
          };
          if (vErrors === null) {
            vErrors = [err13];
          } else {
            vErrors.push(err13);
          }
          errors++;
        }
      } else {
        const err14 = {
          instancePath: instancePath + '/apiVersion',
          schemaPath: '#/properties/apiVersion/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err14];
        } else {
          vErrors.push(err14);
        }
        errors++;
      }
    }
    if (data.watermarkField !== undefined) {
      let data4 = data.watermarkField;
      if (!(data4 === 'LastModifiedDate' || data4 === 'SystemModstamp')) {
        const err15 = {
          instancePath: instancePath + '/watermarkField',
          schemaPath: '#/properties/watermarkField/enum',
          keyword: 'enum',
          params: { allowedValues: schema31.properties.watermarkField.enum },
          message: 'must be equal to one of the allowed values',
        };
        if (vErrors === null) {
          vErrors = [err15];
        } else {
          vErrors.push(err15);
        }
        errors++;
      }
    }
    if (data.overlapSeconds !== undefined) {
      let data5 = data.overlapSeconds;
      if (!(typeof data5 == 'number' && !(data5 % 1) && !isNaN(data5) && isFinite(data5))) {
        const err16 = {
          instancePath: instancePath + '/overlapSeconds',
          schemaPath: '#/properties/overlapSeconds/type',
          keyword: 'type',
          params: { type: 'integer' },
          message: 'must be integer',
        };
        if (vErrors === null) {
          vErrors = [err16];
        } else {
          vErrors.push(err16);
        }
        errors++;
      }
      if (typeof data5 == 'number' && isFinite(data5)) {
        if (data5 < 0 || isNaN(data5)) {
          const err17 = {
            instancePath: instancePath + '/overlapSeconds',
            schemaPath: '#/properties/overlapSeconds/minimum',
            keyword: 'minimum',
            params: { comparison: '>=', limit: 0 },
            message: 'must be >= 0',
          };
          if (vErrors === null) {
            vErrors = [err17];
          } else {
            vErrors.push(err17);
          }
          errors++;
        }
      }
    }
    if (data.syncEveryMinutes !== undefined) {
      let data6 = data.syncEveryMinutes;
      if (!(typeof data6 == 'number' && !(data6 % 1) && !isNaN(data6) && isFinite(data6))) {
        const err18 = {
          instancePath: instancePath + '/syncEveryMinutes',
          schemaPath: '#/properties/syncEveryMinutes/type',
          keyword: 'type',
          params: { type: 'integer' },
          message: 'must be integer',
        };
        if (vErrors === null) {
          vErrors = [err18];
        } else {
          vErrors.push(err18);
        }
        errors++;
      }
      if (typeof data6 == 'number' && isFinite(data6)) {
        if (data6 < 1 || isNaN(data6)) {
          const err19 = {
            instancePath: instancePath + '/syncEveryMinutes',
            schemaPath: '#/properties/syncEveryMinutes/minimum',
            keyword: 'minimum',
            params: { comparison: '>=', limit: 1 },
            message: 'must be >= 1',
          };
          if (vErrors === null) {
            vErrors = [err19];
          } else {
            vErrors.push(err19);
          }
          errors++;
        }
      }
    }
    if (data.parameters !== undefined) {
      let data7 = data.parameters;
      if (data7 && typeof data7 == 'object' && !Array.isArray(data7)) {
        for (const key0 in data7) {
          let data8 = data7[key0];
          if (!(
            data8 === 'string' ||
            data8 === 'id' ||
            data8 === 'boolean' ||
            data8 === 'integer' ||
            data8 === 'double' ||
            data8 === 'date' ||
            data8 === 'datetime'
          )) {
            const err20 = {
              instancePath: instancePath + '/parameters/' + key0.replace(/~/g, '~0').replace(/\//g, '~1'),
              schemaPath: '#/properties/parameters/additionalProperties/enum',
              keyword: 'enum',
              params: { allowedValues: schema31.properties.parameters.additionalProperties.enum },
              message: 'must be equal to one of the allowed values',
            };
            if (vErrors === null) {
              vErrors = [err20];
            } else {
              vErrors.push(err20);
            }
            errors++;
          }
        }
      } else {
        const err21 = {
          instancePath: instancePath + '/parameters',
          schemaPath: '#/properties/parameters/type',
          keyword: 'type',
          params: { type: 'object' },
          message: 'must be object',
        };
        if (vErrors === null) {
          vErrors = [err21];
        } else {
          vErrors.push(err21);
        }
        errors++;
      }
    }
    if (data.objects !== undefined) {
      let data9 = data.objects;
      if (Array.isArray(data9)) {
        const len0 = data9.length;
        for (let i0 = 0; i0 < len0; i0++) {
          if (
            !validate21(data9[i0], {
              instancePath: instancePath + '/objects/' + i0,
              parentData: data9,
              parentDataProperty: i0,
              rootData,
              dynamicAnchors,
            })
          ) {
            vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
            errors = vErrors.length;
          }
        }
      } else {
        const err22 = {
          instancePath: instancePath + '/objects',
          schemaPath: '#/properties/objects/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
        };
        if (vErrors === null) {
          vErrors = [err22];
        } else {
          vErrors.push(err22);
        }
        errors++;
      }
    }
  } else {
    const err23 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
    };
    if (vErrors === null) {
      vErrors = [err23];
    } else {
      vErrors.push(err23);
    }
    errors++;
  }
  validate20.errors = vErrors;
  return errors === 0;
}
validate20.evaluated = {
  props: {
    planVersion: true,
    scopeName: true,
    scopeHash: true,
    apiVersion: true,
    watermarkField: true,
    overlapSeconds: true,
    syncEveryMinutes: true,
    parameters: true,
    objects: true,
  },
  dynamicProps: false,
  dynamicItems: false,
};
