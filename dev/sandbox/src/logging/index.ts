export { createLoggingApi } from './loggingApi';
export { compileEntriesFilter } from './entriesFilter';
export type { SandboxLogEntry, SandboxLogging } from './loggingTypes';
