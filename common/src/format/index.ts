export * from './formatDuration';
export * from './numberFormat';
