export * from './autoscaler';
export * from './observedTraffic';
export * from './refusalEpisodes';
export * from './replay';
export * from './replayCost';
export * from './serviceTime';
export * from './whatIfChart';
export * from './whatIfReport';
