/**
 * Couples Cloud Run demand to the load balancer: a request class that is part of a service's own
 * demand is taken out of it, and every class is added to the Cloud Run service the URL map in force
 * sends it to, minus what Cloud CDN answers from cache. With the original URL map and no CDN on Cloud
 * Run backends the two cancel exactly; a route edit moves the class's demand to its new target from
 * the first full minute after the edit, and a CDN policy that caches a Cloud Run route lowers that
 * service's demand.
 */
import type {
  DemandSource,
  SandboxProject,
  SandboxRunService,
} from '../../world';
import { computeSnapshotAt } from '../computeState';
import { cacheOutcome } from './cdnCacheModel';
import { routesFor } from './lbRouting';
import { classDemandRps } from './lbTrafficModel';

/**
 * The demand source of `project`'s load balancers. Reads `project.compute` at every call, so edits
 * apply. A class, not a closure: worlds built twice from the same inputs compare equal.
 */
export class LoadBalancerDemandSource implements DemandSource {
  private readonly project: SandboxProject;

  constructor(project: SandboxProject) {
    this.project = project;
  }

  adjust(
    service: SandboxRunService,
    minuteStartMs: number,
    demandRps: number,
  ): number {
    const project = this.project;
    const compute = project.compute;
    if (!compute?.loadBalancers.length) return demandRps;
    const snapshot = computeSnapshotAt(compute, minuteStartMs);
    let demand = demandRps;
    for (const lb of compute.loadBalancers) {
      const routes = routesFor(snapshot, lb);
      lb.classes.forEach((requestClass, i) => {
        const ownedHere =
          requestClass.demand.partOfService &&
          requestClass.demand.service === service.name;
        const targets = routes[i]!.targets.filter(
          t =>
            t.cloudRunService === service.name &&
            t.status === undefined &&
            (t.backendScope === 'global' || t.backendScope === service.region),
        );
        if (!ownedHere && !targets.length) return;
        const rps = classDemandRps(project, requestClass, minuteStartMs);
        if (ownedHere) demand -= rps;
        for (const target of targets) {
          const targetRps = rps * target.weight;
          const hits = target.cdnPolicy
            ? cacheOutcome(requestClass.caching, target.cdnPolicy, targetRps)
                .hitRatio
            : 0;
          demand += targetRps * (1 - hits);
        }
      });
    }
    // Floating-point residue of subtracting and adding the same share must not turn into a request.
    return Math.abs(demand - demandRps) < 1e-9
      ? demandRps
      : Math.max(0, demand);
  }
}

/** The demand source of `project`'s load balancers. */
export function loadBalancerDemandSource(
  project: SandboxProject,
): DemandSource {
  return new LoadBalancerDemandSource(project);
}
