export * from './formatDuration';
