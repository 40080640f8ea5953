/**
 * The one escaper of values into SOQL: the REST API has no bind variables, so every value a query carries
 * becomes a literal here, quoted and escaped, or checked to be of its type; nothing is spliced in raw. Used
 * by the device's binder, the config tool's and the compiler's samples alike.
 */

import { checkParameterValue, ParameterValueError, type ParameterValue } from './parameter-value.ts';

/** A value that cannot be bound: a missing or mistyped value, an undeclared placeholder, an empty Id list. */
export class BindError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BindError';
  }
}

const ID_PATTERN = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

export function isSalesforceId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

/** A SOQL string literal: quotes and backslashes escaped, control characters as escapes. */
export function soqlString(value: string): string {
  const escaped = value.replace(/[\\'"\n\r\t\b\f]/g, (c) => {
    switch (c) {
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      case '\b':
        return '\\b';
      case '\f':
        return '\\f';
      default:
        return `\\${c}`;
    }
  });
  return `'${escaped}'`;
}

export function soqlId(value: unknown): string {
  if (!isSalesforceId(value)) throw new BindError(`not a Salesforce Id: ${JSON.stringify(value)}`);
  return `'${value}'`;
}

/** `YYYY-MM-DDTHH:MM:SSZ` for a time in ms (rounded down to the second). */
export function soqlDatetime(ms: number): string {
  if (!Number.isFinite(ms)) throw new BindError('invalid datetime');
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function soqlIdList(ids: readonly string[]): string {
  if (ids.length === 0) throw new BindError('an Id list cannot be empty');
  return `(${ids.map(soqlId).join(',')})`;
}

/**
 * A value of a declared parameter as a SOQL literal of its type, checked by checkParameterValue (throws
 * ParameterValueError when it is not of `type`). Datetimes are written in UTC with whole seconds.
 */
export function soqlLiteral(type: string, value: unknown): string {
  const typed: ParameterValue = checkParameterValue(type, value);
  switch (type) {
    case 'string':
      return soqlString(typed as string);
    case 'datetime':
      return soqlDatetime(Date.parse(typed as string));
    case 'id':
      return `'${typed as string}'`;
    default:
      return String(typed);
  }
}

/** soqlLiteral for the parameter `name`, its errors as BindErrors that name the parameter. */
export function soqlParameter(name: string, type: string, value: unknown): string {
  try {
    return soqlLiteral(type, value);
  } catch (error) {
    if (!(error instanceof ParameterValueError)) throw error;
    if (/^unknown parameter type/.test(error.message))
      throw new BindError(`parameter :${name} has an unsupported type ${type}`);
    throw new BindError(
      `parameter :${name} (${type}) has an invalid value ${JSON.stringify(value) ?? String(value)}: ${error.message}`,
    );
  }
}
