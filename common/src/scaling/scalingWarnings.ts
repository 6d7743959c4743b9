import type { ChangeWarning } from '../types/api';
import type { ScalingSettings } from '../types/cloudRun';

/** Google's default max instances per service; higher values may need a quota increase (docs/google-apis.md §3). */
export const DEFAULT_MAX_INSTANCES_QUOTA = 100;

export interface ScalingWarningInput {
  current: ScalingSettings;
  proposed: ScalingSettings;
  /** Peak concurrent requests over the last 24 h (Little's law: rate × latency), or null if unknown. */
  peakConcurrentRequests24h: number | null;
  /** CPU limit of the container in vCPU (e.g. 1, 0.5). */
  cpu: number;
}

/**
 * What a user should know before applying a scaling change. Pure: the preview service gathers the
 * inputs (current settings, metrics) and the form shows the result.
 */
export function scalingWarnings(input: ScalingWarningInput): ChangeWarning[] {
  const { current, proposed, peakConcurrentRequests24h, cpu } = input;
  const warnings: ChangeWarning[] = [];

  if (
    proposed.minInstances > 0 &&
    proposed.minInstances > current.minInstances
  ) {
    warnings.push({
      code: 'MIN_INSTANCES_BILLED_IDLE',
      severity: 'warning',
      message: `Min instances > 0 is billed while idle: ${proposed.minInstances} instance(s) stay warm around the clock, with or without traffic.`,
      requiresAcknowledgement: false,
    });
  }
  if (proposed.minInstances === 0 && current.minInstances > 0) {
    warnings.push({
      code: 'SCALE_TO_ZERO_COLD_STARTS',
      severity: 'info',
      message:
        'With min instances 0 the service scales to zero when idle; the first requests after a quiet spell wait for a cold start.',
      requiresAcknowledgement: false,
    });
  }

  const capacity = proposed.maxInstances * proposed.concurrency;
  if (peakConcurrentRequests24h === null) {
    warnings.push({
      code: 'CAPACITY_CHECK_UNAVAILABLE',
      severity: 'info',
      message:
        'The last 24 h of traffic could not be read from Cloud Monitoring, so max instances × concurrency was not checked against the peak.',
      requiresAcknowledgement: false,
    });
  }
  if (
    peakConcurrentRequests24h !== null &&
    capacity < peakConcurrentRequests24h
  ) {
    warnings.push({
      code: 'CAPACITY_BELOW_PEAK',
      severity: 'warning',
      message:
        `Max instances × concurrency = ${proposed.maxInstances} × ${proposed.concurrency} = ${capacity} concurrent requests, ` +
        `below the last 24 h peak of ${Math.ceil(
          peakConcurrentRequests24h,
        )}: requests above it will be refused with 429.`,
      requiresAcknowledgement: true,
    });
  }

  if (
    proposed.maxInstances > DEFAULT_MAX_INSTANCES_QUOTA &&
    proposed.maxInstances > current.maxInstances
  ) {
    warnings.push({
      code: 'ABOVE_DEFAULT_QUOTA',
      severity: 'info',
      message: `Max instances above ${DEFAULT_MAX_INSTANCES_QUOTA} needs enough regional instance quota in the project.`,
      requiresAcknowledgement: false,
    });
  }

  if (cpu < 1 && proposed.concurrency > 1) {
    warnings.push({
      code: 'FRACTIONAL_CPU_NEEDS_CONCURRENCY_1',
      severity: 'warning',
      message: `The container has ${cpu} vCPU; Cloud Run requires concurrency 1 with less than 1 vCPU, so Google will reject this change.`,
      requiresAcknowledgement: false,
    });
  }
  return warnings;
}

/** Codes of the warnings that apply refuses until the user acknowledges them. */
export function unacknowledgedWarnings(
  warnings: ChangeWarning[],
  acknowledged: readonly string[],
): ChangeWarning[] {
  return warnings.filter(
    w => w.requiresAcknowledgement && !acknowledged.includes(w.code),
  );
}
