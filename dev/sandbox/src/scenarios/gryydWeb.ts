import type { SandboxProject } from '../world';
import {
  deployedAt,
  image,
  profile,
  project,
  runService,
  type ScenarioContext,
} from './scenarioKit';
import { generationQueue } from './gryydQueue';
import { withBacking } from './backingKit';

const PROJECT = 'gryyd-web';
const REGION = 'asia-northeast3';

/**
 * gryyd-web (docs/sandbox.md (scenario 1)): an AI image generation site in Seoul behind a global external
 * ALB. The front end serves pages, the back end the API, and the worker long generation jobs pushed
 * by Cloud Tasks (be and worker share one image; the worker runs it in job mode).
 */
export function buildGryydWeb(ctx: ScenarioContext): SandboxProject {
  const createTime = deployedAt(ctx.now, 120);
  const backendImage = image(
    PROJECT,
    REGION,
    'gryd',
    'gryd-backend',
    'v2.14.3',
  );
  const common = { projectId: PROJECT, region: REGION, createTime };
  const labels = { app: 'gryyd', env: 'prod' };
  return withBacking(
    project(PROJECT, REGION, 'Asia/Seoul', [
      runService(
        {
          ...common,
          name: 'gryd-fe',
          image: image(PROJECT, REGION, 'gryd', 'gryd-frontend', 'v3.2.0'),
          cpu: '1',
          memory: '512Mi',
          cpuIdle: true,
          minInstances: 0,
          maxInstances: 20,
          concurrency: 80,
          labels: { ...labels, tier: 'frontend' },
          env: [
            { name: 'NEXT_PUBLIC_API_BASE', value: 'https://www.gryyd.ai/api' },
          ],
        },
        profile({
          baseRps: 40,
          latencyP50Ms: 45,
          latencySigma: 0.6,
          peakHour: 21,
          weekendFactor: 1.15,
          redirectRate3xx: 0.03,
          seed: 101,
        }),
      ),
      runService(
        {
          ...common,
          name: 'gryd-be',
          image: backendImage,
          cpu: '1',
          memory: '1Gi',
          cpuIdle: true,
          minInstances: 1,
          maxInstances: 40,
          concurrency: 80,
          ingress: 'INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER',
          labels: { ...labels, tier: 'backend' },
          env: [
            { name: 'MODE', value: 'api' },
            { name: 'TASKS_QUEUE', value: 'generation' },
          ],
        },
        profile({
          baseRps: 25,
          latencyP50Ms: 120,
          peakHour: 21,
          weekendFactor: 1.15,
          errorRate5xx: 0.004,
          errorRate4xx: 0.03,
          seed: 102,
        }),
      ),
      runService(
        {
          ...common,
          name: 'gryd-worker',
          image: backendImage,
          cpu: '2',
          memory: '4Gi',
          cpuIdle: false,
          minInstances: 0,
          maxInstances: 10,
          concurrency: 1,
          timeoutSeconds: 3600,
          ingress: 'INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER',
          labels: {
            ...labels,
            tier: 'worker',
            'tasks-queue-target': 'generation',
          },
          env: [{ name: 'MODE', value: 'worker' }],
        },
        // ~0.1 jobs/s of ~70 s each keeps ~7 jobs in flight on average: the evening peak runs into
        // max 10 × concurrency 1, a realistic "max instances too low" finding for the scaling editor.
        profile({
          baseRps: 0.1,
          latencyP50Ms: 70_000,
          latencySigma: 0.3,
          peakHour: 21,
          weekendFactor: 1.15,
          errorRate5xx: 0.01,
          errorRate4xx: 0,
          seed: 103,
        }),
      ),
    ]),
    { queues: [generationQueue(ctx.now)] },
  );
}
