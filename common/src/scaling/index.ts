export * from './scalingDiff';
export * from './scalingWarnings';
