/**
 * Gives the scenario projects their load balancers (docs/sandbox.md): gryyd-web's ALB with Cloud CDN, the
 * simple ones of avocano-shop and chat-realtime; scale-fleet has none. Created when the project's
 * Cloud Run services were deployed, so every metric window starts on the initial URL map.
 */
import type { SandboxProject } from '../../world';
import type { SandboxComputeState } from '../computeTypes';
import { loadBalancerDemandSource } from '../traffic/lbDemandSource';
import { buildGryydWebCompute } from './gryydWebCompute';
import { buildAvocanoCompute, buildChatCompute } from './simpleCompute';

const DAY_MS = 86_400_000;

/** Builder and deploy age (days before `now`, as the project's services) per scenario project. */
const LOAD_BALANCERS: Record<
  string,
  { daysAgo: number; build: (createdAt: number) => SandboxComputeState }
> = {
  'gryyd-web': { daysAgo: 120, build: buildGryydWebCompute },
  'avocano-shop': { daysAgo: 200, build: buildAvocanoCompute },
  'chat-realtime': { daysAgo: 60, build: buildChatCompute },
};

/** Adds compute state and the load balancers' demand coupling to the scenario projects present. */
export function attachLoadBalancers(
  projects: Map<string, SandboxProject>,
  now: number,
): void {
  for (const [projectId, project] of projects) {
    const spec = LOAD_BALANCERS[projectId];
    if (!spec) continue;
    project.compute = spec.build(now - spec.daysAgo * DAY_MS);
    project.demandSources = [
      ...(project.demandSources ?? []),
      loadBalancerDemandSource(project),
    ];
  }
}
