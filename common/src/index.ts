/**
 * @gcp-serverless/common: domain types, zod schemas and pure logic shared by the backend and the
 * frontend. Runs in browsers and Node alike: no React, no Node built-ins, no Google clients.
 */
export * from './errors';
export * from './format';
export * from './history';
export * from './permissions';
export * from './problems';
export * from './logs';
export * from './topology';
export * from './capacity';
export * from './cdn';
export * from './cost';
export * from './edits';
export * from './routing';
export * from './scaling';
export * from './scheduledChanges';
export * from './setup';
export * from './schemas';
export * from './queues';
export * from './redis';
export * from './types';
export * from './whatIf';
export * from './approvals';
export * from './recommendations';
