import type { SqlType } from './exportSchema';
import { SqlError } from './sqlLexer';

/**
 * Translated expressions and the BigQuery functions the translation knows, as SQLite SQL. Every
 * function here is mapped to an SQLite expression with BigQuery's meaning; an unknown function is a
 * 400, never passed through.
 */

/** A translated expression: SQLite text, its BigQuery type, and the value when it is a constant. */
export interface Expr {
  sql: string;
  type: SqlType;
  /** JS value of a literal or parameter (timestamps as µs), for coercions done at translation time. */
  constant?: string | number | boolean | null;
  /** Set for `INTERVAL n UNIT`: the unit, upper case. */
  intervalUnit?: string;
  /** Set for a list parameter used with `IN UNNEST(@p)`: the SQL of its elements. */
  list?: string[];
}

export const MICROS: Record<string, number> = {
  MICROSECOND: 1,
  MILLISECOND: 1e3,
  SECOND: 1e6,
  MINUTE: 6e7,
  HOUR: 3.6e9,
  DAY: 8.64e10,
};

/** A SQL string literal. */
export function quote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** Microseconds since the epoch of a BigQuery timestamp literal ('2026-03-01', '2026-03-01 10:00:00+00', ISO 8601). */
export function parseTimestamp(text: string): number {
  let s = text.trim().replace(' ', 'T');
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) s += 'T00:00:00';
  s = s.replace(/([+-]\d{2})$/, '$1:00').replace(/ ?UTC$/, 'Z');
  if (!/(Z|[+-]\d{2}:\d{2})$/.test(s)) s += 'Z';
  const ms = Date.parse(s);
  if (Number.isNaN(ms)) throw new SqlError(`Invalid timestamp: '${text}'`);
  const fraction = /\.(\d+)/.exec(s)?.[1] ?? '';
  return ms * 1000 + Number(fraction.padEnd(6, '0').slice(3, 6) || 0);
}

/** A TIMESTAMP expression from a constant or a DATE/STRING expression. */
export function toTimestamp(e: Expr): Expr {
  if (e.type === 'TIMESTAMP') return e;
  if (typeof e.constant === 'string') {
    const us = parseTimestamp(e.constant);
    return { sql: String(us), type: 'TIMESTAMP', constant: us };
  }
  if (e.type === 'DATE' || e.type === 'STRING')
    return {
      sql: `(CAST(strftime('%s', ${e.sql}) AS INTEGER) * 1000000)`,
      type: 'TIMESTAMP',
    };
  throw new SqlError(`No matching signature for TIMESTAMP(${e.type})`);
}

/** 'YYYY-MM-DD' text of a TIMESTAMP (UTC). */
export function dateOf(ts: string): string {
  return `date(${ts} / 1000000, 'unixepoch')`;
}

/** Start of the week (Sunday) of a DATE expression. */
function weekStart(date: string): string {
  return `date(${date}, '+1 day', 'weekday 0', '-7 days')`;
}

function truncTimestamp(ts: Expr, part: string): Expr {
  if (MICROS[part] && part !== 'MICROSECOND')
    return {
      sql: `((${ts.sql} / ${MICROS[part]}) * ${MICROS[part]})`,
      type: 'TIMESTAMP',
    };
  const date = dateOf(ts.sql);
  const start =
    part === 'MONTH'
      ? `date(${date}, 'start of month')`
      : part === 'YEAR'
      ? `date(${date}, 'start of year')`
      : part === 'WEEK'
      ? weekStart(date)
      : undefined;
  if (!start)
    throw new SqlError(`A valid date part name is required but found ${part}`);
  return toTimestamp({ sql: start, type: 'DATE' });
}

function truncDate(d: Expr, part: string): Expr {
  const sql =
    part === 'DAY'
      ? d.sql
      : part === 'MONTH'
      ? `date(${d.sql}, 'start of month')`
      : part === 'YEAR'
      ? `date(${d.sql}, 'start of year')`
      : part === 'WEEK'
      ? weekStart(d.sql)
      : undefined;
  if (!sql)
    throw new SqlError(`A valid date part name is required but found ${part}`);
  return { sql, type: 'DATE' };
}

const EXTRACT_FORMATS: Record<string, string> = {
  YEAR: '%Y',
  MONTH: '%m',
  DAY: '%d',
  HOUR: '%H',
  MINUTE: '%M',
  DAYOFYEAR: '%j',
};

/** EXTRACT(part FROM ts|date). */
export function extract(part: string, e: Expr): Expr {
  const target =
    e.type === 'TIMESTAMP' ? `${e.sql} / 1000000, 'unixepoch'` : e.sql;
  if (part === 'DAYOFWEEK')
    return {
      sql: `(CAST(strftime('%w', ${target}) AS INTEGER) + 1)`,
      type: 'INT64',
    };
  const format = EXTRACT_FORMATS[part];
  if (!format)
    throw new SqlError(`EXTRACT does not support ${part} in the sandbox`);
  return {
    sql: `CAST(strftime('${format}', ${target}) AS INTEGER)`,
    type: 'INT64',
  };
}

/** CAST(e AS type). */
export function cast(e: Expr, typeName: string): Expr {
  switch (typeName) {
    case 'STRING':
      return {
        sql:
          e.type === 'TIMESTAMP'
            ? `strftime('%Y-%m-%d %H:%M:%S+00', ${e.sql} / 1000000, 'unixepoch')`
            : `CAST(${e.sql} AS TEXT)`,
        type: 'STRING',
      };
    case 'INT64':
    case 'INTEGER':
      return { sql: `CAST(ROUND(${e.sql}) AS INTEGER)`, type: 'INT64' };
    case 'FLOAT64':
    case 'NUMERIC':
    case 'BIGNUMERIC':
      return { sql: `CAST(${e.sql} AS REAL)`, type: 'FLOAT64' };
    case 'BOOL':
      return { sql: `(${e.sql} != 0)`, type: 'BOOL' };
    case 'DATE':
      return e.type === 'TIMESTAMP'
        ? { sql: dateOf(e.sql), type: 'DATE' }
        : { sql: `date(${e.sql})`, type: 'DATE' };
    case 'TIMESTAMP':
      return toTimestamp(e);
    default:
      throw new SqlError(`Type not found: ${typeName}`);
  }
}

const AGGREGATES = new Set([
  'SUM',
  'COUNT',
  'AVG',
  'MIN',
  'MAX',
  'COUNTIF',
  'ANY_VALUE',
]);

/** True for the aggregate functions the translation supports. */
export function isAggregate(name: string): boolean {
  return AGGREGATES.has(name);
}

const numeric = (type: SqlType) =>
  type === 'INT64' || type === 'FLOAT64' || type === 'NULL';

/**
 * A call of function `name` (upper case) on translated arguments. `part` is the date-part argument of
 * TIMESTAMP_TRUNC/DATE_TRUNC/…_DIFF; `nowUs` is the sandbox time for CURRENT_TIMESTAMP/CURRENT_DATE.
 */
export function callFunction(
  name: string,
  args: Expr[],
  part: string | undefined,
  nowUs: number,
  distinct: boolean,
): Expr {
  const a = args[0];
  const need = (n: number) => {
    if (args.length !== n)
      throw new SqlError(
        `No matching signature for function ${name} with ${args.length} argument(s)`,
      );
  };
  switch (name) {
    case 'SUM':
      need(1);
      if (!numeric(a!.type))
        throw new SqlError(
          `No matching signature for aggregate function SUM for argument types: ${
            a!.type
          }`,
        );
      return {
        sql: `SUM(${distinct ? 'DISTINCT ' : ''}${a!.sql})`,
        type: a!.type === 'INT64' ? 'INT64' : 'FLOAT64',
      };
    case 'AVG':
      need(1);
      return {
        sql: `AVG(${distinct ? 'DISTINCT ' : ''}${a!.sql})`,
        type: 'FLOAT64',
      };
    case 'MIN':
    case 'MAX':
      need(1);
      return { sql: `${name}(${a!.sql})`, type: a!.type };
    case 'ANY_VALUE':
      need(1);
      return { sql: `MIN(${a!.sql})`, type: a!.type };
    case 'COUNT':
      return {
        sql:
          args.length === 0
            ? 'COUNT(*)'
            : `COUNT(${distinct ? 'DISTINCT ' : ''}${a!.sql})`,
        type: 'INT64',
      };
    case 'COUNTIF':
      need(1);
      return {
        sql: `SUM(CASE WHEN ${a!.sql} THEN 1 ELSE 0 END)`,
        type: 'INT64',
      };
    case 'IFNULL':
      need(2);
      return {
        sql: `IFNULL(${a!.sql}, ${args[1]!.sql})`,
        type: a!.type === 'NULL' ? args[1]!.type : a!.type,
      };
    case 'COALESCE':
      return {
        sql: `COALESCE(${args.map(x => x.sql).join(', ')})`,
        type: args.find(x => x.type !== 'NULL')?.type ?? 'NULL',
      };
    case 'ROUND':
      return {
        sql: `ROUND(${args.map(x => x.sql).join(', ')})`,
        type: 'FLOAT64',
      };
    case 'ABS':
      need(1);
      return { sql: `ABS(${a!.sql})`, type: a!.type };
    case 'SAFE_DIVIDE':
      need(2);
      return {
        sql: `(CASE WHEN (${args[1]!.sql}) = 0 THEN NULL ELSE CAST(${
          a!.sql
        } AS REAL) / (${args[1]!.sql}) END)`,
        type: 'FLOAT64',
      };
    case 'LOWER':
    case 'UPPER':
    case 'LENGTH':
      need(1);
      return {
        sql: `${name}(${a!.sql})`,
        type: name === 'LENGTH' ? 'INT64' : 'STRING',
      };
    case 'CONCAT':
      return { sql: `(${args.map(x => x.sql).join(' || ')})`, type: 'STRING' };
    case 'STARTS_WITH':
      need(2);
      return {
        sql: `(substr(${a!.sql}, 1, length(${args[1]!.sql})) = ${
          args[1]!.sql
        })`,
        type: 'BOOL',
      };
    case 'ENDS_WITH':
      need(2);
      // substr(x, -n) is the last n characters in SQLite; an empty suffix ends every string.
      return {
        sql: `(length(${args[1]!.sql}) = 0 OR substr(${a!.sql}, -length(${
          args[1]!.sql
        })) = ${args[1]!.sql})`,
        type: 'BOOL',
      };
    case 'CURRENT_TIMESTAMP':
      need(0);
      return { sql: String(nowUs), type: 'TIMESTAMP', constant: nowUs };
    case 'CURRENT_DATE':
      need(0);
      return { sql: dateOf(String(nowUs)), type: 'DATE' };
    case 'TIMESTAMP':
      need(1);
      return toTimestamp(a!);
    case 'DATE':
      if (args.length === 3)
        return {
          sql: `printf('%04d-%02d-%02d', ${args.map(x => x.sql).join(', ')})`,
          type: 'DATE',
        };
      if (
        args.length === 2 &&
        !(args[1]!.constant === 'UTC' || args[1]!.constant === 'Etc/UTC')
      )
        throw new SqlError(
          'DATE with a time zone other than UTC is not supported by the sandbox',
        );
      if (a!.type === 'TIMESTAMP') return { sql: dateOf(a!.sql), type: 'DATE' };
      return { sql: `date(${a!.sql})`, type: 'DATE' };
    case 'TIMESTAMP_TRUNC':
      return truncTimestamp(toTimestamp(a!), part!);
    case 'DATE_TRUNC':
      return truncDate(
        a!.type === 'TIMESTAMP' ? { sql: dateOf(a!.sql), type: 'DATE' } : a!,
        part!,
      );
    case 'TIMESTAMP_ADD':
    case 'TIMESTAMP_SUB': {
      need(2);
      const interval = args[1]!;
      const unit = MICROS[interval.intervalUnit ?? ''];
      if (!unit)
        throw new SqlError(
          `${name} needs an INTERVAL of DAY, HOUR, MINUTE, SECOND or smaller`,
        );
      return {
        sql: `(${toTimestamp(a!).sql} ${
          name === 'TIMESTAMP_ADD' ? '+' : '-'
        } (${interval.sql}) * ${unit})`,
        type: 'TIMESTAMP',
      };
    }
    case 'DATE_ADD':
    case 'DATE_SUB': {
      need(2);
      const unit = {
        DAY: 'days',
        MONTH: 'months',
        YEAR: 'years',
        WEEK: 'weeks',
      }[args[1]!.intervalUnit ?? ''];
      if (!unit)
        throw new SqlError(
          `${name} needs an INTERVAL of DAY, WEEK, MONTH or YEAR`,
        );
      const n = unit === 'weeks' ? `(${args[1]!.sql}) * 7` : args[1]!.sql;
      return {
        sql: `date(${a!.sql}, (${name === 'DATE_ADD' ? '' : '-'}${n}) || ' ${
          unit === 'weeks' ? 'days' : unit
        }')`,
        type: 'DATE',
      };
    }
    case 'TIMESTAMP_DIFF':
      need(2);
      if (!MICROS[part!])
        throw new SqlError(`TIMESTAMP_DIFF does not support ${part}`);
      return {
        sql: `((${toTimestamp(a!).sql} - ${toTimestamp(args[1]!).sql}) / ${
          MICROS[part!]
        })`,
        type: 'INT64',
      };
    case 'DATE_DIFF':
      need(2);
      if (part !== 'DAY')
        throw new SqlError('DATE_DIFF supports only DAY in the sandbox');
      return {
        sql: `CAST(julianday(${a!.sql}) - julianday(${
          args[1]!.sql
        }) AS INTEGER)`,
        type: 'INT64',
      };
    case 'FORMAT_TIMESTAMP':
    case 'FORMAT_DATE': {
      const target =
        args[1]!.type === 'TIMESTAMP'
          ? `${args[1]!.sql} / 1000000, 'unixepoch'`
          : args[1]!.sql;
      return { sql: `strftime(${a!.sql}, ${target})`, type: 'STRING' };
    }
    default:
      throw new SqlError(`Function not found: ${name}`);
  }
}
