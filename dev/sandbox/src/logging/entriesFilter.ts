import { invalidArgument } from '../googleError';
import type { SandboxLogEntry } from './loggingTypes';

const SEVERITY_RANK: Record<string, number> = {
  DEFAULT: 0,
  DEBUG: 100,
  INFO: 200,
  NOTICE: 300,
  WARNING: 400,
  ERROR: 500,
  CRITICAL: 600,
  ALERT: 700,
  EMERGENCY: 800,
};
const CLAUSE =
  /^([A-Za-z_][\w.\-/]*)\s*(!=|=|>=|<=|>|<|:)\s*(?:"((?:[^"\\]|\\.)*)"|([\w.\-:+]+))$/;
const TEXT = /^"((?:[^"\\]|\\.)*)"$/;

interface Clause {
  field: string;
  op: string;
  value: string;
}

/**
 * The subset of the Logging query language the sandbox understands: clauses joined by AND, each
 * `field OP value` with OP one of `= != >= <= > < :` (`:` = contains) and the value quoted or a bare
 * token (`severity>=ERROR`, `httpRequest.status>=500`); fields `logName`, `resource.type`, `severity`
 * (compared by rank, as Logging does), `labels.K`, `resource.labels.K`, `httpRequest.*`, `textPayload`,
 * `jsonPayload.a.b`, `timestamp` (RFC 3339); and a bare `"text"` clause, searched in the payload and the
 * request URL. Anything else is a 400, so a caller never silently gets unfiltered entries.
 */
export function compileEntriesFilter(
  filter: string | undefined,
): (entry: SandboxLogEntry) => boolean {
  const tests = parseClauses(filter).map(c =>
    c.field === '' ? textTest(c.value) : clauseTest(c),
  );
  return entry => tests.every(t => t(entry));
}

/** The `timestamp` bounds a filter sets, epoch ms (null when it sets none). */
export function timestampBounds(filter: string | undefined): {
  from: number | null;
  to: number | null;
} {
  let from: number | null = null;
  let to: number | null = null;
  for (const c of parseClauses(filter)) {
    if (c.field !== 'timestamp') continue;
    const t = Date.parse(c.value);
    if (Number.isNaN(t)) continue;
    if (c.op === '>=' || c.op === '>') from = Math.max(from ?? t, t);
    if (c.op === '<=' || c.op === '<') to = Math.min(to ?? t, t);
  }
  return { from, to };
}

function parseClauses(filter: string | undefined): Clause[] {
  const text = (filter ?? '').trim();
  if (!text) return [];
  return text.split(/\s+AND\s+/).map(raw => {
    const clause = raw.trim();
    const bare = TEXT.exec(clause);
    if (bare) return { field: '', op: ':', value: unescape(bare[1]!) };
    const m = CLAUSE.exec(clause);
    if (!m)
      throw invalidArgument(
        `Unsupported filter clause in the sandbox: ${clause}`,
        [{ field: 'filter', description: `unsupported clause ${clause}` }],
      );
    return {
      field: m[1]!,
      op: m[2]!,
      value: m[3] !== undefined ? unescape(m[3]) : m[4]!,
    };
  });
}

const unescape = (s: string) => s.replace(/\\(.)/g, '$1');

function textTest(needle: string): (entry: SandboxLogEntry) => boolean {
  const lower = needle.toLowerCase();
  return entry => {
    const haystack = [
      entry.textPayload ?? '',
      entry.jsonPayload === undefined ? '' : JSON.stringify(entry.jsonPayload),
      entry.httpRequest?.requestUrl ?? '',
    ].join('\n');
    return haystack.toLowerCase().includes(lower);
  };
}

function clauseTest({
  field,
  op,
  value,
}: Clause): (entry: SandboxLogEntry) => boolean {
  return entry => {
    const actual = fieldOf(entry, field);
    if (op === ':')
      return String(actual ?? '')
        .toLowerCase()
        .includes(value.toLowerCase());
    if (field === 'severity')
      return compare(
        SEVERITY_RANK[String(actual ?? 'DEFAULT')] ?? 0,
        op,
        SEVERITY_RANK[value.toUpperCase()] ?? Number(value),
      );
    if (
      typeof actual === 'number' &&
      value.trim() !== '' &&
      !Number.isNaN(Number(value))
    )
      return compare(actual, op, Number(value));
    return compare(String(actual ?? ''), op, value);
  };
}

function fieldOf(entry: SandboxLogEntry, field: string): unknown {
  if (field === 'logName') return decodeURIComponent(entry.logName);
  let value: unknown = entry;
  for (const part of field.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function compare<T extends string | number>(
  actual: T,
  op: string,
  expected: T,
): boolean {
  switch (op) {
    case '=':
      return actual === expected;
    case '!=':
      return actual !== expected;
    case '>=':
      return actual >= expected;
    case '<=':
      return actual <= expected;
    case '>':
      return actual > expected;
    default:
      return actual < expected;
  }
}
