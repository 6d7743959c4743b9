import protobuf from 'protobufjs';
import type { FieldViolation } from '../googleError';
import { fieldForJsonKey } from './protoRoot';
import { checkMapKey, checkScalarJson } from './scalars';
import {
  checkWellKnownJson,
  isPlainObject,
  isWellKnownType,
} from './wellKnownTypes';

/**
 * Checks a camelCase proto3 JSON value against a message type the way Google's API front end
 * parses request bodies: unknown fields and values of the wrong type are rejected, naming the field.
 * Output-only fields are type-checked like any other (the front end parses them) but servers ignore them.
 *
 * @param type the message type, e.g. `root.lookupType('google.cloud.run.v2.Service')`.
 * @param json the parsed JSON value.
 * @param path the field path of `json` in violations, e.g. `service`; '' at the top level.
 * @returns the violations, empty when the value is acceptable. Field paths use the keys as sent
 *   (`service.template.scaling.maxInstanceCountt`), with `[i]` for list elements and `.key` for map entries.
 */
export function checkMessageJson(
  type: protobuf.Type,
  json: unknown,
  path = '',
): FieldViolation[] {
  if (isWellKnownType(type))
    return checkWellKnownJson(type, json, path, checkMessageJson);
  if (!isPlainObject(json)) {
    return [
      {
        field: path,
        description: `Invalid value ${JSON.stringify(json)} for message ${
          type.name
        }: expected an object`,
      },
    ];
  }
  const violations: FieldViolation[] = [];
  const setOneofMembers = new Map<string, string[]>();
  for (const [key, value] of Object.entries(json)) {
    const fieldPath = join(path, key);
    const field = fieldForJsonKey(type, key);
    if (!field) {
      violations.push({
        field: fieldPath,
        description: `Invalid JSON payload received. Unknown name "${key}" at '${
          path || type.name
        }': Cannot find field.`,
      });
      continue;
    }
    // null means "not set" for every field except google.protobuf.Value (where it is NullValue).
    if (value === null) continue;
    if (field.partOf) {
      const members = setOneofMembers.get(field.partOf.name) ?? [];
      setOneofMembers.set(field.partOf.name, [...members, key]);
    }
    violations.push(...checkFieldJson(field, value, fieldPath));
  }
  for (const [oneof, members] of setOneofMembers) {
    if (members.length > 1) {
      violations.push({
        field: join(path, members[1]!),
        description: `Only one of ${members.join(
          ', ',
        )} may be set (oneof ${oneof})`,
      });
    }
  }
  return violations;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function checkFieldJson(
  field: protobuf.Field,
  value: unknown,
  path: string,
): FieldViolation[] {
  if (field.map) {
    if (!isPlainObject(value))
      return [
        {
          field: path,
          description: `Invalid value for map field ${field.name}: expected an object`,
        },
      ];
    const keyType = (field as unknown as protobuf.MapField).keyType;
    return Object.entries(value).flatMap(([key, entry]) => {
      const keyProblem = checkMapKey(keyType, key);
      if (keyProblem)
        return [{ field: `${path}.${key}`, description: keyProblem }];
      return checkSingleJson(field, entry, `${path}.${key}`);
    });
  }
  if (field.repeated) {
    if (!Array.isArray(value))
      return [
        {
          field: path,
          description: `Invalid value for repeated field ${field.name}: expected an array`,
        },
      ];
    return value.flatMap((element, i) =>
      element === null
        ? [
            {
              field: `${path}[${i}]`,
              description: 'null is not allowed in a repeated field',
            },
          ]
        : checkSingleJson(field, element, `${path}[${i}]`),
    );
  }
  return checkSingleJson(field, value, path);
}

/** Checks one value (a singular field, one list element or one map value) against the field's type. */
function checkSingleJson(
  field: protobuf.Field,
  value: unknown,
  path: string,
): FieldViolation[] {
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Enum)
    return checkEnumJson(resolved, value, path);
  if (resolved instanceof protobuf.Type)
    return checkMessageJson(resolved, value, path);
  const problem = checkScalarJson(field.type, value);
  return problem ? [{ field: path, description: problem }] : [];
}

/** Enums arrive as names (compute, hand-written JSON) or numbers (`enum-encoding=int` clients). */
function checkEnumJson(
  enumType: protobuf.Enum,
  value: unknown,
  path: string,
): FieldViolation[] {
  if (typeof value === 'string' && value in enumType.values) return [];
  if (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value in enumType.valuesById
  )
    return [];
  return [
    {
      field: path,
      description: `Invalid value ${JSON.stringify(value)} for enum ${
        enumType.name
      }; expected one of ${Object.keys(enumType.values).join(', ')}`,
    },
  ];
}
