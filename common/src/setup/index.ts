export * from './googleRequirements';
export * from './setupReport';
