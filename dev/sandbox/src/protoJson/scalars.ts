/**
 * Checks of proto3 JSON scalar values (https://protobuf.dev/programming-guides/json/): what a
 * Google API front end accepts for each scalar type. Each returns an error description or null.
 */

const INT_RANGES: Record<string, [bigint, bigint]> = {
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  sint32: [-(2n ** 31n), 2n ** 31n - 1n],
  sfixed32: [-(2n ** 31n), 2n ** 31n - 1n],
  uint32: [0n, 2n ** 32n - 1n],
  fixed32: [0n, 2n ** 32n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  sint64: [-(2n ** 63n), 2n ** 63n - 1n],
  sfixed64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
  fixed64: [0n, 2n ** 64n - 1n],
};

/** True for the proto scalar type names that are 64-bit integers (sent and answered as JSON strings). */
export function isInt64Type(type: string): boolean {
  return type.endsWith('64') && type !== 'double';
}

const NUMBER_TYPES = new Set([
  'int32',
  'sint32',
  'sfixed32',
  'uint32',
  'fixed32',
  'double',
  'float',
]);

/**
 * The canonical JSON of a scalar as Google answers it: proto3 JSON lets a client send 32-bit integers
 * and floats as strings ("45"), but Google's answers carry numbers, and int64 values as strings.
 * NaN and ±Infinity stay strings (JSON has no such numbers). Call only on values `checkScalarJson`
 * accepted.
 */
export function canonicalScalarJson(type: string, value: unknown): unknown {
  if (isInt64Type(type))
    return typeof value === 'number'
      ? String(value)
      : typeof value === 'string'
      ? value.trim()
      : value;
  if (NUMBER_TYPES.has(type) && typeof value === 'string') {
    const number = Number(value.trim());
    return Number.isFinite(number) ? number + 0 : value; // + 0 turns "-0" into 0
  }
  return value;
}

function checkInteger(type: string, value: unknown): string | null {
  let asBigInt: bigint;
  if (typeof value === 'number') {
    if (!Number.isInteger(value))
      return `Invalid value ${value} for ${type}: not an integer`;
    asBigInt = BigInt(value);
  } else if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) {
    asBigInt = BigInt(value.trim());
  } else {
    return `Invalid value ${JSON.stringify(
      value,
    )} for ${type}: expected an integer (number or decimal string)`;
  }
  const [min, max] = INT_RANGES[type]!;
  if (asBigInt < min || asBigInt > max)
    return `Value ${String(value)} out of range for ${type}`;
  return null;
}

function checkFloat(type: string, value: unknown): string | null {
  if (typeof value === 'number') return null;
  if (
    typeof value === 'string' &&
    (['NaN', 'Infinity', '-Infinity'].includes(value) ||
      (value.trim() !== '' && Number.isFinite(Number(value))))
  ) {
    return null;
  }
  return `Invalid value ${JSON.stringify(
    value,
  )} for ${type}: expected a number`;
}

/**
 * Checks a JSON value against a proto scalar type (`string`, `int64`, `bool`, …).
 * @returns a description of the problem, or null when the value is acceptable.
 */
export function checkScalarJson(type: string, value: unknown): string | null {
  if (type in INT_RANGES) return checkInteger(type, value);
  switch (type) {
    case 'double':
    case 'float':
      return checkFloat(type, value);
    case 'bool':
      return typeof value === 'boolean'
        ? null
        : `Invalid value ${JSON.stringify(
            value,
          )} for bool: expected true or false`;
    case 'string':
      return typeof value === 'string'
        ? null
        : `Invalid value ${JSON.stringify(
            value,
          )} for string: expected a string`;
    case 'bytes':
      return typeof value === 'string' && /^[A-Za-z0-9+/_-]*={0,2}$/.test(value)
        ? null
        : `Invalid value ${JSON.stringify(value)} for bytes: expected base64`;
    default:
      return `Unsupported scalar type ${type}`;
  }
}

/** Checks a map key (always a JSON string) against the proto key type. */
export function checkMapKey(keyType: string, key: string): string | null {
  if (keyType === 'string') return null;
  if (keyType === 'bool')
    return key === 'true' || key === 'false'
      ? null
      : `Invalid map key "${key}" for bool`;
  return checkScalarJson(keyType, key);
}
