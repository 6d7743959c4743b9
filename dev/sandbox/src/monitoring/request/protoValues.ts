/**
 * Proto3 JSON scalars as they arrive in query parameters (Timestamp, Duration, enums, int32) and as
 * Google writes timestamps back. Bad values get Google's "Invalid value at 'field'" 400 wording,
 * which names the field in snake_case like the real API.
 */
import { invalidArgument } from '../../googleError';

/** 400 INVALID_ARGUMENT for one bad field value. `field` is the snake_case proto path. */
export function invalidValue(
  field: string,
  protoType: string,
  value: string,
): Error {
  const message = `Invalid value at '${field}' (${protoType}), "${value}"`;
  return invalidArgument(message, [{ field, description: message }]);
}

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/;

/** Parses an RFC 3339 Timestamp to epoch ms (sub-ms digits are dropped). */
export function parseTimestamp(field: string, text: string): number {
  const match = RFC3339.exec(text);
  const ms = match
    ? Date.parse(
        `${match.slice(1, 4).join('-')}T${match.slice(4, 7).join(':')}.${(
          match[7] ?? ''
        )
          .padEnd(3, '0')
          .slice(0, 3)}${match[8]!.toUpperCase()}`,
      )
    : NaN;
  if (Number.isNaN(ms))
    throw invalidValue(
      field,
      'type.googleapis.com/google.protobuf.Timestamp',
      text,
    );
  return ms;
}

/** Formats epoch ms as Google does: `2024-01-08T09:00:00Z`, with milliseconds only when not zero. */
export function formatTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('.000Z', 'Z');
}

/** Parses a Duration (`"60s"`, `"1.5s"`) to seconds. */
export function parseDuration(field: string, text: string): number {
  const match = /^(-?\d+)(\.\d{1,9})?s$/.exec(text);
  if (!match)
    throw invalidValue(
      field,
      'type.googleapis.com/google.protobuf.Duration',
      text,
    );
  return (
    Number(match[1]) +
    (match[2] ? Math.sign(Number(match[1]) || 1) * Number(match[2]) : 0)
  );
}

/** Parses an int32 query parameter. */
export function parseInt32(field: string, text: string): number {
  if (!/^-?\d+$/.test(text) || Math.abs(Number(text)) > 2 ** 31 - 1)
    throw invalidValue(field, 'TYPE_INT32', text);
  return Number(text);
}

/**
 * Parses an enum given by name or number (clients send numbers with `enum-encoding=int`) and returns
 * its name. `values` maps names to numbers as in the proto.
 */
export function parseEnum<Name extends string>(
  field: string,
  protoType: string,
  values: Readonly<Record<Name, number>>,
  text: string,
): Name {
  if (Object.prototype.hasOwnProperty.call(values, text)) return text as Name;
  if (/^\d+$/.test(text)) {
    const number = Number(text);
    const name = (Object.keys(values) as Name[]).find(
      key => values[key] === number,
    );
    if (name) return name;
  }
  throw invalidValue(field, protoType, text);
}
