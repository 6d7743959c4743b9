import { toCamelCase } from '../protoJson';
import type { FieldSelection } from './fieldSelection';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The part of a JSON answer a field selection keeps. A list applies the selection to each element;
 * a value that is not an object (a string such as a Timestamp, a number) is kept whole; a selected
 * field the answer does not have (unset) stays absent. A name may be written as the JSON name or the
 * snake_case proto name, as Google accepts both (map keys are matched exactly first).
 */
export function projectFields(
  value: unknown,
  selection: FieldSelection,
): unknown {
  if (selection.kind === 'all') return value;
  if (Array.isArray(value))
    return value.map(element => projectFields(element, selection));
  if (!isObject(value)) return value;
  const projected: Record<string, unknown> = {};
  for (const [name, sub] of selection.fields) {
    const key = Object.hasOwn(value, name) ? name : toCamelCase(name);
    if (!Object.hasOwn(value, key)) continue;
    projected[key] = projectFields(value[key], sub);
  }
  return projected;
}
