import type { CostFigure, CostImpact } from '../types/catalog';
import type { ScalingSettings } from '../types/cloudRun';
import { formatUnitPrice } from './currency';
import { HOURS_PER_MONTH, type CloudRunPrices } from './prices';
import { formulaNumber } from './units';

/** What the scaling cost model needs to know about a service besides its scaling. */
export interface ScalingCostInput {
  current: ScalingSettings;
  proposed: ScalingSettings;
  /** vCPU of the container, e.g. 1, 2, 0.5. */
  cpu: number;
  /** Memory of the container in GiB, e.g. 0.5. */
  memoryGiB: number;
  /** true = request-based billing (CPU only during requests); false = instance-based. */
  cpuIdle: boolean;
  prices: CloudRunPrices;
}

/**
 * Per-second price of one instance while idle (warm min instances) under the service's billing, with
 * its CPU and memory unit prices (USD or the prices' currency per vCPU-second and GiB-second).
 */
export function idleInstancePrice(
  i: Pick<ScalingCostInput, 'cpu' | 'memoryGiB' | 'cpuIdle' | 'prices'>,
) {
  const p = i.prices;
  const [cpuPrice, memPrice] = i.cpuIdle
    ? [p.idleCpuPerVcpuSecond, p.idleMemoryPerGibSecond]
    : [p.instanceCpuPerVcpuSecond, p.instanceMemoryPerGibSecond];
  return {
    perSecond: i.cpu * cpuPrice + i.memoryGiB * memPrice,
    cpuPrice,
    memPrice,
  };
}

/**
 * Per-second price of one instance while it serves requests under the service's billing (for
 * instance-based billing: every second it lives), with its CPU and memory unit prices.
 */
export function busyInstancePrice(
  i: Pick<ScalingCostInput, 'cpu' | 'memoryGiB' | 'cpuIdle' | 'prices'>,
) {
  const p = i.prices;
  const [cpuPrice, memPrice] = i.cpuIdle
    ? [p.requestCpuPerVcpuSecond, p.requestMemoryPerGibSecond]
    : [p.instanceCpuPerVcpuSecond, p.instanceMemoryPerGibSecond];
  return {
    perSecond: i.cpu * cpuPrice + i.memoryGiB * memPrice,
    cpuPrice,
    memPrice,
  };
}

/**
 * Idle cost of min instances per month: min × 730 h × 3,600 s × (vCPU × CPU price + GiB × memory price).
 * Request-based services pay the idle min-instance rates for warm instances; instance-based services
 * pay the full instance rates, since an instance-based instance is billed for its whole life.
 */
export function minInstancesMonthlyCost(
  minInstances: number,
  i: Omit<ScalingCostInput, 'current' | 'proposed'>,
): number {
  return minInstances * HOURS_PER_MONTH * 3600 * idleInstancePrice(i).perSecond;
}

/**
 * Worst case per hour: every one of max instances busy for the whole hour,
 * max × 3,600 s × (vCPU × CPU price + GiB × memory price). The request fee of request-based billing
 * depends on request durations and is not included (see the notes of the impact).
 */
export function maxInstancesHourlyCost(
  maxInstances: number,
  i: Omit<ScalingCostInput, 'current' | 'proposed'>,
): number {
  return maxInstances * 3600 * busyInstancePrice(i).perSecond;
}

/**
 * The cost impact of a scaling change (docs/google-apis.md §8, Infracost's approach): idle cost of min
 * instances per month and worst-case hourly cost at max instances, before and after, with formulas.
 */
export function scalingCostImpact(input: ScalingCostInput): CostImpact {
  const { current, proposed, prices, cpu, memoryGiB, cpuIdle } = input;
  const money = (v: number) => formatUnitPrice(v, prices.currency);
  const idle = idleInstancePrice(input);
  const busy = busyInstancePrice(input);
  const unit = (price: { cpuPrice: number; memPrice: number }) =>
    `(${formulaNumber(cpu)} vCPU × ${money(price.cpuPrice)} + ${formulaNumber(
      memoryGiB,
    )} GiB × ${money(price.memPrice)}) per second`;
  const billing = cpuIdle ? 'request-based billing' : 'instance-based billing';

  const idleMonthly: CostFigure = {
    key: 'minInstancesMonthly',
    label: 'Idle cost of min instances',
    per: 'month',
    before: minInstancesMonthlyCost(current.minInstances, input),
    after: minInstancesMonthlyCost(proposed.minInstances, input),
    change: 0,
    formula: `min instances × ${HOURS_PER_MONTH} h × 3,600 s × ${unit(
      idle,
    )}; ${billing}, ${
      cpuIdle
        ? 'idle min-instance rates'
        : 'an instance is billed for its whole life'
    }`,
  };
  const worstHourly: CostFigure = {
    key: 'maxInstancesHourly',
    label: 'Worst case per hour at max instances',
    per: 'hour',
    before: maxInstancesHourlyCost(current.maxInstances, input),
    after: maxInstancesHourlyCost(proposed.maxInstances, input),
    change: 0,
    formula: `max instances × 3,600 s × ${unit(
      busy,
    )}; ${billing}, every instance busy all hour`,
  };
  const figures = [idleMonthly, worstHourly].map(f => ({
    ...f,
    change: f.after - f.before,
  }));
  const notes = [
    'Free tiers (per billing account) are ignored: the change is priced at the marginal rate.',
  ];
  if (cpuIdle)
    notes.push(
      `The request fee (${money(
        prices.requestsPerMillion,
      )} per million requests) comes on top and depends on traffic, not on scaling limits.`,
    );
  return {
    currency: prices.currency,
    figures,
    priceSource: prices.source,
    notes,
  };
}
