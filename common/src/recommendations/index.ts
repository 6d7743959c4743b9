export * from './hourlyReplay';
export * from './recommendation';
export * from './recommendationList';
export * from './rightSizingRules';
export * from './serviceWeek';
