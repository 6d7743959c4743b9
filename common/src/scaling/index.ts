export * from './scalingDiff';
export * from './scalingWarnings';
export * from './cpuLimit';
