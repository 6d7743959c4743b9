/**
 * Helpers for values the Google clients return: results are protobuf objects (docs/google-apis.md §1), so
 * int64 may be a Long, a string or a number, Durations and Timestamps objects or strings, enums
 * numbers or names. Every gateway translator normalises through these.
 */

/** Whether a field is unset: the clients leave unset fields null or undefined. */
export function isUnset(value: unknown): value is null | undefined {
  return value === null || value === undefined;
}

/** A number from int32/int64/double fields (Long, string or number); `fallback` when absent. */
export function protoNumber(value: unknown, fallback = 0): number {
  if (value === null || value === undefined || value === '') return fallback;
  const n = typeof value === 'number' ? value : Number(String(value));
  return Number.isFinite(n) ? n : fallback;
}

/** Seconds of a google.protobuf.Duration ("1.500s" or {seconds, nanos}); `fallback` when absent. */
export function durationToSeconds(value: unknown, fallback = 0): number {
  if (value === null || value === undefined) return fallback;
  if (typeof value === 'string') {
    const n = parseFloat(value);
    return Number.isFinite(n) ? n : fallback;
  }
  const v = value as { seconds?: unknown; nanos?: number | null };
  if (isUnset(v.seconds) && isUnset(v.nanos)) return fallback;
  return protoNumber(v.seconds) + (v.nanos ?? 0) / 1e9;
}

/** A Duration for a request: whole seconds and nanos (the clients serialise it as "1.500s"). */
export function secondsToDuration(seconds: number): {
  seconds: number;
  nanos: number;
} {
  const whole = Math.floor(seconds);
  return { seconds: whole, nanos: Math.round((seconds - whole) * 1e9) };
}

/** ISO 8601 of a google.protobuf.Timestamp, or null when unset or the epoch. */
export function timestampToIso(value: unknown): string | null {
  if (!value) return null;
  if (typeof value === 'string') return value;
  const v = value as { seconds?: unknown; nanos?: number | null };
  const ms = protoNumber(v.seconds) * 1000 + Math.floor((v.nanos ?? 0) / 1e6);
  return ms > 0 ? new Date(ms).toISOString() : null;
}

/** The name of an enum value that may arrive as its number or its name. */
export function enumName(
  value: unknown,
  names: Record<number, string>,
  fallback: string,
): string {
  if (typeof value === 'number') return names[value] ?? fallback;
  if (typeof value === 'string' && value) return value;
  return fallback;
}
