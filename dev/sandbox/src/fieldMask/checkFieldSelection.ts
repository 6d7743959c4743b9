import type protobuf from 'protobufjs';
import { fieldForJsonKey } from '../protoJson';
import {
  FIELD_MASK_NAME,
  formatFieldSelection,
  type FieldSelection,
} from './fieldSelection';
import { invalidArgument } from '../googleError';

/** Messages whose JSON form is free-form (any key is a valid path below them). */
const FREE_FORM = new Set([
  'google.protobuf.Any',
  'google.protobuf.Struct',
  'google.protobuf.Value',
  'google.protobuf.ListValue',
]);

/**
 * Rejects a selection that names a field the response message does not have (400 INVALID_ARGUMENT, as
 * Google answers), or a sub-field of a field that is not a message. Below a map field any key is
 * valid; below `Any`/`Struct` any name is. Checked against the message type, not the answer: an
 * unset field is absent from the JSON but still a valid path.
 */
export function checkFieldSelection(
  type: protobuf.Type,
  selection: FieldSelection,
): void {
  const problem = findProblem(type, selection, '');
  if (problem)
    throw invalidArgument(
      `Invalid ${FIELD_MASK_NAME} '${formatFieldSelection(
        selection,
      )}': ${problem}`,
      [{ field: 'fields', description: problem }],
    );
}

function findProblem(
  type: protobuf.Type,
  selection: FieldSelection,
  prefix: string,
): string | undefined {
  if (selection.kind === 'all' || FREE_FORM.has(fullName(type)))
    return undefined;
  for (const [name, sub] of selection.fields) {
    const path = prefix + name;
    const field = fieldForJsonKey(type, name);
    if (!field) return `field '${path}' does not exist in ${fullName(type)}`;
    if (sub.kind === 'all' || field.map) continue;
    field.resolve();
    const fieldType = field.resolvedType;
    if (!fieldType || !('fields' in fieldType))
      return `field '${path}' is not a message and has no sub-fields`;
    const problem = findProblem(fieldType, sub, `${path}.`);
    if (problem) return problem;
  }
  return undefined;
}

const fullName = (type: protobuf.Type) => type.fullName.replace(/^\./, '');
