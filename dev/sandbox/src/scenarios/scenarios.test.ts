import { describe, expect, it } from 'vitest';
import { checkMessageJson } from '../protoJson';
import { runServiceType } from '../run/runContext';
import { serviceViolations } from '../run/serviceRules';
import { buildWorld, SCENARIO_NAMES } from '.';

const NOW = Date.UTC(2024, 4, 6, 3, 0, 0);
const WEEK_MS = 7 * 86_400_000;

describe('buildWorld', () => {
  const world = buildWorld({ now: NOW, services: 25 });
  const all = [...world.projects.values()].flatMap(p => [
    ...p.services.values(),
  ]);

  it('builds the four scenario projects with their regions and time zones', () => {
    expect([...world.projects.keys()]).toEqual([...SCENARIO_NAMES]);
    expect(world.projects.get('gryyd-web')).toMatchObject({
      region: 'asia-northeast3',
      timeZone: 'Asia/Seoul',
    });
    expect(world.projects.get('avocano-shop')).toMatchObject({
      region: 'us-central1',
      timeZone: 'America/Chicago',
    });
    expect([...world.projects.get('gryyd-web')!.services.keys()]).toEqual([
      'gryd-fe',
      'gryd-be',
      'gryd-worker',
    ]);
    expect(world.projects.get('scale-fleet')!.services.size).toBe(25);
    expect([...world.projects.get('scale-fleet')!.services.keys()][0]).toBe(
      'fleet-svc-0001',
    );
  });

  it('spreads a fleet beyond 1,000 services over regions, never more than 1,000 in one', () => {
    const fleet = buildWorld({
      scenarios: ['scale-fleet'],
      services: 10_000,
      now: NOW,
    }).projects.get('scale-fleet')!;
    const perRegion = new Map<string, number>();
    for (const service of fleet.services.values())
      perRegion.set(service.region, (perRegion.get(service.region) ?? 0) + 1);
    expect(fleet.services.size).toBe(10_000);
    expect(perRegion.size).toBe(10);
    expect([...perRegion.values()].every(count => count === 1000)).toBe(true);
    expect(fleet.services.get('fleet-svc-00002')).toMatchObject({
      region: 'us-east1',
    });
    expect(fleet.services.get('fleet-svc-00002')!.resource['name']).toBe(
      'projects/scale-fleet/locations/us-east1/services/fleet-svc-00002',
    );
    expect(() =>
      buildWorld({ scenarios: ['scale-fleet'], services: 12_001, now: NOW }),
    ).toThrow('between 0 and 12000');
    expect(
      new Set(
        [
          ...buildWorld({
            scenarios: ['scale-fleet'],
            services: 1000,
            now: NOW,
          })
            .projects.get('scale-fleet')!
            .services.values(),
        ].map(s => s.region),
      ),
    ).toEqual(new Set(['us-central1']));
  });

  it('serves resources that the Service proto and Cloud Run rules accept', () => {
    const type = runServiceType();
    for (const service of all) {
      expect(checkMessageJson(type, service.resource, service.name)).toEqual(
        [],
      );
      expect(serviceViolations(service.resource)).toEqual([]);
      expect(service.resource['name']).toBe(
        `projects/${service.projectId}/locations/${service.region}/services/${service.name}`,
      );
      expect(service.resource['uri']).toMatch(
        new RegExp(
          `^https://${service.name}-[a-z0-9]{10}-[a-z]{2}\\.a\\.run\\.app$`,
        ),
      );
    }
  });

  it('starts every history well before the 7-day metric window, matching the resource', () => {
    for (const service of all) {
      expect(service.history).toHaveLength(1);
      expect(service.history[0]!.effectiveFrom).toBeLessThan(NOW - 4 * WEEK_MS);
    }
    const fe = world.projects.get('gryyd-web')!.services.get('gryd-fe')!;
    expect(fe.history[0]!.config).toEqual({
      minInstances: 0,
      maxInstances: 20,
      concurrency: 80,
      cpu: 1,
      memoryGiB: 0.5,
      cpuIdle: true,
      timeoutSeconds: 300,
    });
    const worker = world.projects
      .get('gryyd-web')!
      .services.get('gryd-worker')!;
    expect(worker.history[0]!.config).toMatchObject({
      cpu: 2,
      memoryGiB: 4,
      concurrency: 1,
      maxInstances: 10,
      timeoutSeconds: 3600,
    });
    expect(worker.resource['ingress']).toBe(
      'INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER',
    );
  });

  it('models chatservice as long WebSocket sessions holding tens of thousands of connections', () => {
    const chat = world.projects
      .get('chat-realtime')!
      .services.get('chatservice')!;
    expect(chat.resource['template']).toMatchObject({
      sessionAffinity: true,
      timeout: '3600s',
      maxInstanceRequestConcurrency: 250,
      vpcAccess: {
        connector:
          'projects/chat-realtime/locations/asia-northeast3/connectors/chat-connector',
      },
    });
    const concurrentAtPeak =
      chat.traffic.baseRps *
      (1 + chat.traffic.diurnalAmplitude) *
      (chat.traffic.latencyP50Ms / 1000);
    expect(concurrentAtPeak).toBeGreaterThan(20_000);
    expect(concurrentAtPeak).toBeLessThan(1000 * 250);
  });

  it('gives avocano-api a weekly flash sale', () => {
    const api = world.projects
      .get('avocano-shop')!
      .services.get('avocano-api')!;
    expect(api.traffic.events).toEqual([
      { dayOfWeek: 5, startHour: 18, durationHours: 2, multiplier: 8 },
    ]);
  });

  it('is deterministic and rejects unknown scenarios', () => {
    expect(buildWorld({ now: NOW, services: 25 })).toEqual(world);
    expect(() => buildWorld({ now: NOW, scenarios: ['nope'] })).toThrow(
      /Unknown scenario/,
    );
  });
});
