export * from './backendRef';
export * from './matchers';
export * from './requestUrl';
export * from './resolveRoute';
export * from './routeDecision';
export * from './urlMapTests';
export * from './urlMapTypes';
