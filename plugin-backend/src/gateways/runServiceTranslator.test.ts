import { describe, expect, it } from 'vitest';
import {
  RUN_SERVICE_FIELDS,
  SERVICES_LIST_FIELD_MASK,
  toCloudRunService,
  type RawRunService,
} from './runServiceTranslator';

const NAME = 'projects/gryyd-web/locations/asia-northeast3/services/gryd-be';

/** A Service as the Run client returns it: int64 as strings, Duration and Timestamp as objects, enums as numbers. */
const protoService = (over: Partial<RawRunService> = {}): RawRunService => ({
  name: NAME,
  etag: '"e1"',
  generation: '7',
  ingress: 1,
  updateTime: { seconds: '1767225600', nanos: 250_000_000 },
  template: {
    scaling: { minInstanceCount: 1, maxInstanceCount: 0 },
    maxInstanceRequestConcurrency: 0,
    timeout: { seconds: '900', nanos: 500_000_000 },
    containers: [{ resources: { limits: { cpu: '2', memory: '1Gi' } } }],
  },
  ...over,
});

describe('toCloudRunService', () => {
  it('normalises protobuf values: int64 strings, Duration and Timestamp objects, enum numbers', () => {
    const s = toCloudRunService(protoService());
    expect(s).toMatchObject({
      projectId: 'gryyd-web',
      region: 'asia-northeast3',
      name: 'gryd-be',
      generation: '7',
      ingress: 'INGRESS_TRAFFIC_ALL',
      timeoutSeconds: 900.5,
      updateTime: '2026-01-01T00:00:00.250Z',
      // Unset max and concurrency are Google's defaults (docs/google-apis.md §3).
      scaling: { minInstances: 1, maxInstances: 100, concurrency: 80 },
    });
  });

  it('takes the JSON forms too: Duration and Timestamp strings, enum names', () => {
    const s = toCloudRunService(
      protoService({
        ingress: 'INGRESS_TRAFFIC_INTERNAL_ONLY',
        updateTime: '2026-01-02T03:04:05Z',
        template: { timeout: '60s' },
      }),
    );
    expect(s.ingress).toBe('INGRESS_TRAFFIC_INTERNAL_ONLY');
    expect(s.updateTime).toBe('2026-01-02T03:04:05Z');
    expect(s.timeoutSeconds).toBe(60);
  });

  it('an enum number it does not know stays visible as the number', () => {
    expect(toCloudRunService(protoService({ ingress: 9 })).ingress).toBe('9');
  });

  it('unset values get the defaults: a 300 s timeout, no update time, generation 0', () => {
    const s = toCloudRunService(
      protoService({
        ingress: null,
        generation: null,
        updateTime: null,
        template: null,
      }),
    );
    expect(s).toMatchObject({
      ingress: '',
      generation: '0',
      updateTime: null,
      timeoutSeconds: 300,
    });
  });
});

/**
 * `value` behind proxies that note the path of every property read (`template.containers.env.name`;
 * list indexes are left out of the path, as in a field mask).
 */
function recordingReads<T>(value: T, reads: Set<string>, path = ''): T {
  if (typeof value !== 'object' || value === null) return value;
  return new Proxy(value as object, {
    get(target, key, receiver) {
      const found = Reflect.get(target, key, receiver) as unknown;
      if (typeof key !== 'string') return found;
      const isList = Array.isArray(target);
      if (isList && !/^\d+$/.test(key)) return found; // length, iteration
      let at = key;
      if (isList) at = path;
      else if (path) at = `${path}.${key}`;
      reads.add(at);
      return recordingReads(found, reads, at);
    },
    ownKeys(target) {
      reads.add(path);
      return Reflect.ownKeys(target);
    },
  }) as T;
}

describe('RUN_SERVICE_FIELDS', () => {
  it('covers every field the translator reads, so the masked services list loses nothing it uses', () => {
    const reads = new Set<string>();
    const full: RawRunService = protoService({
      uri: 'https://gryd-be-xyz.a.run.app',
      labels: { team: 'web' },
      latestReadyRevision: `${NAME}/revisions/gryd-be-00007-abc`,
      template: {
        scaling: { minInstanceCount: 1, maxInstanceCount: 4 },
        maxInstanceRequestConcurrency: 40,
        timeout: { seconds: '900', nanos: 0 },
        containers: [
          {
            resources: { limits: { cpu: '2', memory: '1Gi' }, cpuIdle: false },
            env: [{ name: 'REDIS_HOST', value: '10.0.0.3' }],
          },
        ],
      },
    });
    toCloudRunService(recordingReads(full, reads));
    const uncovered = [...reads].filter(
      read =>
        !RUN_SERVICE_FIELDS.some(
          field =>
            read === field ||
            read.startsWith(`${field}.`) ||
            field.startsWith(`${read}.`),
        ),
    );
    expect(reads.size).toBeGreaterThan(10);
    expect(uncovered).toEqual([]);
  });

  it('is asked for each listed service, with the page token', () => {
    expect(SERVICES_LIST_FIELD_MASK.split(',')).toEqual([
      ...RUN_SERVICE_FIELDS.map(field => `services.${field}`),
      'nextPageToken',
    ]);
  });
});
