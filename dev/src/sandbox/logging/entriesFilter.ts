import { invalidArgument } from '../googleError';
import type { SandboxLogEntry } from './loggingTypes';

/**
 * The subset of the Logging query language the sandbox understands: clauses joined by AND, each
 * `field = "value"` or `field="value"` where field is `logName`, `resource.type`, `severity`,
 * `labels.K`, `resource.labels.K` or `jsonPayload.a.b`; also `timestamp >= "RFC3339"` and `<=`.
 * Anything else is a 400, so a caller never silently gets unfiltered entries. Kept generic so other
 * readers (recent error logs) can reuse it.
 */
export function compileEntriesFilter(filter: string | undefined): (entry: SandboxLogEntry) => boolean {
  const text = (filter ?? '').trim();
  if (!text) return () => true;
  const clauses = text.split(/\s+AND\s+/);
  const tests = clauses.map(clause => {
    const m = /^([A-Za-z_][\w.\-/]*)\s*(=|>=|<=|>|<)\s*"((?:[^"\\]|\\.)*)"$/.exec(clause.trim());
    if (!m) throw invalidArgument(`Unsupported filter clause in the sandbox: ${clause}`, [{ field: 'filter', description: `unsupported clause ${clause}` }]);
    const [, field, op, raw] = m as unknown as [string, string, string, string];
    const value = raw.replace(/\\(.)/g, '$1');
    return (entry: SandboxLogEntry) => compare(String(fieldOf(entry, field!) ?? ''), op!, value);
  });
  return entry => tests.every(t => t(entry));
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

function compare(actual: string, op: string, expected: string): boolean {
  switch (op) {
    case '=':
      return actual === expected;
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
