export * from './api';
export * from './cloudRun';
export * from './metrics';
export * from './projects';
export * from './timeWindow';
