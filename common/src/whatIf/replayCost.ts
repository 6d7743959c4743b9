/**
 * What a replay's instance time costs, on the Cloud Run prices of common/src/cost (docs/what-if.md,
 * "Cost"): busy instance-seconds at the busy rate, warm idle min instances at the idle rate, and the
 * request fee of request-based billing; then scaled from the replayed window to a 730-hour month.
 */
import { busyInstancePrice, idleInstancePrice } from '../cost/scalingCost';
import { HOURS_PER_MONTH, type CloudRunPrices } from '../cost/prices';
import type { ReplayTotals } from './replay';

/** The container of the service, as the price helpers need it. */
export interface ContainerBilling {
  cpu: number;
  memoryGiB: number;
  cpuIdle: boolean;
}

/** Cost of a replay in the prices' currency. */
export interface ReplayCost {
  /** Over the replayed window. */
  window: number;
  /** The window's cost × 730 h ÷ the window's hours. */
  monthly: number;
  /** Window cost split: busy instance time, idle min instances, request fee. */
  parts: { busy: number; idle: number; requests: number };
}

/** Prices `totals` (a replay over `totals.minutes` minutes) for `container` on `prices`. */
export function replayCost(
  totals: ReplayTotals,
  container: ContainerBilling,
  prices: CloudRunPrices,
): ReplayCost {
  const priced = { ...container, prices };
  const busy = totals.busyInstanceSeconds * busyInstancePrice(priced).perSecond;
  const idle = totals.idleInstanceSeconds * idleInstancePrice(priced).perSecond;
  // Refused requests never reach an instance; only served ones pay the request fee (our assumption).
  const requests = container.cpuIdle
    ? ((totals.requests - totals.refused) / 1e6) * prices.requestsPerMillion
    : 0;
  const window = busy + idle + requests;
  const monthly =
    totals.minutes > 0 ? (window * HOURS_PER_MONTH * 60) / totals.minutes : 0;
  return { window, monthly, parts: { busy, idle, requests } };
}
