// GENERATED from schemas/sync-scope.schema.json by `npm run generate:validators`
// (node bin/run-ts.js scripts/generate-validators.ts). Do not edit: change the schema and regenerate.
// A test fails when this file is stale. Ajv standalone code: no run-time compilation, no eval.
/* eslint-disable */
// @ts-nocheck
const ajvRuntime_ucs2length = function ucs2length(str) {
  const len = str.length;
  let length = 0;
  let pos = 0;
  let value;
  while (pos < len) {
    length++;
    value = str.charCodeAt(pos++);
    if (value >= 0xd800 && value <= 0xdbff && pos < len) {
      // high surrogate, and there is a next character
      value = str.charCodeAt(pos);
      if ((value & 0xfc00) === 0xdc00) pos++; // low surrogate
    }
  }
  return length;
};
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
  $id: 'https://syncscope.dev/schemas/sync-scope.schema.json',
  title: 'syncscope sync scope',
  description:
    "Which Salesforce objects, fields and records go to field workers' devices. Compiled by `syncscope compile` into a sync plan.",
  type: 'object',
  required: ['scopeVersion', 'name', 'objects'],
  additionalProperties: false,
  properties: {
    $schema: {
      type: 'string',
      description: 'Editor hint: the path or URL of this schema. Ignored by the compiler.',
    },
    scopeVersion: { const: 1, description: 'Version of the scope format. Only 1 exists.' },
    name: { type: 'string', minLength: 1, maxLength: 120, description: 'Shown to admins and devices.' },
    description: { type: 'string', maxLength: 2000 },
    apiVersion: {
      type: 'string',
      pattern: '^[1-9][0-9]\\.0$',
      default: '62.0',
      description: 'Salesforce REST API version the device uses, e.g. "62.0".',
    },
    watermarkField: {
      enum: ['LastModifiedDate', 'SystemModstamp'],
      default: 'LastModifiedDate',
      description:
        'Timestamp that delta downloads compare with the last sync. SystemModstamp is indexed and also changes on system updates.',
    },
    overlapSeconds: {
      type: 'integer',
      minimum: 0,
      maximum: 3600,
      default: 60,
      description: 'How far before the watermark a delta re-reads, for records committed late.',
    },
    syncEveryMinutes: {
      type: 'integer',
      minimum: 1,
      maximum: 10080,
      default: 60,
      description: 'Download schedule for every object that does not set its own.',
    },
    parameters: {
      type: 'object',
      description:
        'Bind parameters usable as :name in `where`, name -> SOQL type. The device supplies their values.',
      propertyNames: { pattern: '^[A-Za-z][A-Za-z0-9_]{0,39}$' },
      additionalProperties: { enum: ['string', 'id', 'boolean', 'integer', 'double', 'date', 'datetime'] },
    },
    objects: {
      type: 'object',
      description: 'Keyed by sObject API name (Account, WorkOrder, Invoice__c, ns__Thing__c).',
      minProperties: 1,
      propertyNames: { pattern: '^[A-Za-z][A-Za-z0-9_]{0,79}$' },
      additionalProperties: { $ref: '#/$defs/object' },
    },
  },
  $defs: {
    fieldName: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_]{0,79}$' },
    path: {
      type: 'object',
      required: ['object', 'field'],
      additionalProperties: false,
      properties: {
        object: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_]{0,79}$' },
        field: { $ref: '#/$defs/fieldName' },
        relationshipName: {
          type: 'string',
          pattern: '^[A-Za-z][A-Za-z0-9_]{0,79}$',
          description:
            'Relationship name of `field` when it does not follow the convention (AccountId -> Account, Foo__c -> Foo__r).',
        },
      },
    },
    pathOrPaths: {
      if: { type: 'array' },
      then: { type: 'array', minItems: 1, items: { $ref: '#/$defs/path' } },
      else: { $ref: '#/$defs/path' },
    },
    object: {
      type: 'object',
      required: ['fields'],
      additionalProperties: false,
      properties: {
        fields: {
          type: 'array',
          items: { $ref: '#/$defs/fieldName' },
          uniqueItems: true,
          description:
            'Fields the device needs. Id, the watermark field and path reference fields are added.',
        },
        where: { type: 'string', minLength: 1, maxLength: 4000, description: 'A SOQL condition.' },
        orderBy: { type: 'string', minLength: 1, maxLength: 400, description: 'SOQL ORDER BY list.' },
        limit: {
          type: 'integer',
          minimum: 1,
          maximum: 50000,
          description: 'The device holds exactly the first `limit` records by `orderBy`.',
        },
        childOf: {
          $ref: '#/$defs/pathOrPaths',
          description: 'Records whose reference field points at an in-scope record of the parent object.',
        },
        referencedBy: {
          $ref: '#/$defs/pathOrPaths',
          description: 'Records that in-scope records of another object point at through their field.',
        },
        access: { enum: ['read', 'readWrite'], default: 'read' },
        conflict: {
          enum: ['clientWins', 'serverWins', 'manual'],
          description: 'Only with access readWrite.',
        },
        syncEveryMinutes: { type: 'integer', minimum: 1, maximum: 10080 },
        externalIdField: {
          $ref: '#/$defs/fieldName',
          description:
            'An external-Id field; creates upload as upserts on it, so a retried upload never duplicates.',
        },
      },
    },
  },
};
const func1 = Object.prototype.hasOwnProperty;
const func2 = ajvRuntime_ucs2length;
const pattern4 = new RegExp('^[1-9][0-9]\\.0$', 'u');
const pattern5 = new RegExp('^[A-Za-z][A-Za-z0-9_]{0,39}$', 'u');
const pattern6 = new RegExp('^[A-Za-z][A-Za-z0-9_]{0,79}$', 'u');
const schema32 = {
  type: 'object',
  required: ['fields'],
  additionalProperties: false,
  properties: {
    fields: {
      type: 'array',
      items: { $ref: '#/$defs/fieldName' },
      uniqueItems: true,
      description: 'Fields the device needs. Id, the watermark field and path reference fields are added.',
    },
    where: { type: 'string', minLength: 1, maxLength: 4000, description: 'A SOQL condition.' },
    orderBy: { type: 'string', minLength: 1, maxLength: 400, description: 'SOQL ORDER BY list.' },
    limit: {
      type: 'integer',
      minimum: 1,
      maximum: 50000,
      description: 'The device holds exactly the first `limit` records by `orderBy`.',
    },
    childOf: {
      $ref: '#/$defs/pathOrPaths',
      description: 'Records whose reference field points at an in-scope record of the parent object.',
    },
    referencedBy: {
      $ref: '#/$defs/pathOrPaths',
      description: 'Records that in-scope records of another object point at through their field.',
    },
    access: { enum: ['read', 'readWrite'], default: 'read' },
    conflict: { enum: ['clientWins', 'serverWins', 'manual'], description: 'Only with access readWrite.' },
    syncEveryMinutes: { type: 'integer', minimum: 1, maximum: 10080 },
    externalIdField: {
      $ref: '#/$defs/fieldName',
      description:
        'An external-Id field; creates upload as upserts on it, so a retried upload never duplicates.',
    },
  },
};
const schema33 = { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_]{0,79}$' };
const func0 = ajvRuntime_equal;
const schema34 = {
  if: { type: 'array' },
  then: { type: 'array', minItems: 1, items: { $ref: '#/$defs/path' } },
  else: { $ref: '#/$defs/path' },
};
const schema35 = {
  type: 'object',
  required: ['object', 'field'],
  additionalProperties: false,
  properties: {
    object: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_]{0,79}$' },
    field: { $ref: '#/$defs/fieldName' },
    relationshipName: {
      type: 'string',
      pattern: '^[A-Za-z][A-Za-z0-9_]{0,79}$',
      description:
        'Relationship name of `field` when it does not follow the convention (AccountId -> Account, Foo__c -> Foo__r).',
    },
  },
};
function validate23(
  data,
  { instancePath = '', parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate23.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    if (data.object === undefined) {
      const err0 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'object' },
        message: "must have required property '" + 'object' + "'",
      };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.field === undefined) {
      const err1 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'field' },
        message: "must have required property '" + 'field' + "'",
      };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(key0 === 'object' || key0 === 'field' || key0 === 'relationshipName')) {
        const err2 = {
          instancePath,
          schemaPath: '#/additionalProperties',
          keyword: 'additionalProperties',
          params: { additionalProperty: key0 },
          message: 'must NOT have additional properties',
        };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
    }
    if (data.object !== undefined) {
      let data0 = data.object;
      if (typeof data0 === 'string') {
        if (!pattern6.test(data0)) {
          const err3 = {
            instancePath: instancePath + '/object',
            schemaPath: '#/properties/object/pattern',
            keyword: 'pattern',
            params: { pattern: '^[A-Za-z][A-Za-z0-9_]{0,79}$' },
            message: 'must match pattern "' + '^[A-Za-z][A-Za-z0-9_]{0,79}$' + '"',
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
          instancePath: instancePath + '/object',
          schemaPath: '#/properties/object/type',
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
    if (data.field !== undefined) {
      let data1 = data.field;
      if (typeof data1 === 'string') {
        if (!pattern6.test(data1)) {
          const err5 = {
            instancePath: instancePath + '/field',
            schemaPath: '#/$defs/fieldName/pattern',
            keyword: 'pattern',
            params: { pattern: '^[A-Za-z][A-Za-z0-9_]{0,79}$' },
            message: 'must match pattern "' + '^[A-Za-z][A-Za-z0-9_]{0,79}$' + '"',
          };
          if (vErrors === null) {
            vErrors = [err5];
          } else {
            vErrors.push(err5);
          }
          errors++;
        }
      } else {
        const err6 = {
          instancePath: instancePath + '/field',
          schemaPath: '#/$defs/fieldName/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err6];
        } else {
          vErrors.push(err6);
        }
        errors++;
      }
    }
    if (data.relationshipName !== undefined) {
      let data2 = data.relationshipName;
      if (typeof data2 === 'string') {
        if (!pattern6.test(data2)) {
          const err7 = {
            instancePath: instancePath + '/relationshipName',
            schemaPath: '#/properties/relationshipName/pattern',
            keyword: 'pattern',
            params: { pattern: '^[A-Za-z][A-Za-z0-9_]{0,79}$' },
            message: 'must match pattern "' + '^[A-Za-z][A-Za-z0-9_]{0,79}$' + '"',
          };
          if (vErrors === null) {
            vErrors = [err7];
          } else {
            vErrors.push(err7);
          }
          errors++;
        }
      } else {
        const err8 = {
          instancePath: instancePath + '/relationshipName',
          schemaPath: '#/properties/relationshipName/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err8];
        } else {
          vErrors.push(err8);
        }
        errors++;
      }
    }
  } else {
    const err9 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
    };
    if (vErrors === null) {
      vErrors = [err9];
    } else {
      vErrors.push(err9);
    }
    errors++;
  }
  validate23.errors = vErrors;
  return errors === 0;
}
validate23.evaluated = { props: true, dynamicProps: false, dynamicItems: false };
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
  const _errs0 = errors;
  let valid0 = true;
  const _errs1 = errors;
  if (!Array.isArray(data)) {
    const err0 = {};
    if (vErrors === null) {
      vErrors = [err0];
    } else {
      vErrors.push(err0);
    }
    errors++;
  }
  var _valid0 = _errs1 === errors;
  errors = _errs0;
  if (vErrors !== null) {
    if (_errs0) {
      vErrors.length = _errs0;
    } else {
      vErrors = null;
    }
  }
  let ifClause0;
  if (_valid0) {
    const _errs3 = errors;
    if (Array.isArray(data)) {
      if (data.length < 1) {
        const err1 = {
          instancePath,
          schemaPath: '#/then/minItems',
          keyword: 'minItems',
          params: { limit: 1 },
          message: 'must NOT have fewer than 1 items',
        };
        if (vErrors === null) {
          vErrors = [err1];
        } else {
          vErrors.push(err1);
        }
        errors++;
      }
      const len0 = data.length;
      for (let i0 = 0; i0 < len0; i0++) {
        if (
          !validate23(data[i0], {
            instancePath: instancePath + '/' + i0,
            parentData: data,
            parentDataProperty: i0,
            rootData,
            dynamicAnchors,
          })
        ) {
          vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
          errors = vErrors.length;
        }
      }
    } else {
      const err2 = {
        instancePath,
        schemaPath: '#/then/type',
        keyword: 'type',
        params: { type: 'array' },
        message: 'must be array',
      };
      if (vErrors === null) {
        vErrors = [err2];
      } else {
        vErrors.push(err2);
      }
      errors++;
    }
    var _valid0 = _errs3 === errors;
    valid0 = _valid0;
    if (valid0) {
      var items0 = true;
    }
    ifClause0 = 'then';
  } else {
    const _errs6 = errors;
    if (!validate23(data, { instancePath, parentData, parentDataProperty, rootData, dynamicAnchors })) {
      vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
      errors = vErrors.length;
    }
    var _valid0 = _errs6 === errors;
    valid0 = _valid0;
    if (valid0) {
      var props0 = true;
    }
    ifClause0 = 'else';
  }
  if (!valid0) {
    const err3 = {
      instancePath,
      schemaPath: '#/if',
      keyword: 'if',
      params: { failingKeyword: ifClause0 },
      message: 'must match "' + ifClause0 + '" schema',
    };
    if (vErrors === null) {
      vErrors = [err3];
    } else {
      vErrors.push(err3);
    }
    errors++;
  }
  validate22.errors = vErrors;
  evaluated0.props = props0;
  evaluated0.items = items0;
  return errors === 0;
}
validate22.evaluated = { dynamicProps: true, dynamicItems: true };
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
    if (data.fields === undefined) {
      const err0 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'fields' },
        message: "must have required property '" + 'fields' + "'",
      };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!func1.call(schema32.properties, key0)) {
        const err1 = {
          instancePath,
          schemaPath: '#/additionalProperties',
          keyword: 'additionalProperties',
          params: { additionalProperty: key0 },
          message: 'must NOT have additional properties',
        };
        if (vErrors === null) {
          vErrors = [err1];
        } else {
          vErrors.push(err1);
        }
        errors++;
      }
    }
    if (data.fields !== undefined) {
      let data0 = data.fields;
      if (Array.isArray(data0)) {
        const len0 = data0.length;
        for (let i0 = 0; i0 < len0; i0++) {
          let data1 = data0[i0];
          if (typeof data1 === 'string') {
            if (!pattern6.test(data1)) {
              const err2 = {
                instancePath: instancePath + '/fields/' + i0,
                schemaPath: '#/$defs/fieldName/pattern',
                keyword: 'pattern',
                params: { pattern: '^[A-Za-z][A-Za-z0-9_]{0,79}$' },
                message: 'must match pattern "' + '^[A-Za-z][A-Za-z0-9_]{0,79}$' + '"',
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
              instancePath: instancePath + '/fields/' + i0,
              schemaPath: '#/$defs/fieldName/type',
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
        let i1 = data0.length;
        let j0;
        if (i1 > 1) {
          outer0: for (; i1--;) {
            for (j0 = i1; j0--;) {
              if (func0(data0[i1], data0[j0])) {
                const err4 = {
                  instancePath: instancePath + '/fields',
                  schemaPath: '#/properties/fields/uniqueItems',
                  keyword: 'uniqueItems',
                  params: { i: i1, j: j0 },
                  message: 'must NOT have duplicate items (items ## ' + j0 + ' and ' + i1 + ' are identical)',
                };
                if (vErrors === null) {
                  vErrors = [err4];
                } else {
                  vErrors.push(err4);
                }
                errors++;
                break outer0;
              }
            }
          }
        }
      } else {
        const err5 = {
          instancePath: instancePath + '/fields',
          schemaPath: '#/properties/fields/type',
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
    if (data.where !== undefined) {
      let data2 = data.where;
      if (typeof data2 === 'string') {
        if (func2(data2) > 4000) {
          const err6 = {
            instancePath: instancePath + '/where',
            schemaPath: '#/properties/where/maxLength',
            keyword: 'maxLength',
            params: { limit: 4000 },
            message: 'must NOT have more than 4000 characters',
          };
          if (vErrors === null) {
            vErrors = [err6];
          } else {
            vErrors.push(err6);
          }
          errors++;
        }
        if (func2(data2) < 1) {
          const err7 = {
            instancePath: instancePath + '/where',
            schemaPath: '#/properties/where/minLength',
            keyword: 'minLength',
            params: { limit: 1 },
            message: 'must NOT have fewer than 1 characters',
          };
          if (vErrors === null) {
            vErrors = [err7];
          } else {
            vErrors.push(err7);
          }
          errors++;
        }
      } else {
        const err8 = {
          instancePath: instancePath + '/where',
          schemaPath: '#/properties/where/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err8];
        } else {
          vErrors.push(err8);
        }
        errors++;
      }
    }
    if (data.orderBy !== undefined) {
      let data3 = data.orderBy;
      if (typeof data3 === 'string') {
        if (func2(data3) > 400) {
          const err9 = {
            instancePath: instancePath + '/orderBy',
            schemaPath: '#/properties/orderBy/maxLength',
            keyword: 'maxLength',
            params: { limit: 400 },
            message: 'must NOT have more than 400 characters',
          };
          if (vErrors === null) {
            vErrors = [err9];
          } else {
            vErrors.push(err9);
          }
          errors++;
        }
        if (func2(data3) < 1) {
          const err10 = {
            instancePath: instancePath + '/orderBy',
            schemaPath: '#/properties/orderBy/minLength',
            keyword: 'minLength',
            params: { limit: 1 },
            message: 'must NOT have fewer than 1 characters',
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
          instancePath: instancePath + '/orderBy',
          schemaPath: '#/properties/orderBy/type',
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
    if (data.limit !== undefined) {
      let data4 = data.limit;
      if (!(typeof data4 == 'number' && !(data4 % 1) && !isNaN(data4) && isFinite(data4))) {
        const err12 = {
          instancePath: instancePath + '/limit',
          schemaPath: '#/properties/limit/type',
          keyword: 'type',
          params: { type: 'integer' },
          message: 'must be integer',
        };
        if (vErrors === null) {
          vErrors = [err12];
        } else {
          vErrors.push(err12);
        }
        errors++;
      }
      if (typeof data4 == 'number' && isFinite(data4)) {
        if (data4 > 50000 || isNaN(data4)) {
          const err13 = {
            instancePath: instancePath + '/limit',
            schemaPath: '#/properties/limit/maximum',
            keyword: 'maximum',
            params: { comparison: '<=', limit: 50000 },
            message: 'must be <= 50000',
          };
          if (vErrors === null) {
            vErrors = [err13];
          } else {
            vErrors.push(err13);
          }
          errors++;
        }
        if (data4 < 1 || isNaN(data4)) {
          const err14 = {
            instancePath: instancePath + '/limit',
            schemaPath: '#/properties/limit/minimum',
            keyword: 'minimum',
            params: { comparison: '>=', limit: 1 },
            message: 'must be >= 1',
          };
          if (vErrors === null) {
            vErrors = [err14];
          } else {
            vErrors.push(err14);
          }
          errors++;
        }
      }
    }
    if (data.childOf !== undefined) {
      if (
        !validate22(data.childOf, {
          instancePath: instancePath + '/childOf',
          parentData: data,
          parentDataProperty: 'childOf',
          rootData,
          dynamicAnchors,
        })
      ) {
        vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
        errors = vErrors.length;
      }
    }
    if (data.referencedBy !== undefined) {
      if (
        !validate22(data.referencedBy, {
          instancePath: instancePath + '/referencedBy',
          parentData: data,
          parentDataProperty: 'referencedBy',
          rootData,
          dynamicAnchors,
        })
      ) {
        vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
        errors = vErrors.length;
      }
    }
    if (data.access !== undefined) {
      let data7 = data.access;
      if (!(data7 === 'read' || data7 === 'readWrite')) {
        const err15 = {
          instancePath: instancePath + '/access',
          schemaPath: '#/properties/access/enum',
          keyword: 'enum',
          params: { allowedValues: schema32.properties.access.enum },
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
    if (data.conflict !== undefined) {
      let data8 = data.conflict;
      if (!(data8 === 'clientWins' || data8 === 'serverWins' || data8 === 'manual')) {
        const err16 = {
          instancePath: instancePath + '/conflict',
          schemaPath: '#/properties/conflict/enum',
          keyword: 'enum',
          params: { allowedValues: schema32.properties.conflict.enum },
          message: 'must be equal to one of the allowed values',
        };
        if (vErrors === null) {
          vErrors = [err16];
        } else {
          vErrors.push(err16);
        }
        errors++;
      }
    }
    if (data.syncEveryMinutes !== undefined) {
      let data9 = data.syncEveryMinutes;
      if (!(typeof data9 == 'number' && !(data9 % 1) && !isNaN(data9) && isFinite(data9))) {
        const err17 = {
          instancePath: instancePath + '/syncEveryMinutes',
          schemaPath: '#/properties/syncEveryMinutes/type',
          keyword: 'type',
          params: { type: 'integer' },
          message: 'must be integer',
        };
        if (vErrors === null) {
          vErrors = [err17];
        } else {
          vErrors.push(err17);
        }
        errors++;
      }
      if (typeof data9 == 'number' && isFinite(data9)) {
        if (data9 > 10080 || isNaN(data9)) {
          const err18 = {
            instancePath: instancePath + '/syncEveryMinutes',
            schemaPath: '#/properties/syncEveryMinutes/maximum',
            keyword: 'maximum',
            params: { comparison: '<=', limit: 10080 },
            message: 'must be <= 10080',
          };
          if (vErrors === null) {
            vErrors = [err18];
          } else {
            vErrors.push(err18);
          }
          errors++;
        }
        if (data9 < 1 || isNaN(data9)) {
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
    if (data.externalIdField !== undefined) {
      let data10 = data.externalIdField;
      if (typeof data10 === 'string') {
        if (!pattern6.test(data10)) {
          const err20 = {
            instancePath: instancePath + '/externalIdField',
            schemaPath: '#/$defs/fieldName/pattern',
            keyword: 'pattern',
            params: { pattern: '^[A-Za-z][A-Za-z0-9_]{0,79}$' },
            message: 'must match pattern "' + '^[A-Za-z][A-Za-z0-9_]{0,79}$' + '"',
          };
          if (vErrors === null) {
            vErrors = [err20];
          } else {
            vErrors.push(err20);
          }
          errors++;
        }
      } else {
        const err21 = {
          instancePath: instancePath + '/externalIdField',
          schemaPath: '#/$defs/fieldName/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
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
  validate21.errors = vErrors;
  return errors === 0;
}
validate21.evaluated = { props: true, dynamicProps: false, dynamicItems: false };
function validate20(
  data,
  { instancePath = '', parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  /*# sourceURL="https://syncscope.dev/schemas/sync-scope.schema.json" */ let vErrors = null;
  let errors = 0;
  const evaluated0 = validate20.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    if (data.scopeVersion === undefined) {
      const err0 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'scopeVersion' },
        message: "must have required property '" + 'scopeVersion' + "'",
      };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.name === undefined) {
      const err1 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'name' },
        message: "must have required property '" + 'name' + "'",
      };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    if (data.objects === undefined) {
      const err2 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'objects' },
        message: "must have required property '" + 'objects' + "'",
      };
      if (vErrors === null) {
        vErrors = [err2];
      } else {
        vErrors.push(err2);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!func1.call(schema31.properties, key0)) {
        const err3 = {
          instancePath,
          schemaPath: '#/additionalProperties',
          keyword: 'additionalProperties',
          params: { additionalProperty: key0 },
          message: 'must NOT have additional properties',
        };
        if (vErrors === null) {
          vErrors = [err3];
        } else {
          vErrors.push(err3);
        }
        errors++;
      }
    }
    if (data.$schema !== undefined) {
      if (typeof data.$schema !== 'string') {
        const err4 = {
          instancePath: instancePath + '/$schema',
          schemaPath: '#/properties/%24schema/type',
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
    if (data.scopeVersion !== undefined) {
      if (1 !== data.scopeVersion) {
        const err5 = {
          instancePath: instancePath + '/scopeVersion',
          schemaPath: '#/properties/scopeVersion/const',
          keyword: 'const',
          params: { allowedValue: 1 },
          message: 'must be equal to constant',
        };
        if (vErrors === null) {
          vErrors = [err5];
        } else {
          vErrors.push(err5);
        }
        errors++;
      }
    }
    if (data.name !== undefined) {
      let data2 = data.name;
      if (typeof data2 === 'string') {
        if (func2(data2) > 120) {
          const err6 = {
            instancePath: instancePath + '/name',
            schemaPath: '#/properties/name/maxLength',
            keyword: 'maxLength',
            params: { limit: 120 },
            message: 'must NOT have more than 120 characters',
          };
          if (vErrors === null) {
            vErrors = [err6];
          } else {
            vErrors.push(err6);
          }
          errors++;
        }
        if (func2(data2) < 1) {
          const err7 = {
            instancePath: instancePath + '/name',
            schemaPath: '#/properties/name/minLength',
            keyword: 'minLength',
            params: { limit: 1 },
            message: 'must NOT have fewer than 1 characters',
          };
          if (vErrors === null) {
            vErrors = [err7];
          } else {
            vErrors.push(err7);
          }
          errors++;
        }
      } else {
        const err8 = {
          instancePath: instancePath + '/name',
          schemaPath: '#/properties/name/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err8];
        } else {
          vErrors.push(err8);
        }
        errors++;
      }
    }
    if (data.description !== undefined) {
      let data3 = data.description;
      if (typeof data3 === 'string') {
        if (func2(data3) > 2000) {
          const err9 = {
            instancePath: instancePath + '/description',
            schemaPath: '#/properties/description/maxLength',
            keyword: 'maxLength',
            params: { limit: 2000 },
            message: 'must NOT have more than 2000 characters',
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
          instancePath: instancePath + '/description',
          schemaPath: '#/properties/description/type',
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
    if (data.apiVersion !== undefined) {
      let data4 = data.apiVersion;
      if (typeof data4 === 'string') {
        if (!pattern4.test(data4)) {
          const err11 = {
            instancePath: instancePath + '/apiVersion',
            schemaPath: '#/properties/apiVersion/pattern',
            keyword: 'pattern',
            params: { pattern: '^[1-9][0-9]\\.0$' },
            message: 'must match pattern "' + '^[1-9][0-9]\\.0$' + '"',
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
          instancePath: instancePath + '/apiVersion',
          schemaPath: '#/properties/apiVersion/type',
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
    if (data.watermarkField !== undefined) {
      let data5 = data.watermarkField;
      if (!(data5 === 'LastModifiedDate' || data5 === 'SystemModstamp')) {
        const err13 = {
          instancePath: instancePath + '/watermarkField',
          schemaPath: '#/properties/watermarkField/enum',
          keyword: 'enum',
          params: { allowedValues: schema31.properties.watermarkField.enum },
          message: 'must be equal to one of the allowed values',
        };
        if (vErrors === null) {
          vErrors = [err13];
        } else {
          vErrors.push(err13);
        }
        errors++;
      }
    }
    if (data.overlapSeconds !== undefined) {
      let data6 = data.overlapSeconds;
      if (!(typeof data6 == 'number' && !(data6 % 1) && !isNaN(data6) && isFinite(data6))) {
        const err14 = {
          instancePath: instancePath + '/overlapSeconds',
          schemaPath: '#/properties/overlapSeconds/type',
          keyword: 'type',
          params: { type: 'integer' },
          message: 'must be integer',
        };
        if (vErrors === null) {
          vErrors = [err14];
        } else {
          vErrors.push(err14);
        }
        errors++;
      }
      if (typeof data6 == 'number' && isFinite(data6)) {
        if (data6 > 3600 || isNaN(data6)) {
          const err15 = {
            instancePath: instancePath + '/overlapSeconds',
            schemaPath: '#/properties/overlapSeconds/maximum',
            keyword: 'maximum',
            params: { comparison: '<=', limit: 3600 },
            message: 'must be <= 3600',
          };
          if (vErrors === null) {
            vErrors = [err15];
          } else {
            vErrors.push(err15);
          }
          errors++;
        }
        if (data6 < 0 || isNaN(data6)) {
          const err16 = {
            instancePath: instancePath + '/overlapSeconds',
            schemaPath: '#/properties/overlapSeconds/minimum',
            keyword: 'minimum',
            params: { comparison: '>=', limit: 0 },
            message: 'must be >= 0',
          };
          if (vErrors === null) {
            vErrors = [err16];
          } else {
            vErrors.push(err16);
          }
          errors++;
        }
      }
    }
    if (data.syncEveryMinutes !== undefined) {
      let data7 = data.syncEveryMinutes;
      if (!(typeof data7 == 'number' && !(data7 % 1) && !isNaN(data7) && isFinite(data7))) {
        const err17 = {
          instancePath: instancePath + '/syncEveryMinutes',
          schemaPath: '#/properties/syncEveryMinutes/type',
          keyword: 'type',
          params: { type: 'integer' },
          message: 'must be integer',
        };
        if (vErrors === null) {
          vErrors = [err17];
        } else {
          vErrors.push(err17);
        }
        errors++;
      }
      if (typeof data7 == 'number' && isFinite(data7)) {
        if (data7 > 10080 || isNaN(data7)) {
          const err18 = {
            instancePath: instancePath + '/syncEveryMinutes',
            schemaPath: '#/properties/syncEveryMinutes/maximum',
            keyword: 'maximum',
            params: { comparison: '<=', limit: 10080 },
            message: 'must be <= 10080',
          };
          if (vErrors === null) {
            vErrors = [err18];
          } else {
            vErrors.push(err18);
          }
          errors++;
        }
        if (data7 < 1 || isNaN(data7)) {
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
      let data8 = data.parameters;
      if (data8 && typeof data8 == 'object' && !Array.isArray(data8)) {
        for (const key1 in data8) {
          const _errs18 = errors;
          if (typeof key1 === 'string') {
            if (!pattern5.test(key1)) {
              const err20 = {
                instancePath: instancePath + '/parameters',
                schemaPath: '#/properties/parameters/propertyNames/pattern',
                keyword: 'pattern',
                params: { pattern: '^[A-Za-z][A-Za-z0-9_]{0,39}$' },
                message: 'must match pattern "' + '^[A-Za-z][A-Za-z0-9_]{0,39}$' + '"',
                propertyName: key1,
              };
              if (vErrors === null) {
                vErrors = [err20];
              } else {
                vErrors.push(err20);
              }
              errors++;
            }
          }
          var valid1 = _errs18 === errors;
          if (!valid1) {
            const err21 = {
              instancePath: instancePath + '/parameters',
              schemaPath: '#/properties/parameters/propertyNames',
              keyword: 'propertyNames',
              params: { propertyName: key1 },
              message: 'property name must be valid',
            };
            if (vErrors === null) {
              vErrors = [err21];
            } else {
              vErrors.push(err21);
            }
            errors++;
          }
        }
        for (const key2 in data8) {
          let data9 = data8[key2];
          if (!(
            data9 === 'string' ||
            data9 === 'id' ||
            data9 === 'boolean' ||
            data9 === 'integer' ||
            data9 === 'double' ||
            data9 === 'date' ||
            data9 === 'datetime'
          )) {
            const err22 = {
              instancePath: instancePath + '/parameters/' + key2.replace(/~/g, '~0').replace(/\//g, '~1'),
              schemaPath: '#/properties/parameters/additionalProperties/enum',
              keyword: 'enum',
              params: { allowedValues: schema31.properties.parameters.additionalProperties.enum },
              message: 'must be equal to one of the allowed values',
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
          instancePath: instancePath + '/parameters',
          schemaPath: '#/properties/parameters/type',
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
    }
    if (data.objects !== undefined) {
      let data10 = data.objects;
      if (data10 && typeof data10 == 'object' && !Array.isArray(data10)) {
        if (Object.keys(data10).length < 1) {
          const err24 = {
            instancePath: instancePath + '/objects',
            schemaPath: '#/properties/objects/minProperties',
            keyword: 'minProperties',
            params: { limit: 1 },
            message: 'must NOT have fewer than 1 properties',
          };
          if (vErrors === null) {
            vErrors = [err24];
          } else {
            vErrors.push(err24);
          }
          errors++;
        }
        for (const key3 in data10) {
          const _errs23 = errors;
          if (typeof key3 === 'string') {
            if (!pattern6.test(key3)) {
              const err25 = {
                instancePath: instancePath + '/objects',
                schemaPath: '#/properties/objects/propertyNames/pattern',
                keyword: 'pattern',
                params: { pattern: '^[A-Za-z][A-Za-z0-9_]{0,79}$' },
                message: 'must match pattern "' + '^[A-Za-z][A-Za-z0-9_]{0,79}$' + '"',
                propertyName: key3,
              };
              if (vErrors === null) {
                vErrors = [err25];
              } else {
                vErrors.push(err25);
              }
              errors++;
            }
          }
          var valid3 = _errs23 === errors;
          if (!valid3) {
            const err26 = {
              instancePath: instancePath + '/objects',
              schemaPath: '#/properties/objects/propertyNames',
              keyword: 'propertyNames',
              params: { propertyName: key3 },
              message: 'property name must be valid',
            };
            if (vErrors === null) {
              vErrors = [err26];
            } else {
              vErrors.push(err26);
            }
            errors++;
          }
        }
        for (const key4 in data10) {
          if (
            !validate21(data10[key4], {
              instancePath: instancePath + '/objects/' + key4.replace(/~/g, '~0').replace(/\//g, '~1'),
              parentData: data10,
              parentDataProperty: key4,
              rootData,
              dynamicAnchors,
            })
          ) {
            vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
            errors = vErrors.length;
          }
        }
      } else {
        const err27 = {
          instancePath: instancePath + '/objects',
          schemaPath: '#/properties/objects/type',
          keyword: 'type',
          params: { type: 'object' },
          message: 'must be object',
        };
        if (vErrors === null) {
          vErrors = [err27];
        } else {
          vErrors.push(err27);
        }
        errors++;
      }
    }
  } else {
    const err28 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
    };
    if (vErrors === null) {
      vErrors = [err28];
    } else {
      vErrors.push(err28);
    }
    errors++;
  }
  validate20.errors = vErrors;
  return errors === 0;
}
validate20.evaluated = { props: true, dynamicProps: false, dynamicItems: false };
