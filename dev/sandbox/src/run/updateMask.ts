import type protobuf from 'protobufjs';
import type { FieldViolation } from '../googleError';
import { fieldForJsonKey, isOutputOnly, isPlainObject } from '../protoJson';

/**
 * AIP-134 update masks: parse the `updateMask` query parameter (snake_case or camelCase paths, comma
 * separated, as the clients pass it through verbatim) and apply only the masked paths of a patch.
 */

type Json = Record<string, unknown>;

/** A mask path resolved against the message type: the JSON keys to walk, and whether to skip it. */
interface ResolvedPath {
  keys: string[];
  /** The path ends in (or passes through) an OUTPUT_ONLY field: requests may name it; servers ignore it. */
  outputOnly: boolean;
}

/** The paths of an `updateMask` query value; undefined for none or `*` (= replace every mutable field). */
export function parseUpdateMask(raw: string | null): string[] | undefined {
  const paths = (raw ?? '')
    .split(',')
    .map(p => p.trim())
    .filter(Boolean);
  return paths.length === 0 || paths.includes('*') ? undefined : paths;
}

function resolvePath(type: protobuf.Type, path: string): ResolvedPath | string {
  const segments = path.split('.');
  const keys: string[] = [];
  let current: protobuf.Type | undefined = type;
  let outputOnly = false;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if (!current)
      return `cannot descend into "${segments.slice(0, i).join('.')}"`;
    const field = fieldForJsonKey(current, segment);
    if (!field) return `unknown field "${segment}" in ${current.name}`;
    keys.push(field.name);
    outputOnly ||= isOutputOnly(field);
    if (field.map) {
      // A map path may name one entry (`labels.env`), which must be the last segment.
      if (i + 1 < segments.length) {
        if (i + 2 < segments.length)
          return `cannot descend into map entry "${segments
            .slice(0, i + 2)
            .join('.')}"`;
        keys.push(segments[i + 1]!);
      }
      return { keys, outputOnly };
    }
    if (field.repeated && i + 1 < segments.length)
      return `cannot descend into repeated field "${field.name}"`;
    const resolved: protobuf.ReflectionObject | null = field.resolvedType;
    current =
      resolved && 'fields' in resolved
        ? (resolved as protobuf.Type)
        : undefined;
  }
  return { keys, outputOnly };
}

/** Violations (field `update_mask`) for mask paths that name no field of `type`. */
export function maskViolations(
  type: protobuf.Type,
  paths: string[],
): FieldViolation[] {
  return paths.flatMap(path => {
    const resolved = resolvePath(type, path);
    return typeof resolved === 'string'
      ? [
          {
            field: 'update_mask',
            description: `Invalid update_mask path "${path}": ${resolved}`,
          },
        ]
      : [];
  });
}

/**
 * A copy of `current` where each masked path takes its value from `patch` (absent in the patch =
 * cleared), as AIP-134 prescribes. Output-only paths are ignored. Call `maskViolations` first.
 */
export function applyMask(
  type: protobuf.Type,
  current: Json,
  patch: Json,
  paths: string[],
): Json {
  const result = structuredClone(current);
  for (const path of paths) {
    const resolved = resolvePath(type, path);
    if (typeof resolved === 'string' || resolved.outputOnly) continue;
    let source: unknown = patch;
    let target: Json = result;
    const { keys } = resolved;
    for (const key of keys.slice(0, -1)) {
      source = isPlainObject(source) ? source[key] : undefined;
      if (!isPlainObject(target[key])) target[key] = {};
      target = target[key] as Json;
    }
    const last = keys[keys.length - 1]!;
    const value = isPlainObject(source) ? source[last] : undefined;
    if (value === undefined) delete target[last];
    else target[last] = structuredClone(value);
  }
  return result;
}

/**
 * A copy of `current` with every mutable top-level field replaced by the patch's (absent = cleared):
 * an update without a mask replaces the whole resource. Output-only fields, `name` and `etag` (a
 * precondition, not data) stay.
 */
export function replaceMutable(
  type: protobuf.Type,
  current: Json,
  patch: Json,
): Json {
  const result = structuredClone(current);
  for (const field of type.fieldsArray) {
    if (isOutputOnly(field) || field.name === 'name' || field.name === 'etag')
      continue;
    if (patch[field.name] === undefined) delete result[field.name];
    else result[field.name] = structuredClone(patch[field.name]);
  }
  return result;
}
