export * from './permissions';
export * from './annotations';
