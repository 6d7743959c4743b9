/** Response field masks (`X-Goog-FieldMask`, `$fields`, `fields`) for every emulated API (docs/sandbox.md). */
export {
  parseFieldSelection,
  formatFieldSelection,
  ALL_FIELDS,
  type FieldSelection,
} from './fieldSelection';
export { projectFields } from './projectFields';
export { checkFieldSelection } from './checkFieldSelection';
export {
  responseSelection,
  maskedResponse,
  fieldMaskOf,
} from './responseFieldMask';
