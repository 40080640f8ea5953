/**
 * Salesforce-shaped SOQL errors. The REST API prefixes most query errors with the offending line, a caret
 * and `ERROR at Row:r:Column:c`; we do the same whenever the position of the offending text is known.
 */

import { ApiError } from '../api-error.ts';

const CUSTOM_FIELD_HINT =
  "If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.";
const CUSTOM_RELATIONSHIP_HINT =
  "If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.";
const CUSTOM_OBJECT_HINT =
  "If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.";

/** Prefixes `message` with Salesforce's position block for `offset` (0-based) in `soql`. */
export function positioned(soql: string, offset: number | undefined, message: string): string {
  if (offset === undefined || offset < 0 || offset > soql.length) return message;
  const before = soql.slice(0, offset);
  const row = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  const lineEnd = soql.indexOf('\n', offset);
  const line = soql.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
  const column = offset - lineStart + 1;
  return `\n${line}\n${' '.repeat(column - 1)}^\nERROR at Row:${row}:Column:${column}\n${message}`;
}

/**
 * Finds `text` as a whole word in `soql`, outside string literals, case-insensitively. Returns its offset
 * when it occurs exactly once (or the `nth` occurrence when asked), else undefined: we never point at a
 * position we are not sure of.
 */
export function locate(soql: string, text: string, nth?: number): number | undefined {
  const hits: number[] = [];
  const lower = soql.toLowerCase();
  const needle = text.toLowerCase();
  if (needle.length === 0) return undefined;
  let inString = false;
  for (let i = 0; i < soql.length; i++) {
    const ch = soql[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === "'") inString = false;
      continue;
    }
    if (ch === "'") {
      if (needle === "'") hits.push(i);
      inString = true;
      continue;
    }
    if (lower.startsWith(needle, i)) {
      const wordy = /\w/;
      const prev = soql[i - 1];
      const next = soql[i + needle.length];
      const startsWord = !wordy.test(needle[0] ?? '') || prev === undefined || !wordy.test(prev);
      const endsWord =
        !wordy.test(needle[needle.length - 1] ?? '') || next === undefined || !wordy.test(next);
      if (startsWord && endsWord) hits.push(i);
    }
  }
  if (nth !== undefined) return hits[nth];
  return hits.length === 1 ? hits[0] : undefined;
}

export class SoqlErrors {
  constructor(private readonly soql: string) {}

  at(text: string | undefined): number | undefined {
    return text === undefined ? undefined : locate(this.soql, text);
  }

  malformed(message: string, near?: string | number): ApiError {
    const offset = typeof near === 'number' ? near : this.at(near);
    return new ApiError(400, 'MALFORMED_QUERY', positioned(this.soql, offset, message));
  }

  unexpectedToken(token: string | undefined, offset?: number): ApiError {
    if (token === undefined) return this.malformed('unexpected token: <EOF>', this.soql.length);
    return this.malformed(`unexpected token: '${token}'`, offset ?? this.at(token));
  }

  noSuchColumn(field: string, entity: string, near?: string): ApiError {
    return new ApiError(
      400,
      'INVALID_FIELD',
      positioned(
        this.soql,
        this.at(near ?? field),
        `No such column '${field}' on entity '${entity}'. ${CUSTOM_FIELD_HINT}`,
      ),
    );
  }

  badRelationship(relationship: string, near?: string): ApiError {
    return new ApiError(
      400,
      'INVALID_FIELD',
      positioned(
        this.soql,
        this.at(near ?? relationship),
        `Didn't understand relationship '${relationship}' in field path. ${CUSTOM_RELATIONSHIP_HINT}`,
      ),
    );
  }

  badChildRelationship(relationship: string): ApiError {
    return new ApiError(
      400,
      'INVALID_TYPE',
      positioned(
        this.soql,
        this.at(relationship),
        `Didn't understand relationship '${relationship}' in FROM part of query call. ${CUSTOM_RELATIONSHIP_HINT}`,
      ),
    );
  }

  unsupportedType(sObject: string): ApiError {
    return new ApiError(
      400,
      'INVALID_TYPE',
      positioned(
        this.soql,
        this.at(sObject),
        `sObject type '${sObject}' is not supported. ${CUSTOM_OBJECT_HINT}`,
      ),
    );
  }

  invalidField(message: string, near?: string): ApiError {
    return new ApiError(400, 'INVALID_FIELD', positioned(this.soql, this.at(near), message));
  }

  filterOperator(message: string, near?: string): ApiError {
    return new ApiError(400, 'INVALID_QUERY_FILTER_OPERATOR', positioned(this.soql, this.at(near), message));
  }
}
