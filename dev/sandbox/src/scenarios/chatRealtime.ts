import type { SandboxProject } from '../world';
import {
  deployedAt,
  image,
  profile,
  project,
  runService,
  type ScenarioContext,
} from './scenarioKit';
import { withBacking } from './backingKit';
import { chatHistoryService, chatRedis } from './chatBacking';

const PROJECT = 'chat-realtime';
const REGION = 'asia-northeast3';

/**
 * chat-realtime (docs/sandbox.md (scenario 3)), modelled on Google's Cloud Run WebSocket chat tutorial:
 * `chatservice` keeps one long-lived WebSocket request per client (timeout 3600 s, session affinity)
 * and reaches Memorystore `chat-redis` through a Serverless VPC Access connector.
 */
export function buildChatRealtime(ctx: ScenarioContext): SandboxProject {
  return withBacking(
    project(PROJECT, REGION, 'Asia/Seoul', [
      runService(
        {
          projectId: PROJECT,
          region: REGION,
          name: 'chatservice',
          createTime: deployedAt(ctx.now, 60),
          image: image(PROJECT, REGION, 'chat', 'chatservice', 'v1.8.1'),
          cpu: '1',
          memory: '2Gi',
          cpuIdle: false,
          minInstances: 1,
          maxInstances: 1000,
          concurrency: 250,
          timeoutSeconds: 3600,
          sessionAffinity: true,
          vpcConnector: `projects/${PROJECT}/locations/${REGION}/connectors/chat-connector`,
          labels: { app: 'chat', env: 'prod' },
          env: [
            { name: 'REDISHOST', value: '10.0.0.3' },
            { name: 'REDISPORT', value: '6379' },
          ],
        },
        // A "request" is one WebSocket session of ~10 min: 60 new sessions/s hold ~40,000 connections
        // on average and ~60,000 at the evening peak (hundreds of instances at 250 per container).
        profile({
          baseRps: 60,
          latencyP50Ms: 600_000,
          latencySigma: 0.4,
          peakHour: 22,
          diurnalAmplitude: 0.5,
          weekendFactor: 1.1,
          errorRate5xx: 0.0005,
          errorRate4xx: 0.002,
          noise: 0.1,
          seed: 301,
        }),
      ),
      chatHistoryService(deployedAt(ctx.now, 60)),
    ]),
    { redisInstances: [chatRedis(deployedAt(ctx.now, 60))] },
  );
}
