import { parseDurationSeconds } from '../protoJson';
import type { RunServiceConfig } from '../world';
import { parseCpu, parseMemoryGiB } from './resourceUnits';

/**
 * Cloud Run defaults (docs/google-apis.md §3): max instances 100, timeout 300 s, concurrency 80 when the
 * container has ≥ 1 vCPU else 1. cpu "1" and memory "512Mi" when no limits are set (Cloud Run's
 * documented defaults).
 */
export const RUN_DEFAULTS = {
  maxInstances: 100,
  timeoutSeconds: 300,
  cpu: 1,
  memoryGiB: 0.5,
} as const;

type Json = Record<string, unknown>;

const obj = (value: unknown): Json =>
  typeof value === 'object' && value !== null ? (value as Json) : {};

/** The first (ingress) container of a service template. */
export function ingressContainer(service: Json): Json {
  const containers = obj(service['template'])['containers'];
  return Array.isArray(containers) ? obj(containers[0]) : {};
}

/** vCPU of the ingress container (limits.cpu, default 1). */
export function containerCpu(service: Json): number {
  const cpu = obj(obj(ingressContainer(service)['resources'])['limits'])['cpu'];
  return (
    (typeof cpu === 'string' ? parseCpu(cpu) : undefined) ?? RUN_DEFAULTS.cpu
  );
}

/** 0/unset concurrency resolves to 80 with ≥ 1 vCPU, 1 with a fractional CPU. */
export function effectiveConcurrency(requested: number, cpu: number): number {
  if (requested > 0) return requested;
  return cpu >= 1 ? 80 : 1;
}

/** Reads an int32/int64 JSON value (number or string) as a number; 0 when unset. */
export function intValue(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return 0;
}

/**
 * The configuration the traffic model needs, read from a Service resource (camelCase JSON).
 * Service-level scaling (`scaling.minInstanceCount`) raises the revision's minimum, as in Cloud Run.
 */
export function configFromService(service: Json): RunServiceConfig {
  const template = obj(service['template']);
  const scaling = obj(template['scaling']);
  const serviceScaling = obj(service['scaling']);
  const resources = ingressContainer(service)['resources'];
  const memory = obj(obj(resources)['limits'])['memory'];
  const cpu = containerCpu(service);
  const minInstances = Math.max(
    intValue(scaling['minInstanceCount']),
    intValue(serviceScaling['minInstanceCount']),
  );
  const maxInstances =
    intValue(scaling['maxInstanceCount']) || RUN_DEFAULTS.maxInstances;
  // cpuIdle defaults to true only when no resources block is given at all (proto comment on cpu_idle).
  const cpuIdle =
    resources === undefined ? true : obj(resources)['cpuIdle'] === true;
  return {
    minInstances,
    maxInstances: Math.max(maxInstances, minInstances),
    concurrency: effectiveConcurrency(
      intValue(template['maxInstanceRequestConcurrency']),
      cpu,
    ),
    cpu,
    memoryGiB:
      (typeof memory === 'string' ? parseMemoryGiB(memory) : undefined) ??
      RUN_DEFAULTS.memoryGiB,
    cpuIdle,
    timeoutSeconds:
      parseDurationSeconds(template['timeout']) ?? RUN_DEFAULTS.timeoutSeconds,
  };
}
