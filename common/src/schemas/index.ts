export * from './fieldErrors';
export * from './params';
export * from './scaling';
