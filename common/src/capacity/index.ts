export * from './capacityWarnings';
export * from './queueGuardrail';
export * from './redisGuardrail';
export * from './wiring';
