import { MAX_SERVICES_PER_REGION } from '../run/serviceQuota';
import type { ServiceResourceSpec } from '../run/serviceResource';
import type { SandboxProject } from '../world';
import {
  deployedAt,
  image,
  profile,
  project,
  runService,
  type ScenarioContext,
} from './scenarioKit';

const PROJECT = 'scale-fleet';

/**
 * Regions a large fleet spreads over, in order of use: Cloud Run allows 1,000 services per region and
 * project (docs/google-apis.md §3), so 10,000 services need ten of them.
 */
export const FLEET_REGIONS = [
  'us-central1',
  'us-east1',
  'us-east4',
  'us-west1',
  'europe-west1',
  'europe-west4',
  'europe-north1',
  'asia-northeast1',
  'asia-northeast3',
  'asia-southeast1',
  'australia-southeast1',
  'southamerica-east1',
] as const;

/** The largest fleet: every region of FLEET_REGIONS full. */
export const MAX_FLEET_SIZE = FLEET_REGIONS.length * MAX_SERVICES_PER_REGION;

/** The regions a fleet of `count` services uses: as few as the per-region limit allows (1 up to 1,000). */
export function fleetRegions(count: number): string[] {
  return FLEET_REGIONS.slice(
    0,
    Math.max(1, Math.ceil(count / MAX_SERVICES_PER_REGION)),
  );
}

/** Mulberry32: a tiny deterministic PRNG, so every run builds the same fleet. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Archetype = Pick<
  ServiceResourceSpec,
  'cpu' | 'memory' | 'cpuIdle' | 'concurrency' | 'timeoutSeconds'
> & {
  kind: string;
  latencyP50Ms: number;
  minChoices: number[];
  maxChoices: number[];
};

/** Shapes of real fleets: many small web/API services, some workers, a few fractional-CPU jobs. */
const ARCHETYPES: Archetype[] = [
  {
    kind: 'web',
    cpu: '1',
    memory: '512Mi',
    cpuIdle: true,
    concurrency: 80,
    latencyP50Ms: 60,
    minChoices: [0, 0, 1],
    maxChoices: [10, 20, 100],
  },
  {
    kind: 'api',
    cpu: '1',
    memory: '1Gi',
    cpuIdle: true,
    concurrency: 80,
    latencyP50Ms: 140,
    minChoices: [0, 1, 2],
    maxChoices: [20, 50, 100],
  },
  {
    kind: 'worker',
    cpu: '2',
    memory: '4Gi',
    cpuIdle: false,
    concurrency: 10,
    timeoutSeconds: 900,
    latencyP50Ms: 4_000,
    minChoices: [0, 1],
    maxChoices: [5, 10, 30],
  },
  {
    kind: 'job',
    cpu: '0.5',
    memory: '512Mi',
    cpuIdle: true,
    concurrency: 1,
    latencyP50Ms: 800,
    minChoices: [0],
    maxChoices: [3, 10],
  },
  {
    kind: 'grpc',
    cpu: '4',
    memory: '8Gi',
    cpuIdle: false,
    concurrency: 250,
    latencyP50Ms: 25,
    minChoices: [1, 2],
    maxChoices: [50, 200],
  },
];

const pick = <T>(rand: () => number, items: readonly T[]): T =>
  items[Math.floor(rand() * items.length)]!;

/**
 * scale-fleet (docs/sandbox.md (scenario 4)): `count` generated services `fleet-svc-0001`… with varied,
 * deterministic configurations and demand (0.05–50 rps, log-uniform) for load and performance work.
 * Up to 1,000 services live in us-central1; a larger fleet is dealt round-robin over
 * {@link fleetRegions} (10,000 → ten regions of 1,000), names zero-padded to the fleet's width.
 */
export function buildScaleFleet(ctx: ScenarioContext): SandboxProject {
  const rand = prng(4242);
  const regions = fleetRegions(ctx.services);
  const width = Math.max(4, String(ctx.services).length);
  const services = Array.from({ length: ctx.services }, (_, i) => {
    const name = `fleet-svc-${String(i + 1).padStart(width, '0')}`;
    const region = regions[i % regions.length]!;
    const archetype = pick(rand, ARCHETYPES);
    const team = pick(rand, [
      'payments',
      'search',
      'identity',
      'media',
      'growth',
      'platform',
    ]);
    return runService(
      {
        projectId: PROJECT,
        region,
        name,
        createTime: deployedAt(ctx.now, 30 + Math.floor(rand() * 300)),
        image: image(
          PROJECT,
          region,
          team,
          archetype.kind,
          `v1.${Math.floor(rand() * 40)}.${Math.floor(rand() * 10)}`,
        ),
        cpu: archetype.cpu,
        memory: archetype.memory,
        cpuIdle: archetype.cpuIdle,
        concurrency: archetype.concurrency,
        minInstances: pick(rand, archetype.minChoices),
        maxInstances: pick(rand, archetype.maxChoices),
        ...(archetype.timeoutSeconds
          ? { timeoutSeconds: archetype.timeoutSeconds }
          : {}),
        labels: { team, kind: archetype.kind, env: 'prod' },
      },
      profile({
        baseRps: Number((0.05 * 1000 ** rand()).toFixed(3)),
        latencyP50Ms: Math.round(archetype.latencyP50Ms * (0.6 + rand())),
        peakHour: 9 + Math.floor(rand() * 12),
        errorRate5xx: Number((rand() * rand() * 0.02).toFixed(4)),
        seed: 10_000 + i,
      }),
    );
  });
  return project(PROJECT, regions[0]!, 'UTC', services);
}
