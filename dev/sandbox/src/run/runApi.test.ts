import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../server';
import { servicesClientForSandbox } from './servicesClientForSandbox';

/** The real `@google-cloud/run` ServicesClient against the sandbox over HTTP (docs/google-apis.md §1 options). */

const BE = 'projects/gryyd-web/locations/asia-northeast3/services/gryd-be';
const noRetry = { retry: { retryCodes: [] } } as never;

let sandbox: Sandbox;
let client: ReturnType<typeof servicesClientForSandbox>;

beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    scenarios: ['gryyd-web', 'scale-fleet'],
    services: 12,
    operationDelayMs: 100,
  });
  client = servicesClientForSandbox(sandbox.port);
});
afterAll(async () => {
  await client.close();
  await sandbox.close();
});
beforeEach(() => sandbox.reset());

async function rejection(
  promise: Promise<unknown>,
): Promise<{ code: number; message: string; statusDetails?: unknown[] }> {
  try {
    await promise;
  } catch (error) {
    return error as {
      code: number;
      message: string;
      statusDetails?: unknown[];
    };
  }
  throw new Error('expected the call to fail');
}

describe('Cloud Run Admin v2 with the official client', () => {
  it('lists services following page tokens, in one region or all (-)', async () => {
    const [fleet] = await client.listServices(
      { parent: 'projects/scale-fleet/locations/us-central1', pageSize: 5 },
      { autoPaginate: true },
    );
    expect(fleet.map(s => s.name!.split('/').pop())).toEqual(
      Array.from(
        { length: 12 },
        (_, i) => `fleet-svc-${String(i + 1).padStart(4, '0')}`,
      ),
    );
    expect(sandbox.counters.get('run.services.list')).toBe(3);

    const [page, , response] = await client.listServices(
      { parent: 'projects/gryyd-web/locations/-', pageSize: 2 },
      { autoPaginate: false },
    );
    expect(page).toHaveLength(2);
    expect(response?.nextPageToken).toBeTruthy();
    const [elsewhere] = await client.listServices({
      parent: 'projects/gryyd-web/locations/us-central1',
    });
    expect(elsewhere).toEqual([]);
  });

  it('gets a service with enums, int64 and durations decoded', async () => {
    const [service] = await client.getService({ name: BE });
    expect(service).toMatchObject({
      name: BE,
      generation: '1',
      ingress: 'INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER',
      template: {
        scaling: { minInstanceCount: 1, maxInstanceCount: 40 },
        maxInstanceRequestConcurrency: 80,
        timeout: { seconds: '300' },
      },
    });
    expect(service.etag).toBeTruthy();
  });

  it('validateOnly returns the would-be service and changes nothing', async () => {
    const [before] = await client.getService({ name: BE });
    const [op] = await client.updateService({
      service: {
        name: BE,
        etag: before.etag,
        template: { scaling: { maxInstanceCount: 7 } },
      },
      updateMask: { paths: ['template.scaling.max_instance_count'] },
      validateOnly: true,
    });
    const [wouldBe] = await op.promise();
    expect(wouldBe.template?.scaling).toMatchObject({
      minInstanceCount: 1,
      maxInstanceCount: 7,
    });
    const [after] = await client.getService({ name: BE });
    expect(after).toEqual(before);
    expect(sandbox.counters.get('run.services.patch.validateOnly')).toBe(1);
    expect(sandbox.counters.get('run.services.patch')).toBe(0);
  });

  it('updates through a long-running operation; the re-read shows the value and a new etag', async () => {
    const [before] = await client.getService({ name: BE });
    const [op] = await client.updateService({
      service: {
        name: BE,
        etag: before.etag,
        template: {
          scaling: { minInstanceCount: 2, maxInstanceCount: 60 },
          maxInstanceRequestConcurrency: 120,
        },
      },
      updateMask: {
        paths: ['template.scaling', 'template.maxInstanceRequestConcurrency'],
      },
    });
    expect(op.done).toBe(false);
    expect((await client.getService({ name: BE }))[0].reconciling).toBe(true);
    const [updated] = await op.promise();
    expect(updated.template?.scaling).toMatchObject({
      minInstanceCount: 2,
      maxInstanceCount: 60,
    });
    const progress = await client.checkUpdateServiceProgress(op.name!);
    expect(progress.done).toBe(true);

    const [after] = await client.getService({ name: BE });
    expect(after).toMatchObject({
      generation: '2',
      reconciling: false,
      template: { maxInstanceRequestConcurrency: 120 },
    });
    expect(after.etag).not.toBe(before.etag);
    expect(after.latestReadyRevision).toMatch(/gryd-be-00002-[a-z]{3}$/);
    const history = sandbox.world.projects
      .get('gryyd-web')!
      .services.get('gryd-be')!.history;
    expect(history.at(-1)!.config).toMatchObject({
      minInstances: 2,
      maxInstances: 60,
      concurrency: 120,
    });
  });

  it('rejects a stale etag with code 10 ABORTED', async () => {
    const [before] = await client.getService({ name: BE });
    const update = (max: number) =>
      client.updateService({
        service: {
          name: BE,
          etag: before.etag,
          template: { scaling: { maxInstanceCount: max } },
        },
        updateMask: { paths: ['template.scaling.max_instance_count'] },
      });
    await update(30);
    const error = await rejection(update(31));
    expect(error.code).toBe(10);
    expect(error.message).toContain('etag mismatch');
  });

  it('rejects bad values with code 3 and field violations in statusDetails', async () => {
    const error = await rejection(
      client.updateService({
        service: {
          name: BE,
          template: {
            scaling: { minInstanceCount: 50, maxInstanceCount: 10 },
            maxInstanceRequestConcurrency: 5000,
          },
        },
        updateMask: {
          paths: [
            'template.scaling',
            'template.max_instance_request_concurrency',
          ],
        },
      }),
    );
    expect(error.code).toBe(3);
    expect(error.statusDetails).toEqual([
      expect.objectContaining({
        fieldViolations: [
          expect.objectContaining({
            field: 'service.template.scaling.min_instance_count',
          }),
          expect.objectContaining({
            field: 'service.template.max_instance_request_concurrency',
          }),
        ],
      }),
    ]);
    expect(
      sandbox.world.projects.get('gryyd-web')!.services.get('gryd-be')!.history,
    ).toHaveLength(1);
  });

  it('answers code 5 NOT_FOUND for an unknown service or project', async () => {
    expect(
      (
        await rejection(
          client.getService({
            name: 'projects/gryyd-web/locations/asia-northeast3/services/nope',
          }),
        )
      ).code,
    ).toBe(5);
    expect(
      (
        await rejection(
          client.getService({
            name: 'projects/nope/locations/asia-northeast3/services/gryd-be',
          }),
        )
      ).code,
    ).toBe(5);
    expect(
      (
        await rejection(
          client.listServices({ parent: 'projects/nope/locations/-' }),
        )
      ).code,
    ).toBe(5);
  });

  it('fails with code 14 under an injected 503 fault, and the request is counted', async () => {
    sandbox.faults.add({
      api: 'run',
      method: 'run.services.get',
      status: 503,
      times: 1,
      message: 'backend unavailable',
    });
    const error = await rejection(client.getService({ name: BE }, noRetry));
    expect([error.code, error.message]).toEqual([14, 'backend unavailable']);
    expect(sandbox.counters.get('run.services.get')).toBe(1);
    await expect(
      client.getService({ name: BE }, noRetry),
    ).resolves.toBeTruthy();
  });

  it('fails with code 8 under a 429 fault for every run method', async () => {
    sandbox.faults.add({ api: 'run', status: 429 });
    expect(
      (
        await rejection(
          client.listServices(
            { parent: 'projects/gryyd-web/locations/-' },
            noRetry,
          ),
        )
      ).code,
    ).toBe(8);
  });
});
