/**
 * A Cloud Run service's demand from its own traffic profile, before any demand source: the quantity
 * load-balancer request classes are shares of. It must equal, draw for draw, what
 * traffic/SandboxTrafficModel.ts computes before applying `project.demandSources` (same noise stream
 * and channel), so that a class routed where it always was adds exactly what it subtracts;
 * lbDemandSource.test.ts checks that equality.
 */
import { expectedDemandRps } from '../../traffic/demand';
import { hashString, hashUnit } from '../../traffic/hash';
import type { SandboxProject, SandboxRunService } from '../../world';

const MINUTE_MS = 60_000;
/** SandboxTrafficModel's noise channel. */
const NOISE_CHANNEL = 1;

const streams = new WeakMap<SandboxRunService, number>();

/** Profile demand of `service` in the minute starting at `minuteStartMs`, requests per second (0 before it was deployed). */
export function profileDemandRps(
  project: SandboxProject,
  service: SandboxRunService,
  minuteStartMs: number,
): number {
  if (minuteStartMs < service.history[0]!.effectiveFrom) return 0;
  const profile = service.traffic;
  let stream = streams.get(service);
  if (stream === undefined) {
    stream = hashString(`${service.projectId}/${service.name}`);
    streams.set(service, stream);
  }
  const noise =
    1 +
    profile.noise *
      (2 *
        hashUnit(
          profile.seed,
          stream,
          minuteStartMs / MINUTE_MS,
          NOISE_CHANNEL,
        ) -
        1);
  return Math.max(
    0,
    expectedDemandRps(profile, project.timeZone, minuteStartMs) * noise,
  );
}
