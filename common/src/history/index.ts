export * from './history';
export * from './changeDiff';
export * from './changeKindLabels';
