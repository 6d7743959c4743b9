export * from './settingsFingerprint';
