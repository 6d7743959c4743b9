/**
 * @gcp-serverless/common: domain types, zod schemas and pure logic shared by the backend and the
 * frontend. Runs in browsers and Node alike: no React, no Node built-ins, no Google clients.
 */
export * from './errors';
export * from './scaling';
export * from './schemas';
export * from './types';
