import protobuf from 'protobufjs';
import { fieldForJsonKey, isOutputOnly } from './protoRoot';
import { canonicalScalarJson } from './scalars';
import { isPlainObject, isWellKnownType } from './wellKnownTypes';

/** Options of {@link normalizeMessageJson}. */
export interface NormalizeOptions {
  /** Drop OUTPUT_ONLY fields (at every depth): what a server does with them in a request. */
  dropOutputOnly?: boolean;
}

/**
 * Turns request JSON (already accepted by `checkMessageJson`) into the canonical form the sandbox
 * stores and answers: lowerCamel keys, enums as NAMES, 64-bit integers as STRINGS, nulls and unknown
 * keys removed; 32-bit integers and floats sent as strings ("45") become numbers. The clients send enums as numbers (`enum-encoding=int`) but read names back, and lose
 * precision on int64 numbers (docs/google-apis.md §1). Well-known types keep their JSON form ("300s").
 */
export function normalizeMessageJson(
  type: protobuf.Type,
  json: unknown,
  options: NormalizeOptions = {},
): unknown {
  if (isWellKnownType(type)) return normalizeWellKnown(type, json, options);
  if (!isPlainObject(json)) return json;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(json)) {
    const field = fieldForJsonKey(type, key);
    if (!field || value === null) continue;
    if (options.dropOutputOnly && isOutputOnly(field)) continue;
    out[field.name] = normalizeField(field, value, options);
  }
  return out;
}

function normalizeField(
  field: protobuf.Field,
  value: unknown,
  options: NormalizeOptions,
): unknown {
  if (field.map && isPlainObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        normalizeSingle(field, v, options),
      ]),
    );
  }
  if (field.repeated && Array.isArray(value))
    return value.map(v => normalizeSingle(field, v, options));
  return normalizeSingle(field, value, options);
}

function normalizeSingle(
  field: protobuf.Field,
  value: unknown,
  options: NormalizeOptions,
): unknown {
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Enum) {
    return typeof value === 'number'
      ? resolved.valuesById[value] ?? value
      : value;
  }
  if (resolved instanceof protobuf.Type)
    return normalizeMessageJson(resolved, value, options);
  return canonicalScalarJson(field.type, value);
}

/** Scalar type inside each google.protobuf wrapper message (whose JSON is the bare scalar). */
const WRAPPER_SCALARS: Record<string, string> = {
  Int64Value: 'int64',
  UInt64Value: 'uint64',
  Int32Value: 'int32',
  UInt32Value: 'uint32',
  DoubleValue: 'double',
  FloatValue: 'float',
};

function normalizeWellKnown(
  type: protobuf.Type,
  json: unknown,
  options: NormalizeOptions,
): unknown {
  const name = type.fullName.slice('.google.protobuf.'.length);
  const wrapped = WRAPPER_SCALARS[name];
  if (wrapped) return canonicalScalarJson(wrapped, json);
  if (
    name === 'Any' &&
    isPlainObject(json) &&
    typeof json['@type'] === 'string'
  ) {
    const typeUrl = json['@type'];
    try {
      const payloadType = type.root.lookupType(
        typeUrl.slice(typeUrl.lastIndexOf('/') + 1),
      );
      if (isWellKnownType(payloadType))
        return {
          '@type': typeUrl,
          value: normalizeWellKnown(payloadType, json['value'], options),
        };
      const { '@type': _ignored, ...rest } = json;
      return {
        '@type': typeUrl,
        ...(normalizeMessageJson(payloadType, rest, options) as object),
      };
    } catch {
      return json;
    }
  }
  return json;
}
