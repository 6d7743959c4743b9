export * from './queueDiff';
