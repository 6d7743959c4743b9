export * from './api';
export * from './capacity';
export * from './cloudRun';
export * from './metrics';
export * from './projects';
export * from './queues';
export * from './redis';
export * from './timeWindow';
