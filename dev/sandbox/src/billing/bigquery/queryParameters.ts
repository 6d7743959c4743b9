import { invalidArgument } from '../../googleError';
import { isPlainObject } from '../../protoJson';
import { parseTimestamp, quote, type Expr } from './sql/sqlExpr';
import { SqlError } from './sql/sqlLexer';

/**
 * Named query parameters of a `jobs.query` / `jobs.insert` request (`queryParameters[{name,
 * parameterType:{type, arrayType}, parameterValue:{value, arrayValues}}]`, as the @google-cloud/bigquery
 * client builds them from `params`) turned into typed SQL literals the translation inlines. Positional
 * parameters (`?`) are not supported.
 */

type Json = Record<string, unknown>;

function scalar(type: string, value: unknown, name: string): Expr {
  if (value === null || value === undefined)
    return { sql: 'NULL', type: 'NULL', constant: null };
  const text = String(value);
  switch (type) {
    case 'STRING':
      return { sql: quote(text), type: 'STRING', constant: text };
    case 'INT64':
    case 'INTEGER': {
      if (!/^-?\d+$/.test(text))
        throw new SqlError(
          `Query parameter '${name}': invalid INT64 value ${text}`,
        );
      return { sql: text, type: 'INT64', constant: Number(text) };
    }
    case 'FLOAT64':
    case 'FLOAT':
    case 'NUMERIC':
    case 'BIGNUMERIC': {
      const n = Number(text);
      if (!Number.isFinite(n))
        throw new SqlError(
          `Query parameter '${name}': invalid ${type} value ${text}`,
        );
      return { sql: String(n), type: 'FLOAT64', constant: n };
    }
    case 'BOOL':
    case 'BOOLEAN':
      return {
        sql: text === 'true' ? '1' : '0',
        type: 'BOOL',
        constant: text === 'true',
      };
    case 'TIMESTAMP':
    case 'DATETIME': {
      const us = parseTimestamp(text);
      return { sql: String(us), type: 'TIMESTAMP', constant: us };
    }
    case 'DATE': {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(text))
        throw new SqlError(
          `Query parameter '${name}': invalid DATE value ${text}`,
        );
      return { sql: quote(text), type: 'DATE', constant: text };
    }
    default:
      throw new SqlError(
        `Query parameter '${name}' has type ${type}, which the sandbox does not support`,
      );
  }
}

/** The request's named parameters by name (without `@`). */
export function readQueryParameters(
  raw: unknown,
  parameterMode: unknown,
): Map<string, Expr> {
  const params = new Map<string, Expr>();
  if (raw === undefined) return params;
  if (!Array.isArray(raw))
    throw invalidArgument('queryParameters must be a list', [
      { field: 'queryParameters', description: 'must be a list' },
    ]);
  if (
    parameterMode !== undefined &&
    String(parameterMode).toUpperCase() === 'POSITIONAL'
  ) {
    throw new SqlError(
      'Positional query parameters are not supported by the sandbox; use named parameters (@name)',
    );
  }
  for (const p of raw as unknown[]) {
    if (
      !isPlainObject(p) ||
      typeof p['name'] !== 'string' ||
      !isPlainObject(p['parameterType'])
    ) {
      throw new SqlError(
        'Every query parameter needs a name and a parameterType',
      );
    }
    const name = p['name'];
    const type = String(p['parameterType']['type'] ?? '').toUpperCase();
    const value = isPlainObject(p['parameterValue']) ? p['parameterValue'] : {};
    if (type === 'ARRAY') {
      const elementType = String(
        (p['parameterType']['arrayType'] as Json | undefined)?.['type'] ?? '',
      ).toUpperCase();
      const values = Array.isArray(value['arrayValues'])
        ? (value['arrayValues'] as Json[])
        : [];
      const list = values.map(v => scalar(elementType, v?.['value'], name).sql);
      params.set(name, { sql: `(${list.join(', ')})`, type: 'NULL', list });
    } else {
      params.set(name, scalar(type, value['value'], name));
    }
  }
  return params;
}
