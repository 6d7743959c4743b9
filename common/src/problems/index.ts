export * from './problemTypes';
export * from './thresholds';
export * from './serviceDetectors';
export * from './capacityDetectors';
export * from './platformDetectors';
export * from './missingTargets';
export * from './rankProblems';
