/**
 * The GCP sandbox: an emulator of the Google REST APIs the plugin uses, for `npm start`, the
 * integration tests and the benchmark. See docs/sandbox.md.
 */
export { startSandbox, type Sandbox, type SandboxOptions } from './server';
export { OffsetSandboxClock } from './clock';
export { SANDBOX_CLI_OPTIONS, SANDBOX_CLI_USAGE } from './cliOptions';
export {
  FaultRules,
  type FaultRule,
  type FaultSpec,
} from './control/faultRules';
export { RequestCounters } from './control/requestCounters';
export {
  buildWorld,
  SCENARIO_NAMES,
  DEFAULT_FLEET_SIZE,
  MAX_FLEET_SIZE,
  FLEET_REGIONS,
  fleetRegions,
  type ScenarioName,
  type BuildWorldOptions,
} from './scenarios';
export { projectRegions, SANDBOX_CONTROL_ROUTES } from './control/controlApi';
export { MAX_SERVICES_PER_REGION } from './run/serviceQuota';
export {
  SetupFailures,
  SANDBOX_API_NAMES,
  permissionOfMethod,
  type SetupFailureSpec,
} from './setup/setupFailures';
export { configFromService } from './run/serviceConfig';
export { SANDBOX_BILLING_ACCOUNT_ID } from './billing/billingState';
export type {
  SandboxApi,
  SandboxApiDeps,
  SandboxRequest,
  SandboxResponse,
  SandboxRoute,
} from './api';
export type {
  ConfigVersion,
  RunServiceConfig,
  SandboxClock,
  SandboxProject,
  SandboxRunService,
  SandboxWorld,
  TrafficEvent,
  TrafficProfile,
} from './world';
export { configAt } from './world';
export type { BackingServices } from './backing';
export type {
  QueueSettings,
  QueueVersion,
  QueueWorkload,
  SandboxQueue,
} from './tasks/queueTypes';
export type { SandboxRedisInstance } from './redis/redisTypes';
export {
  queueMinute,
  depthAtEndOf,
  type QueueMinute,
} from './tasks/queueModel';
export {
  redisMinute,
  REDIS_MAX_CLIENTS,
  type RedisMinute,
} from './redis/redisModel';
export { minuteSample, type MinuteSample } from './traffic/SandboxTrafficModel';
export { SandboxIap } from './iap/SandboxIap';
