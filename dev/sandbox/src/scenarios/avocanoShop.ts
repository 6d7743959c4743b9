import type { SandboxProject } from '../world';
import {
  deployedAt,
  image,
  profile,
  project,
  runService,
  type ScenarioContext,
} from './scenarioKit';
import {
  AVOCANO_REDIS_HOST,
  avocanoCache,
  orderEmailsQueue,
} from './avocanoBacking';
import { withBacking } from './backingKit';

const PROJECT = 'avocano-shop';
const REGION = 'us-central1';

/**
 * avocano-shop (docs/sandbox.md (scenario 2)), modelled on Google's Avocano sample: a Django REST API on
 * Cloud Run behind a static front end, min 1 instance against cold starts, and a weekly flash sale
 * (Friday 18:00–20:00 Chicago time) that multiplies demand ~8×.
 */
export function buildAvocanoShop(ctx: ScenarioContext): SandboxProject {
  return withBacking(
    project(PROJECT, REGION, 'America/Chicago', [
      runService(
        {
          projectId: PROJECT,
          region: REGION,
          name: 'avocano-api',
          createTime: deployedAt(ctx.now, 200),
          image: image(PROJECT, REGION, 'containers', 'server', 'latest'),
          cpu: '1',
          memory: '512Mi',
          cpuIdle: true,
          minInstances: 1,
          maxInstances: 100,
          concurrency: 80,
          labels: {
            app: 'avocano',
            'created-by': 'avocano-provisioner',
            'tasks-queue-target': 'order-emails',
          },
          env: [
            { name: 'DJANGO_SETTINGS_MODULE', value: 'avocano_api.settings' },
            {
              name: 'REDIS_URL',
              value: `redis://${AVOCANO_REDIS_HOST}:6379/1`,
            },
            { name: 'EMAIL_QUEUE', value: 'order-emails' },
          ],
        },
        profile({
          baseRps: 30,
          latencyP50Ms: 150,
          peakHour: 19,
          weekendFactor: 1.2,
          errorRate5xx: 0.002,
          errorRate4xx: 0.02,
          seed: 201,
          events: [
            { dayOfWeek: 5, startHour: 18, durationHours: 2, multiplier: 8 },
          ],
        }),
      ),
    ]),
    {
      queues: [orderEmailsQueue(ctx.now)],
      redisInstances: [avocanoCache(deployedAt(ctx.now, 200))],
    },
  );
}
