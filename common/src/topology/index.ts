export * from './topologyTypes';
export * from './buildTopology';
