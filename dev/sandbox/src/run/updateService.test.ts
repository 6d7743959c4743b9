import { describe, expect, it } from 'vitest';
import { OffsetSandboxClock } from '../clock';
import { GoogleApiError } from '../googleError';
import { buildWorld } from '../scenarios';
import type { SandboxResponse } from '../api';
import { createMonitoringApi } from '../monitoring';
import { revisionNameFor } from '../monitoring/metrics/cloudRunRevisions';
import type { ListTimeSeriesResponseJson } from '../monitoring/query/listTimeSeries';
import { minuteSample } from '../traffic/SandboxTrafficModel';
import { configAt } from '../world';
import { OperationStore } from './operationStore';
import { runServiceType, type RunContext } from './runContext';
import { updateService, type UpdateServiceInput } from './updateService';

const START = Date.UTC(2024, 4, 6, 3, 0, 0);

function setup() {
  const clock = new OffsetSandboxClock(START, () => 0);
  const world = buildWorld({ scenarios: ['gryyd-web'], now: START });
  let realNow = 0;
  const operations = new OperationStore(300, () => realNow);
  const ctx: RunContext = {
    world,
    clock,
    operations,
    serviceType: runServiceType(),
  };
  const be = world.projects.get('gryyd-web')!.services.get('gryd-be')!;
  const input = (
    overrides: Partial<UpdateServiceInput>,
  ): UpdateServiceInput => ({
    projectId: 'gryyd-web',
    location: 'asia-northeast3',
    serviceId: 'gryd-be',
    body: {},
    updateMask: 'template.scaling.max_instance_count',
    validateOnly: false,
    allowMissing: false,
    ...overrides,
  });
  return {
    ctx,
    be,
    input,
    advanceReal: (ms: number) => (realNow += ms),
    clock,
  };
}

function thrown(fn: () => unknown): GoogleApiError {
  try {
    fn();
  } catch (error) {
    return error as GoogleApiError;
  }
  throw new Error('expected a GoogleApiError');
}

describe('updateService', () => {
  it('commits a new generation, etag, revision and history entry, reconciling until the operation is done', () => {
    const { ctx, be, input, advanceReal, clock } = setup();
    const before = structuredClone(be.resource);
    clock.advance(60);
    const op = updateService(
      ctx,
      input({ body: { template: { scaling: { maxInstanceCount: 7 } } } }),
    );
    expect(op.done).toBe(false);
    expect(op.name).toMatch(
      /^projects\/gryyd-web\/locations\/asia-northeast3\/operations\/[0-9a-f-]{36}$/,
    );
    expect(op.metadata['@type']).toBe(
      'type.googleapis.com/google.cloud.run.v2.Service',
    );
    expect(be.resource).toMatchObject({
      generation: '2',
      reconciling: true,
      template: { scaling: { minInstanceCount: 1, maxInstanceCount: 7 } },
    });
    expect(be.resource['etag']).not.toBe(before['etag']);
    expect(be.resource['latestCreatedRevision']).not.toBe(
      before['latestCreatedRevision'],
    );
    expect(be.resource['latestReadyRevision']).toBe(
      before['latestReadyRevision'],
    );
    expect(be.history).toHaveLength(2);
    expect(be.history[1]!.effectiveFrom).toBe(START + 60_000);
    expect(configAt(be, START + 59_000).maxInstances).toBe(40);
    expect(configAt(be, START + 60_000).maxInstances).toBe(7);

    expect(ctx.operations.get(op.name)!.done).toBe(false);
    advanceReal(300);
    const done = ctx.operations.get(op.name)!;
    expect(done.done).toBe(true);
    expect(done.response).toMatchObject({
      '@type': 'type.googleapis.com/google.cloud.run.v2.Service',
      generation: '2',
      reconciling: false,
    });
    expect(be.resource).toMatchObject({
      reconciling: false,
      observedGeneration: '2',
      latestReadyRevision: be.resource['latestCreatedRevision'],
    });
  });

  it('stores and serves int32 values sent as strings as numbers, and the traffic model reads them', () => {
    const { ctx, be, input, clock } = setup();
    clock.advance(60);
    const op = updateService(
      ctx,
      input({ body: { template: { scaling: { maxInstanceCount: '45' } } } }),
    );
    expect(op.metadata).toMatchObject({
      template: { scaling: { maxInstanceCount: 45 } },
    });
    expect(be.resource).toMatchObject({
      template: { scaling: { minInstanceCount: 1, maxInstanceCount: 45 } },
    });
    expect(configAt(be, START + 60_000).maxInstances).toBe(45);
  });

  it('records the revision serving each configuration: a new one for a template change, the same otherwise', () => {
    const { ctx, be, input, clock } = setup();
    const short = (full: unknown) =>
      String(full).slice(String(full).lastIndexOf('/') + 1);
    expect(be.history[0]!.revision).toBe(
      short(be.resource['latestCreatedRevision']),
    );
    clock.advance(60);
    updateService(
      ctx,
      input({ body: { template: { scaling: { maxInstanceCount: 7 } } } }),
    );
    expect(be.history[1]!.revision).toBe(
      short(be.resource['latestCreatedRevision']),
    );
    expect(be.history[1]!.revision).not.toBe(be.history[0]!.revision);
    clock.advance(60);
    updateService(
      ctx,
      input({
        body: { scaling: { minInstanceCount: 2 } },
        updateMask: 'scaling.min_instance_count',
      }),
    );
    expect(be.history).toHaveLength(3);
    expect(be.history[2]!.revision).toBe(be.history[1]!.revision);
    // Monitoring labels each minute with the stored name, for old entries too.
    expect([0, 1, 2].map(v => revisionNameFor(be, v))).toEqual(
      be.history.map(h => h.revision),
    );
  });

  it('gives a service created with allowMissing no traffic and no points before its creation', () => {
    const { ctx, input, clock } = setup();
    clock.advance(90);
    const createdAt = clock.now();
    const body = { template: { containers: [{ image: 'gcr.io/x/y' }] } };
    updateService(
      ctx,
      input({
        serviceId: 'new-svc',
        body,
        updateMask: null,
        allowMissing: true,
      }),
    );
    const project = ctx.world.projects.get('gryyd-web')!;
    const created = project.services.get('new-svc')!;
    let before = 0;
    for (let t = createdAt - 6 * 3_600_000; t < createdAt - 60_000; t += 60_000)
      before += minuteSample(project, created, t).requests;
    expect(before).toBe(0);
    let after = 0;
    for (let t = createdAt + 60_000; t < createdAt + 3_600_000; t += 60_000)
      after += minuteSample(project, created, t).requests;
    expect(after).toBeGreaterThan(0); // the quiet 0.5 rps profile

    const now = createdAt + 3_600_000;
    const monitoring = createMonitoringApi({
      world: ctx.world,
      clock: { now: () => now, advance() {}, set() {} },
    });
    for (const metric of ['request_count', 'container/instance_count']) {
      const query = new URLSearchParams({
        filter: `metric.type = "run.googleapis.com/${metric}" AND resource.labels.service_name = "new-svc"`,
        'interval.startTime': new Date(createdAt - 3 * 3_600_000).toISOString(),
        'interval.endTime': new Date(now).toISOString(),
      });
      const route = monitoring.match({
        method: 'GET',
        path: '/v3/projects/gryyd-web/timeSeries',
        query,
        body: undefined,
      })!;
      const series =
        ((route.handle() as SandboxResponse).body as ListTimeSeriesResponseJson)
          .timeSeries ?? [];
      const starts = series.flatMap(s =>
        s.points.map(p =>
          Date.parse(p.interval.startTime ?? p.interval.endTime),
        ),
      );
      expect(starts.length).toBeGreaterThan(0);
      expect(Math.min(...starts)).toBeGreaterThanOrEqual(createdAt);
    }
  });

  it('validateOnly answers the would-be service in a done operation and changes nothing', () => {
    const { ctx, be, input } = setup();
    const before = structuredClone(be.resource);
    const op = updateService(
      ctx,
      input({
        body: { template: { scaling: { maxInstanceCount: 7 } } },
        validateOnly: true,
      }),
    );
    expect(op.done).toBe(true);
    expect(op.response).toMatchObject({
      template: { scaling: { maxInstanceCount: 7 } },
      generation: '1',
      etag: before['etag'],
    });
    expect(be.resource).toEqual(before);
    expect(be.history).toHaveLength(1);
  });

  it('rejects a stale etag with 409 ABORTED, accepting the current one quoted or bare', () => {
    const { ctx, be, input } = setup();
    const bare = String(be.resource['etag']).replace(/"/g, '');
    expect(
      updateService(
        ctx,
        input({
          body: { etag: bare, template: { scaling: { maxInstanceCount: 5 } } },
        }),
      ).done,
    ).toBe(false);
    const error = thrown(() =>
      updateService(
        ctx,
        input({
          body: { etag: bare, template: { scaling: { maxInstanceCount: 6 } } },
        }),
      ),
    );
    expect([error.httpStatus, error.status]).toEqual([409, 'ABORTED']);
    expect(error.message).toContain('etag mismatch');
  });

  it('rejects unknown fields and rule violations with field violations and changes nothing', () => {
    const { ctx, be, input } = setup();
    const unknown = thrown(() =>
      updateService(
        ctx,
        input({ body: { template: { scaling: { maxInstanceCountt: 5 } } } }),
      ),
    );
    expect(unknown.toJSON().error.details).toEqual([
      {
        '@type': 'type.googleapis.com/google.rpc.BadRequest',
        fieldViolations: [
          expect.objectContaining({
            field: 'service.template.scaling.maxInstanceCountt',
          }),
        ],
      },
    ]);
    const rule = thrown(() =>
      updateService(
        ctx,
        input({ body: { template: { scaling: { maxInstanceCount: 0 } } } }),
      ),
    );
    expect(rule.httpStatus).toBe(400);
    expect(JSON.stringify(rule.details)).toContain(
      'service.template.scaling.max_instance_count',
    );
    const mask = thrown(() =>
      updateService(ctx, input({ updateMask: 'template.nope' })),
    );
    expect(JSON.stringify(mask.details)).toContain('update_mask');
    expect(be.history).toHaveLength(1);
  });

  it('answers 404 for an unknown project or service, and creates it with allowMissing', () => {
    const { ctx, input } = setup();
    expect(
      thrown(() => updateService(ctx, input({ projectId: 'nope' }))).httpStatus,
    ).toBe(404);
    expect(
      thrown(() => updateService(ctx, input({ serviceId: 'nope' }))).httpStatus,
    ).toBe(404);
    expect(
      thrown(() => updateService(ctx, input({ location: 'us-central1' })))
        .httpStatus,
    ).toBe(404);
    const body = { template: { containers: [{ image: 'gcr.io/x/y' }] } };
    const op = updateService(
      ctx,
      input({
        serviceId: 'new-svc',
        body,
        updateMask: null,
        allowMissing: true,
      }),
    );
    expect(op.metadata).toMatchObject({
      name: 'projects/gryyd-web/locations/asia-northeast3/services/new-svc',
      generation: '1',
    });
    expect(
      ctx.world.projects.get('gryyd-web')!.services.get('new-svc')!.history,
    ).toHaveLength(1);
  });

  it('refuses a 1,001st service in a region, as the per-region limit of Cloud Run does, and a second region for one id', () => {
    const world = buildWorld({
      scenarios: ['scale-fleet'],
      services: 2000,
      now: START,
    });
    const ctx: RunContext = {
      world,
      clock: new OffsetSandboxClock(START, () => 0),
      operations: new OperationStore(300, () => 0),
      serviceType: runServiceType(),
    };
    const body = { template: { containers: [{ image: 'gcr.io/x/y' }] } };
    const create = (serviceId: string, location: string) => () =>
      updateService(ctx, {
        projectId: 'scale-fleet',
        location,
        serviceId,
        body,
        updateMask: null,
        validateOnly: false,
        allowMissing: true,
      });
    const full = thrown(create('one-too-many', 'us-central1'));
    expect([full.httpStatus, full.status]).toEqual([429, 'RESOURCE_EXHAUSTED']);
    expect(full.message).toContain('1000 services in us-central1');
    expect(thrown(create('fleet-svc-0001', 'europe-north1')).httpStatus).toBe(
      501,
    );
    expect(world.projects.get('scale-fleet')!.services.size).toBe(2000);
    create('in-a-free-region', 'europe-north1')();
    expect(
      world.projects.get('scale-fleet')!.services.get('in-a-free-region')!
        .region,
    ).toBe('europe-north1');
  });

  it('without a mask replaces the whole mutable service and requires a template', () => {
    const { ctx, be, input } = setup();
    const error = thrown(() =>
      updateService(ctx, input({ body: { labels: {} }, updateMask: null })),
    );
    expect(JSON.stringify(error.details)).toContain('service.template');
    updateService(
      ctx,
      input({
        body: {
          labels: { a: 'b' },
          ingress: 1,
          template: { containers: [{ image: 'x' }] },
        },
        updateMask: null,
      }),
    );
    expect(be.resource['labels']).toEqual({ a: 'b' });
    expect(be.resource['ingress']).toBe('INGRESS_TRAFFIC_ALL');
    expect(be.resource['uri']).toMatch(/^https:\/\/gryd-be-/);
  });
});
