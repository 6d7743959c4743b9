export * from './recentErrorsTypes';
export * from './groupLogEntries';
