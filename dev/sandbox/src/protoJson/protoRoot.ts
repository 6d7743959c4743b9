import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import protobuf from 'protobufjs';

/**
 * Loads the proto descriptors that ship inside the official client packages
 * (`<package>/build/protos/protos.json`), so the sandbox checks requests against exactly the
 * messages the client was generated from, with no copy of the protos in this repository.
 */

const require = createRequire(import.meta.url);
const roots = new Map<string, protobuf.Root>();

/**
 * The resolved protobufjs Root of an installed Google client package, loaded once per process.
 * @param packageName e.g. `@google-cloud/run`, `@google-cloud/monitoring`.
 */
export function loadClientProtoRoot(packageName: string): protobuf.Root {
  const cached = roots.get(packageName);
  if (cached) return cached;
  const packageDir = packageDirectory(packageName);
  const json = require(join(
    packageDir,
    'build',
    'protos',
    'protos.json',
  )) as protobuf.INamespace;
  const root = protobuf.Root.fromJSON(json);
  root.resolveAll();
  roots.set(packageName, root);
  return root;
}

/**
 * The installed directory of a package. Resolve package.json rather than the protos file, since some
 * packages' `exports` hide deep paths; @google-cloud/tasks 6 hides package.json too, so then walk up
 * from its main entry to the directory holding its package.json.
 */
function packageDirectory(packageName: string): string {
  try {
    return dirname(require.resolve(`${packageName}/package.json`));
  } catch {
    let dir = dirname(require.resolve(packageName));
    while (
      !existsSync(join(dir, 'package.json')) ||
      !existsSync(join(dir, 'build', 'protos', 'protos.json'))
    ) {
      const parent = dirname(dir);
      if (parent === dir)
        throw new Error(`Cannot find the protos of ${packageName}`);
      dir = parent;
    }
    return dir;
  }
}

/** A message type of the root, by full name without the leading dot, e.g. `google.cloud.run.v2.Service`. */
export function messageType(
  root: protobuf.Root,
  fullName: string,
): protobuf.Type {
  return root.lookupType(fullName);
}

/** The protos of `@google-cloud/run` (Cloud Run Admin API v2 and its dependencies). */
export function runProtoRoot(): protobuf.Root {
  return loadClientProtoRoot('@google-cloud/run');
}

/** The protos of `@google-cloud/monitoring` (Cloud Monitoring v3), for the Monitoring API emulation. */
export function monitoringProtoRoot(): protobuf.Root {
  return loadClientProtoRoot('@google-cloud/monitoring');
}

/** The `google.api.field_behavior` of a field, e.g. `OUTPUT_ONLY`, `REQUIRED` (protos.json keeps only one value). */
export function fieldBehavior(field: protobuf.Field): string | undefined {
  const value = field.options?.['(google.api.field_behavior)'] as unknown;
  if (Array.isArray(value)) return value.map(String).join(',');
  return typeof value === 'string' ? value : undefined;
}

/** True when the field is marked OUTPUT_ONLY: clients may echo it back, the server ignores it. */
export function isOutputOnly(field: protobuf.Field): boolean {
  return fieldBehavior(field)?.includes('OUTPUT_ONLY') ?? false;
}

/** `maxInstanceCount` → `max_instance_count`: the proto field name Google uses in field violations. */
export function toSnakeCase(name: string): string {
  return name.replace(/[A-Z]/g, c => `_${c.toLowerCase()}`);
}

/** `max_instance_count` → `maxInstanceCount`: the proto3 JSON name. */
export function toCamelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/**
 * The field of `type` named `key` in a JSON object: proto3 JSON parsers accept the lowerCamel
 * JSON name and the original snake_case proto name.
 */
export function fieldForJsonKey(
  type: protobuf.Type,
  key: string,
): protobuf.Field | undefined {
  return type.fields[key] ?? type.fields[toCamelCase(key)];
}
