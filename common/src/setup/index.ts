export * from './googleRequirements';
export * from './setupReport';
export * from './formatSetupReport';
export * from './setupHint';
