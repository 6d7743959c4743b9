import type { CloudRunPrices } from './prices';

/** Monthly traffic of a service, for the usage-based cost of docs/google-apis.md §8. */
export interface MonthlyUsage {
  requestsPerMonth: number;
  /** Mean request duration, seconds (billing rounds each to 100 ms; ignored here). */
  avgDurationSeconds: number;
  /** Concurrent requests an instance serves (the effective concurrency). */
  concurrency: number;
  cpu: number;
  memoryGiB: number;
}

/**
 * Request-based billing (Infracost's formula): instance time = requests × duration ÷ concurrency;
 * cost = instance time × (vCPU × CPU price + GiB × memory price) + requests ÷ 10⁶ × request fee.
 */
export function requestBasedMonthlyCost(
  u: MonthlyUsage,
  prices: CloudRunPrices,
): number {
  const instanceSeconds =
    (u.requestsPerMonth * u.avgDurationSeconds) / Math.max(1, u.concurrency);
  return (
    instanceSeconds *
      (u.cpu * prices.requestCpuPerVcpuSecond +
        u.memoryGiB * prices.requestMemoryPerGibSecond) +
    (u.requestsPerMonth / 1e6) * prices.requestsPerMillion
  );
}

/**
 * Instance-based billing: instances alive all month × 730 h × 3,600 s × (vCPU × CPU price + GiB ×
 * memory price); no request fee. `averageInstances` is the mean number of live instances.
 */
export function instanceBasedMonthlyCost(
  averageInstances: number,
  u: Pick<MonthlyUsage, 'cpu' | 'memoryGiB'>,
  prices: CloudRunPrices,
): number {
  return (
    averageInstances *
    730 *
    3600 *
    (u.cpu * prices.instanceCpuPerVcpuSecond +
      u.memoryGiB * prices.instanceMemoryPerGibSecond)
  );
}

/**
 * Cost of Cloud Run usage measured by Monitoring (the estimate cost source): billable instance
 * seconds × the per-second price of one instance under its billing, plus the request fee for
 * request-based billing. Returns the three SKU family parts.
 */
export function cloudRunUsageCost(
  usage: {
    billableInstanceSeconds: number;
    requests: number;
    cpu: number;
    memoryGiB: number;
    cpuIdle: boolean;
  },
  prices: CloudRunPrices,
): { cpu: number; memory: number; requests: number } {
  const cpuPrice = usage.cpuIdle
    ? prices.requestCpuPerVcpuSecond
    : prices.instanceCpuPerVcpuSecond;
  const memPrice = usage.cpuIdle
    ? prices.requestMemoryPerGibSecond
    : prices.instanceMemoryPerGibSecond;
  return {
    cpu: usage.billableInstanceSeconds * usage.cpu * cpuPrice,
    memory: usage.billableInstanceSeconds * usage.memoryGiB * memPrice,
    requests: usage.cpuIdle
      ? (usage.requests / 1e6) * prices.requestsPerMillion
      : 0,
  };
}
