import type { FieldViolation } from '../googleError';
import { parseDurationSeconds } from '../protoJson';
import {
  containerCpu,
  effectiveConcurrency,
  intValue,
  RUN_DEFAULTS,
} from './serviceConfig';
import { parseCpu, parseMemoryGiB } from './resourceUnits';

/**
 * Cloud Run's own checks of a Service (docs/google-apis.md §3), applied to the would-be Service after an
 * update. Field paths are snake_case proto paths rooted at `service`, as in Google's BadRequest.
 */

type Json = Record<string, unknown>;
const obj = (value: unknown): Json =>
  typeof value === 'object' && value !== null ? (value as Json) : {};

/** Max concurrent requests per instance Cloud Run allows. */
export const MAX_CONCURRENCY = 1000;
/**
 * Min request timeout, seconds: Cloud Run takes 1..3600 s. Whether it also rejects fractional seconds
 * above 1 s (e.g. "1.5s") is unverified; the sandbox accepts them.
 */
export const MIN_TIMEOUT_SECONDS = 1;
/** Max request timeout, seconds. */
export const MAX_TIMEOUT_SECONDS = 3600;

/**
 * Memory range (GiB) allowed for a CPU value. Whole-CPU rows are docs/google-apis.md §3; the fractional rows
 * (< 0.5 vCPU ≤ 0.5 GiB, < 1 vCPU ≤ 1 GiB) and the 128 MiB floor are from Cloud Run docs (unverified).
 */
export function memoryRangeGiB(cpu: number): [number, number] | undefined {
  if (cpu < 0.08) return undefined;
  if (cpu < 0.5) return [0.125, 0.5];
  if (cpu < 1) return [0.125, 1];
  const whole: Record<number, [number, number]> = {
    1: [0.125, 4],
    2: [0.125, 8],
    4: [2, 16],
    6: [4, 24],
    8: [4, 32],
  };
  return whole[cpu];
}

function scalingViolations(scaling: Json, path: string): FieldViolation[] {
  const out: FieldViolation[] = [];
  const min = intValue(scaling['minInstanceCount']);
  const hasMax = scaling['maxInstanceCount'] !== undefined;
  const max = intValue(scaling['maxInstanceCount']);
  if (min < 0)
    out.push({
      field: `${path}.min_instance_count`,
      description: `min_instance_count must be ≥ 0, got ${min}`,
    });
  if (hasMax && max < 1)
    out.push({
      field: `${path}.max_instance_count`,
      description: `max_instance_count must be ≥ 1, got ${max}`,
    });
  const effectiveMax = hasMax && max >= 1 ? max : RUN_DEFAULTS.maxInstances;
  if (min > effectiveMax) {
    out.push({
      field: `${path}.min_instance_count`,
      description: `min_instance_count (${min}) must be ≤ max_instance_count (${effectiveMax})`,
    });
  }
  return out;
}

function containerViolations(container: Json, path: string): FieldViolation[] {
  const limits = obj(obj(container['resources'])['limits']);
  const out: FieldViolation[] = [];
  const cpuText = limits['cpu'];
  const memoryText = limits['memory'];
  const cpu =
    typeof cpuText === 'string' ? parseCpu(cpuText) : RUN_DEFAULTS.cpu;
  const memory =
    typeof memoryText === 'string'
      ? parseMemoryGiB(memoryText)
      : RUN_DEFAULTS.memoryGiB;
  const range = cpu === undefined ? undefined : memoryRangeGiB(cpu);
  if (!range) {
    out.push({
      field: `${path}.resources.limits.cpu`,
      description: `Invalid cpu ${String(
        cpuText,
      )}: use 0.08–<1 (fractional), 1, 2, 4, 6 or 8`,
    });
  }
  if (memory === undefined) {
    out.push({
      field: `${path}.resources.limits.memory`,
      description: `Invalid memory ${String(
        memoryText,
      )}: use e.g. "512Mi" or "4Gi"`,
    });
  } else if (range && (memory < range[0] || memory > range[1])) {
    out.push({
      field: `${path}.resources.limits.memory`,
      description: `Memory ${String(
        memoryText ?? '512Mi',
      )} is not allowed with ${cpu} vCPU: allowed ${range[0]}–${range[1]} GiB`,
    });
  }
  return out;
}

/** All rule violations of a Service resource (camelCase JSON, enums as names); empty = valid. */
export function serviceViolations(service: Json): FieldViolation[] {
  const template = obj(service['template']);
  const path = 'service.template';
  const out: FieldViolation[] = [];
  out.push(...scalingViolations(obj(template['scaling']), `${path}.scaling`));
  if (service['scaling'] !== undefined)
    out.push(...scalingViolations(obj(service['scaling']), 'service.scaling'));
  const containers = Array.isArray(template['containers'])
    ? template['containers']
    : [];
  containers.forEach((container, i) =>
    out.push(
      ...containerViolations(obj(container), `${path}.containers[${i}]`),
    ),
  );

  const requested = intValue(template['maxInstanceRequestConcurrency']);
  const cpu = containerCpu(service);
  if (requested < 0 || requested > MAX_CONCURRENCY) {
    out.push({
      field: `${path}.max_instance_request_concurrency`,
      description: `max_instance_request_concurrency must be between 0 and ${MAX_CONCURRENCY}, got ${requested}`,
    });
  } else if (cpu < 1 && effectiveConcurrency(requested, cpu) !== 1) {
    out.push({
      field: `${path}.max_instance_request_concurrency`,
      description: `A fractional CPU (${cpu} vCPU) requires max_instance_request_concurrency 1, got ${requested}`,
    });
  }
  if (template['timeout'] !== undefined) {
    const timeout = parseDurationSeconds(template['timeout']) ?? NaN;
    if (!(timeout >= MIN_TIMEOUT_SECONDS && timeout <= MAX_TIMEOUT_SECONDS)) {
      out.push({
        field: `${path}.timeout`,
        description: `timeout must be between ${MIN_TIMEOUT_SECONDS}s and ${MAX_TIMEOUT_SECONDS}s, got ${String(
          template['timeout'],
        )}`,
      });
    }
  }
  return out;
}
