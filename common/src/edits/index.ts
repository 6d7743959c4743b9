export * from './settingsFingerprint';
export * from './applyOutcome';
