import type protobuf from 'protobufjs';
import type { FieldViolation } from '../googleError';
import { checkScalarJson } from './scalars';

/**
 * The special proto3 JSON forms of the google.protobuf well-known types: Duration "300s",
 * Timestamp RFC 3339, FieldMask "a.b,c", wrappers as bare scalars, Struct/Value as any JSON, Any
 * with "@type".
 */

const DURATION = /^-?\d+(\.\d{1,9})?s$/;
const MAX_DURATION_SECONDS = 315_576_000_000;
const TIMESTAMP =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;
const FIELD_MASK_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

const WRAPPERS: Record<string, string> = {
  DoubleValue: 'double',
  FloatValue: 'float',
  Int64Value: 'int64',
  UInt64Value: 'uint64',
  Int32Value: 'int32',
  UInt32Value: 'uint32',
  BoolValue: 'bool',
  StringValue: 'string',
  BytesValue: 'bytes',
};

/** Recursion hook so Any can check its payload with the generic message checker. */
export type MessageChecker = (
  type: protobuf.Type,
  json: unknown,
  path: string,
) => FieldViolation[];

/** True when `type` is a google.protobuf well-known type with a special JSON form. */
export function isWellKnownType(type: protobuf.Type): boolean {
  return (
    type.fullName.startsWith('.google.protobuf.') &&
    wellKnownName(type) in CHECKS
  );
}

function wellKnownName(type: protobuf.Type): string {
  return type.fullName.slice('.google.protobuf.'.length);
}

/** Parses a JSON Duration ("1.5s") into seconds; undefined if malformed. */
export function parseDurationSeconds(value: unknown): number | undefined {
  if (typeof value !== 'string' || !DURATION.test(value)) return undefined;
  return Number(value.slice(0, -1));
}

function violation(path: string, description: string): FieldViolation[] {
  return [{ field: path, description }];
}

type Check = (
  json: unknown,
  path: string,
  type: protobuf.Type,
  recurse: MessageChecker,
) => FieldViolation[];

const CHECKS: Record<string, Check> = {
  Duration: (json, path) => {
    const seconds = parseDurationSeconds(json);
    if (seconds === undefined)
      return violation(
        path,
        `Invalid duration ${JSON.stringify(
          json,
        )}: expected e.g. "300s" or "1.5s"`,
      );
    return Math.abs(seconds) > MAX_DURATION_SECONDS
      ? violation(path, `Duration ${String(json)} out of range`)
      : [];
  },
  Timestamp: (json, path) =>
    typeof json === 'string' &&
    TIMESTAMP.test(json) &&
    !Number.isNaN(Date.parse(json))
      ? []
      : violation(
          path,
          `Invalid timestamp ${JSON.stringify(
            json,
          )}: expected RFC 3339, e.g. "2024-05-01T12:00:00Z"`,
        ),
  FieldMask: (json, path) => {
    if (typeof json !== 'string')
      return violation(
        path,
        `Invalid field mask ${JSON.stringify(json)}: expected "a.b,c"`,
      );
    const bad = json
      .split(',')
      .filter(p => p !== '' && !FIELD_MASK_PATH.test(p.trim()));
    return bad.length
      ? violation(path, `Invalid field mask path(s): ${bad.join(', ')}`)
      : [];
  },
  Struct: (json, path) =>
    isPlainObject(json)
      ? []
      : violation(
          path,
          `Invalid value ${JSON.stringify(
            json,
          )} for Struct: expected an object`,
        ),
  Value: () => [],
  ListValue: (json, path) =>
    Array.isArray(json)
      ? []
      : violation(path, 'Invalid value for ListValue: expected an array'),
  Empty: (json, path) =>
    isPlainObject(json) && Object.keys(json).length === 0
      ? []
      : violation(path, 'Invalid value for Empty: expected {}'),
  Any: (json, path, type, recurse) => {
    if (!isPlainObject(json) || typeof json['@type'] !== 'string') {
      return violation(path, 'Invalid Any: expected an object with "@type"');
    }
    const typeName = json['@type'].slice(json['@type'].lastIndexOf('/') + 1);
    let payloadType: protobuf.Type;
    try {
      payloadType = type.root.lookupType(typeName);
    } catch {
      return violation(`${path}.@type`, `Unknown type ${json['@type']}`);
    }
    const { '@type': _ignored, ...rest } = json;
    // A well-known type inside Any carries its JSON form under "value" (proto3 JSON spec).
    return isWellKnownType(payloadType)
      ? recurse(payloadType, rest['value'], `${path}.value`)
      : recurse(payloadType, rest, path);
  },
};
for (const [name, scalar] of Object.entries(WRAPPERS)) {
  CHECKS[name] = (json, path) => {
    const problem = checkScalarJson(scalar, json);
    return problem ? violation(path, problem) : [];
  };
}

/** Checks the JSON form of a well-known type; call only when `isWellKnownType(type)`. */
export function checkWellKnownJson(
  type: protobuf.Type,
  json: unknown,
  path: string,
  recurse: MessageChecker,
): FieldViolation[] {
  return CHECKS[wellKnownName(type)]!(json, path, type, recurse);
}

/** A JSON object (not an array, not null). */
export function isPlainObject(
  value: unknown,
): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
