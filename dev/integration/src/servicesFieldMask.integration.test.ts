import { v2 } from '@google-cloud/run';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CloudRunGateway,
  googleClientOptions,
  readGcpServerlessConfig,
} from '@gcp-serverless/plugin-backend';
import { startSandbox, type Sandbox } from '@gcp-serverless/sandbox';
import type { CloudRunService } from '@gcp-serverless/common';

/**
 * The services list asks only for the fields the translator reads (docs/google-apis.md §3, "Response
 * field masks"): through the real client and the sandbox, every listed service must translate to the
 * same CloudRunService as the unmasked read of that one service.
 */

let sandbox: Sandbox;
let client: v2.ServicesClient;
let gateway: CloudRunGateway;
/** The raw services of each list page as google-gax decoded them. */
const pages: Record<string, unknown>[][] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, services: 20 });
  const config = readGcpServerlessConfig({
    mode: 'sandbox',
    sandbox: { endpoint: sandbox.url },
    projects: [{ projectId: 'gryyd-web', regions: ['asia-northeast3'] }],
  });
  client = new v2.ServicesClient(googleClientOptions(config) as never);
  await client.initialize();
  const calls = client.innerApiCalls as Record<string, Function>;
  const list = calls.listServices!;
  calls.listServices = (...args: unknown[]) => {
    const call = list(...args);
    return Object.assign(
      call.then((answer: [Record<string, unknown>[]]) => {
        pages.push(answer[0]);
        return answer;
      }),
      { cancel: call.cancel },
    );
  };
  gateway = new CloudRunGateway(client, {
    readMs: 20_000,
    writeMs: 20_000,
    operationMs: 20_000,
  });
});
afterAll(async () => {
  await client?.close();
  await sandbox?.close();
});

describe('the masked services list', () => {
  it('translates every service of every scenario as the unmasked read of the service does', async () => {
    const all: CloudRunService[] = [];
    let total = 0;
    for (const project of sandbox.world.projects.values()) {
      total += project.services.size;
      const regions = new Set(
        [...project.services.values()].map(service => service.region),
      );
      for (const region of regions) {
        const listed = await gateway.listServices(project.projectId, region);
        for (const service of listed) {
          const read = await gateway.getService(
            project.projectId,
            region,
            service.name,
          );
          expect(service).toEqual(read);
          all.push(service);
        }
      }
    }
    expect(all.length).toBe(total);
    // The comparison covers the fields that vary: wiring env vars, CPU idle, labels, revisions.
    expect(all.some(s => Object.keys(s.wiringEnv ?? {}).length > 0)).toBe(true);
    expect(new Set(all.map(s => s.cpuIdle)).size).toBe(2);
    expect(all.every(s => Object.keys(s.labels).length > 0)).toBe(true);
    expect(all.every(s => s.latestReadyRevision && s.uri && s.etag)).toBe(true);
  });

  it('arrives without the fields outside the mask', async () => {
    pages.length = 0;
    await gateway.listServices('scale-fleet', 'us-central1');
    const [service] = pages.at(-1)!;
    expect(service).toMatchObject({
      name: expect.stringMatching(/^projects\/scale-fleet\//),
      // Decoded as unset: the answer did not carry them.
      creator: '',
      conditions: [],
      terminalCondition: null,
    });
  });
});
