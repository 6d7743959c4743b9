import path from 'node:path';
import ts from 'typescript';
import { z } from 'zod';

/**
 * One configuration key, as a path under `gcpServerless`: objects with dots, lists with `[]`
 * (`projects[].regions[]`). `optional` means the operator may leave it out (optional or defaulted).
 */
export interface ConfigKey {
  path: string;
  optional: boolean;
  /** True when nothing is declared under it (a value, a list of values, a map). */
  leaf: boolean;
  /** The default the schema applies, when it has one. */
  defaultValue?: unknown;
}

function merge(keys: Map<string, ConfigKey>, key: ConfigKey): void {
  const known = keys.get(key.path);
  if (!known) {
    keys.set(key.path, key);
    return;
  }
  known.optional = known.optional || key.optional;
  known.leaf = known.leaf && key.leaf;
}

/** Every key of a zod object schema (zod 3), with its optionality and default. */
export function zodConfigKeys(schema: z.ZodTypeAny): Map<string, ConfigKey> {
  const keys = new Map<string, ConfigKey>();
  walkZodObject(schema, '', keys);
  return keys;
}

interface Unwrapped {
  type: z.ZodTypeAny;
  optional: boolean;
  defaultValue?: unknown;
}

function unwrap(type: z.ZodTypeAny): Unwrapped {
  let optional = false;
  let defaultValue: unknown;
  for (;;) {
    if (type instanceof z.ZodOptional || type instanceof z.ZodNullable) {
      optional = true;
      type = type.unwrap();
    } else if (type instanceof z.ZodDefault) {
      optional = true;
      defaultValue ??= type._def.defaultValue();
      type = type._def.innerType;
    } else if (type instanceof z.ZodEffects) {
      type = type.innerType();
    } else {
      return { type, optional, defaultValue };
    }
  }
}

/** The object members of a type: itself, or the options of a (discriminated) union. */
function zodObjects(type: z.ZodTypeAny): z.AnyZodObject[] {
  if (type instanceof z.ZodObject) return [type];
  if (type instanceof z.ZodDiscriminatedUnion)
    return [...type.options] as z.AnyZodObject[];
  if (type instanceof z.ZodUnion)
    return (type.options as z.ZodTypeAny[]).flatMap(o =>
      zodObjects(unwrap(o).type),
    );
  return [];
}

function walkZodObject(
  schema: z.ZodTypeAny,
  prefix: string,
  keys: Map<string, ConfigKey>,
): void {
  const objects = zodObjects(unwrap(schema).type);
  // A key missing from one member of a union is optional for the union.
  const everywhere = (name: string) => objects.every(o => name in o.shape);
  for (const object of objects) {
    for (const [name, member] of Object.entries(
      object.shape as Record<string, z.ZodTypeAny>,
    )) {
      const { type, optional, defaultValue } = unwrap(member);
      const isList = type instanceof z.ZodArray;
      const inner = isList ? unwrap(type.element).type : type;
      const path = `${prefix}${name}${isList ? '[]' : ''}`;
      const hasChildren = zodObjects(inner).length > 0;
      merge(keys, {
        path,
        optional: optional || !everywhere(name),
        leaf: !hasChildren,
        ...(defaultValue !== undefined ? { defaultValue } : {}),
      });
      if (hasChildren) walkZodObject(inner, `${path}.`, keys);
    }
  }
}

/**
 * Every key of `gcpServerless` in a Backstage `config.d.ts` (the `Config` interface), read with the
 * TypeScript compiler, with its optionality (`?:`).
 */
export function declaredConfigKeys(
  configDtsFile: string,
): Map<string, ConfigKey> {
  const file = path.resolve(configDtsFile);
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file)!;
  const config = source.statements.find(
    (s): s is ts.InterfaceDeclaration =>
      ts.isInterfaceDeclaration(s) && s.name.text === 'Config',
  );
  if (!config) throw new Error(`${configDtsFile} declares no Config interface`);
  const root = checker.getTypeAtLocation(config).getProperty('gcpServerless');
  if (!root) throw new Error(`${configDtsFile} has no gcpServerless key`);
  const keys = new Map<string, ConfigKey>();
  walkType(checker, checker.getTypeOfSymbol(root), '', keys);
  return keys;
}

/** Object types a declared type stands for: itself, or its object members when a union. */
function declaredObjects(checker: ts.TypeChecker, type: ts.Type): ts.Type[] {
  const members = type.isUnion() ? type.types : [type];
  return members.filter(
    t =>
      (t.flags & ts.TypeFlags.Object) !== 0 &&
      !checker.isArrayType(t) &&
      t.getProperties().length > 0,
  );
}

function walkType(
  checker: ts.TypeChecker,
  type: ts.Type,
  prefix: string,
  keys: Map<string, ConfigKey>,
): void {
  const objects = declaredObjects(checker, checker.getNonNullableType(type));
  for (const object of objects) {
    for (const property of object.getProperties()) {
      const name = property.getName();
      const optional =
        (property.flags & ts.SymbolFlags.Optional) !== 0 ||
        !objects.every(o => o.getProperty(name));
      let valueType = checker.getNonNullableType(
        checker.getTypeOfSymbol(property),
      );
      const isList = checker.isArrayType(valueType);
      if (isList)
        valueType = checker.getTypeArguments(valueType as ts.TypeReference)[0]!;
      const keyPath = `${prefix}${name}${isList ? '[]' : ''}`;
      const hasChildren = declaredObjects(checker, valueType).length > 0;
      merge(keys, { path: keyPath, optional, leaf: !hasChildren });
      if (hasChildren) walkType(checker, valueType, `${keyPath}.`, keys);
    }
  }
}
