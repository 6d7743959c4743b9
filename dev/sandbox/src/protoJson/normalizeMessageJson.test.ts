import { describe, expect, it } from 'vitest';
import { normalizeMessageJson } from './normalizeMessageJson';
import { messageType, runProtoRoot } from './protoRoot';

const service = messageType(runProtoRoot(), 'google.cloud.run.v2.Service');

describe('normalizeMessageJson', () => {
  it('answers enums as names and int64 as strings, keeping Duration strings', () => {
    expect(
      normalizeMessageJson(service, {
        ingress: 2,
        generation: 7,
        template: {
          timeout: '30s',
          executionEnvironment: 2,
          scaling: { maxInstanceCount: 5 },
        },
        traffic: [{ type: 1, percent: 100 }],
      }),
    ).toEqual({
      ingress: 'INGRESS_TRAFFIC_INTERNAL_ONLY',
      generation: '7',
      template: {
        timeout: '30s',
        executionEnvironment: 'EXECUTION_ENVIRONMENT_GEN2',
        scaling: { maxInstanceCount: 5 },
      },
      traffic: [
        { type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST', percent: 100 },
      ],
    });
  });

  it('answers 32-bit integers sent as strings as numbers, as Google does', () => {
    expect(
      normalizeMessageJson(service, {
        generation: ' 12 ',
        template: {
          scaling: { maxInstanceCount: '45', minInstanceCount: '-0' },
          maxInstanceRequestConcurrency: '80',
        },
        traffic: [{ percent: '100' }],
      }),
    ).toEqual({
      generation: '12',
      template: {
        scaling: { maxInstanceCount: 45, minInstanceCount: 0 },
        maxInstanceRequestConcurrency: 80,
      },
      traffic: [{ percent: 100 }],
    });
  });

  it('camelCases snake_case keys and drops nulls', () => {
    expect(
      normalizeMessageJson(service, {
        template: { max_instance_request_concurrency: 10, vpc_access: null },
      }),
    ).toEqual({ template: { maxInstanceRequestConcurrency: 10 } });
  });

  it('drops output-only fields at every depth when asked', () => {
    const json = {
      uid: 'u',
      reconciling: true,
      etag: 'e',
      labels: { a: 'b' },
      terminalCondition: { type: 'Ready' },
      template: {
        containers: [{ image: 'i', buildInfo: { functionTarget: 'f' } }],
      },
    };
    expect(
      normalizeMessageJson(service, json, { dropOutputOnly: true }),
    ).toEqual({
      etag: 'e',
      labels: { a: 'b' },
      template: { containers: [{ image: 'i' }] },
    });
  });

  it('normalises the payload of an Any by its @type', () => {
    const operation = messageType(
      runProtoRoot(),
      'google.longrunning.Operation',
    );
    expect(
      normalizeMessageJson(operation, {
        metadata: {
          '@type': 'type.googleapis.com/google.cloud.run.v2.Service',
          ingress: 1,
        },
      }),
    ).toEqual({
      metadata: {
        '@type': 'type.googleapis.com/google.cloud.run.v2.Service',
        ingress: 'INGRESS_TRAFFIC_ALL',
      },
    });
  });
});
