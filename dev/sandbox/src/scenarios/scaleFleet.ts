import type { ServiceResourceSpec } from '../run/serviceResource';
import type { SandboxProject } from '../world';
import { deployedAt, image, profile, project, runService, type ScenarioContext } from './scenarioKit';

const PROJECT = 'scale-fleet';
const REGION = 'us-central1';

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

type Archetype = Pick<ServiceResourceSpec, 'cpu' | 'memory' | 'cpuIdle' | 'concurrency' | 'timeoutSeconds'> & {
  kind: string;
  latencyP50Ms: number;
  minChoices: number[];
  maxChoices: number[];
};

/** Shapes of real fleets: many small web/API services, some workers, a few fractional-CPU jobs. */
const ARCHETYPES: Archetype[] = [
  { kind: 'web', cpu: '1', memory: '512Mi', cpuIdle: true, concurrency: 80, latencyP50Ms: 60, minChoices: [0, 0, 1], maxChoices: [10, 20, 100] },
  { kind: 'api', cpu: '1', memory: '1Gi', cpuIdle: true, concurrency: 80, latencyP50Ms: 140, minChoices: [0, 1, 2], maxChoices: [20, 50, 100] },
  { kind: 'worker', cpu: '2', memory: '4Gi', cpuIdle: false, concurrency: 10, timeoutSeconds: 900, latencyP50Ms: 4_000, minChoices: [0, 1], maxChoices: [5, 10, 30] },
  { kind: 'job', cpu: '0.5', memory: '512Mi', cpuIdle: true, concurrency: 1, latencyP50Ms: 800, minChoices: [0], maxChoices: [3, 10] },
  { kind: 'grpc', cpu: '4', memory: '8Gi', cpuIdle: false, concurrency: 250, latencyP50Ms: 25, minChoices: [1, 2], maxChoices: [50, 200] },
];

const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;

/**
 * scale-fleet (docs/sandbox.md (scenario 4)): `count` generated services `fleet-svc-0001`… with varied,
 * deterministic configurations and demand (0.05–50 rps, log-uniform) for load and performance work.
 */
export function buildScaleFleet(ctx: ScenarioContext): SandboxProject {
  const rand = prng(4242);
  const services = Array.from({ length: ctx.services }, (_, i) => {
    const name = `fleet-svc-${String(i + 1).padStart(4, '0')}`;
    const archetype = pick(rand, ARCHETYPES);
    const team = pick(rand, ['payments', 'search', 'identity', 'media', 'growth', 'platform']);
    return runService(
      {
        projectId: PROJECT, region: REGION, name, createTime: deployedAt(ctx.now, 30 + Math.floor(rand() * 300)),
        image: image(PROJECT, REGION, team, archetype.kind, `v1.${Math.floor(rand() * 40)}.${Math.floor(rand() * 10)}`),
        cpu: archetype.cpu, memory: archetype.memory, cpuIdle: archetype.cpuIdle, concurrency: archetype.concurrency,
        minInstances: pick(rand, archetype.minChoices), maxInstances: pick(rand, archetype.maxChoices),
        ...(archetype.timeoutSeconds ? { timeoutSeconds: archetype.timeoutSeconds } : {}),
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
  return project(PROJECT, REGION, 'UTC', services);
}
