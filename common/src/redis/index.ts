export * from './redisDiff';
