/**
 * Proto3 JSON checking and normalising against the protos shipped in the Google client packages.
 * Shared by every emulated API (Run, Monitoring).
 */
export { checkMessageJson } from './checkMessageJson';
export {
  normalizeMessageJson,
  type NormalizeOptions,
} from './normalizeMessageJson';
export {
  loadClientProtoRoot,
  messageType,
  runProtoRoot,
  monitoringProtoRoot,
  fieldBehavior,
  isOutputOnly,
  fieldForJsonKey,
  toCamelCase,
  toSnakeCase,
} from './protoRoot';
export { checkScalarJson, isInt64Type } from './scalars';
export {
  parseDurationSeconds,
  isPlainObject,
  isWellKnownType,
} from './wellKnownTypes';
