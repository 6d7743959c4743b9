import {
  parseCpuLimit,
  parseMemoryGiB,
  whatIfReport,
  CLOUD_RUN_LIST_PRICES_USD,
  QUEUE_TARGET_LABEL,
  type WiringOverride,
  type CloudRunService,
  type ScalingSettings,
  type WhatIfReport,
} from '@gcp-serverless/common';
import type { CloudRunGateway } from '../../gateways/CloudRunGateway';
import type { ProjectAccess } from '../ProjectAccess';
import type { Clock } from '../ServiceCatalogService';
import type { ScalingCostEstimator } from '../costs/ScalingCostEstimator';
import type { ServiceLocation, WeekTrafficReader } from './WeekTrafficReader';

/**
 * The what-if of a scaling change (docs/what-if.md): the service's measured week from Monitoring,
 * replayed by the pure model of `common/src/whatIf` under its current and the proposed settings,
 * priced on the region's Catalog prices (list prices when the Catalog is not available).
 */
export class WhatIfService {
  private readonly deps: {
    access: ProjectAccess;
    cloudRun: CloudRunGateway;
    traffic: WeekTrafficReader;
    now: Clock;
    costs?: ScalingCostEstimator;
    wiring: WiringOverride[];
  };

  constructor(deps: {
    access: ProjectAccess;
    cloudRun: CloudRunGateway;
    traffic: WeekTrafficReader;
    now: Clock;
    /** Catalog prices; absent = list prices. */
    costs?: ScalingCostEstimator;
    /** The operator's wiring overrides (`capacity.wiring`): which services are queue targets. */
    wiring: WiringOverride[];
  }) {
    this.deps = deps;
  }

  /** The what-if of `proposed` for the service over the 7 days before `endMs` (default now). */
  async report(
    ref: ServiceLocation,
    proposed: ScalingSettings,
    endMs: number = this.deps.now(),
  ): Promise<WhatIfReport> {
    this.deps.access.region(ref.projectId, ref.region);
    const service = await this.deps.cloudRun.getService(
      ref.projectId,
      ref.region,
      ref.name,
    );
    return this.reportFor(service, proposed, endMs);
  }

  /**
   * A Cloud Tasks queue dispatches to the service (label `tasks-queue-target` or the operator's
   * wiring, docs/queues-and-redis.md): the queue retries its 429s, so they are not lost demand.
   */
  private isQueueTarget(service: CloudRunService): boolean {
    if (service.labels[QUEUE_TARGET_LABEL]) return true;
    return this.deps.wiring.some(
      o =>
        o.projectId === service.projectId &&
        o.service === service.name &&
        (o.queueTargets?.length ?? 0) > 0,
    );
  }

  /** The what-if for a service already read (the scaling preview's): Monitoring and prices only. */
  async reportFor(
    service: CloudRunService,
    proposed: ScalingSettings,
    endMs: number = this.deps.now(),
  ): Promise<WhatIfReport> {
    const [minutes, prices] = await Promise.all([
      this.deps.traffic.readWeek(service, endMs),
      this.deps.costs
        ? this.deps.costs.prices(service.region)
        : CLOUD_RUN_LIST_PRICES_USD,
    ]);
    return whatIfReport(
      {
        settings: service.scaling,
        cpu: parseCpuLimit(service.cpu),
        memoryGiB: parseMemoryGiB(service.memory),
        cpuIdle: service.cpuIdle,
        minutes,
        refusalsRetried: this.isQueueTarget(service),
      },
      proposed,
      prices,
    );
  }
}
