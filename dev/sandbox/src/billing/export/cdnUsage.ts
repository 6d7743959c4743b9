import { lbMinute } from '../../compute/traffic/lbTrafficModel';
import type { SandboxProject } from '../../world';
import { NETWORKING_SERVICE_ID, skuByDescription } from '../catalog/skuTable';
import type { UsageLine } from './exportTypes';
import { paidRate, sampleMinutes } from './runUsage';

/**
 * Cloud CDN usage of a project's load balancers in one UTC day, from the load-balancer traffic model
 * (compute/traffic/lbTrafficModel.ts) sampled at the middle minute of each hour, like Cloud Run:
 * cache egress = bytes of HIT and PARTIAL_HIT responses, cache fill = bytes of MISS responses on
 * CDN-enabled backends, lookups = every request a CDN-enabled backend saw. So a CDN policy edit that
 * raises the hit ratio moves cost from origin to cache egress in the hours after it.
 */

/**
 * Mean response size, bytes. The traffic model counts requests, not bytes, so the export assumes one
 * size per kind of content (model constants, unverified): static objects (images, scripts) and the rest.
 */
export const STATIC_RESPONSE_BYTES = 20 * 1024;
export const DYNAMIC_RESPONSE_BYTES = 4 * 1024;
const GIB = 2 ** 30;

/** Cache egress SKU by where the project's users are: its region's continent (Asia Pacific or NA/EU). */
function egressSku(region: string) {
  return skuByDescription(
    region.startsWith('asia') || region.startsWith('australia')
      ? 'Cloud CDN Cache Egress Asia Pacific'
      : 'Cloud CDN Cache Egress North America and Europe',
  );
}

/**
 * CDN usage lines (egress, fill, lookups) per load balancer for the day [startMs, endMs), one sample
 * per `stepHours` (as the Cloud Run usage of the same day), hourly for a partial last step.
 */
export function cdnUsageLines(
  project: SandboxProject,
  startMs: number,
  endMs: number,
  stepHours = 1,
): UsageLine[] {
  if (!project.compute) return [];
  const egress = egressSku(project.region);
  const fill = skuByDescription('Cloud CDN Cache Fill');
  const lookups = skuByDescription('Cloud CDN Cache Lookup Requests');
  const lines: UsageLine[] = [];
  for (const lb of project.compute.loadBalancers) {
    let egressGiB = 0;
    let fillGiB = 0;
    let lookupCount = 0;
    for (const { at, minutes } of sampleMinutes(startMs, endMs, stepHours)) {
      for (const row of lbMinute(project, lb, at)) {
        if (row.cacheResult === 'DISABLED') continue;
        const requestClass = lb.classes.find(c => c.id === row.route.classId);
        const bytes = requestClass?.caching.staticContent
          ? STATIC_RESPONSE_BYTES
          : DYNAMIC_RESPONSE_BYTES;
        const requests = row.count * minutes;
        lookupCount += requests;
        if (row.cacheResult === 'MISS') fillGiB += (requests * bytes) / GIB;
        else egressGiB += (requests * bytes) / GIB;
      }
    }
    const base = {
      projectId: project.projectId,
      region: 'global',
      serviceId: NETWORKING_SERVICE_ID,
      resourceName: lb.urlMap,
      resourceGlobalName: `//compute.googleapis.com/projects/${project.projectId}/global/urlMaps/${lb.urlMap}`,
      labels: {},
      startMs,
      endMs,
    };
    for (const [sku, amount] of [
      [egress, egressGiB],
      [fill, fillGiB],
      [lookups, lookupCount],
    ] as const) {
      if (amount > 0)
        lines.push({
          ...base,
          skuId: sku.skuId,
          amount,
          cost: amount * paidRate(sku),
        });
    }
  }
  return lines;
}
