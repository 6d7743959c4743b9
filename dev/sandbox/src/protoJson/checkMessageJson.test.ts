import { describe, expect, it } from 'vitest';
import { checkMessageJson } from './checkMessageJson';
import { messageType, monitoringProtoRoot, runProtoRoot } from './protoRoot';

const service = messageType(runProtoRoot(), 'google.cloud.run.v2.Service');
const fields = (json: unknown, type = service) =>
  checkMessageJson(type, json, 'service').map(v => v.field);

describe('checkMessageJson', () => {
  it('accepts what the official client sends: enums as numbers, Duration strings, empty maps', () => {
    expect(
      checkMessageJson(service, {
        labels: {},
        annotations: {},
        ingress: 2,
        template: {
          labels: {},
          containers: [{ resources: { limits: { cpu: '1' } } }],
          scaling: { maxInstanceCount: 5 },
          timeout: '30s',
        },
        etag: 'e1',
      }),
    ).toEqual([]);
  });

  it('accepts enums by name, snake_case keys, nulls and output-only fields', () => {
    expect(
      fields({
        ingress: 'INGRESS_TRAFFIC_ALL',
        launch_stage: 'GA',
        template: { max_instance_request_concurrency: 80, scaling: null },
        generation: '12',
        createTime: '2024-05-01T12:00:00.123Z',
        reconciling: false,
        uri: 'https://x.a.run.app',
      }),
    ).toEqual([]);
  });

  it('names unknown fields by their path as sent', () => {
    expect(fields({ template: { scaling: { maxInstanceCountt: 3 } } })).toEqual(
      ['service.template.scaling.maxInstanceCountt'],
    );
    expect(
      checkMessageJson(service, { foo: 1 }, 'service')[0]!.description,
    ).toContain('Unknown name "foo"');
  });

  it('rejects bad enum values, by name and by number', () => {
    expect(fields({ ingress: 'INGRESS_EVERYWHERE' })).toEqual([
      'service.ingress',
    ]);
    expect(fields({ ingress: 99 })).toEqual(['service.ingress']);
  });

  it('checks scalar types and ranges', () => {
    expect(
      fields({ template: { maxInstanceRequestConcurrency: '80' } }),
    ).toEqual([]);
    expect(
      fields({ template: { maxInstanceRequestConcurrency: 1.5 } }),
    ).toEqual(['service.template.maxInstanceRequestConcurrency']);
    expect(
      fields({ template: { maxInstanceRequestConcurrency: 2 ** 31 } }),
    ).toEqual(['service.template.maxInstanceRequestConcurrency']);
    expect(fields({ generation: 'abc' })).toEqual(['service.generation']);
    expect(fields({ generation: 9007199254740993 })).toEqual([]);
    expect(fields({ description: 5 })).toEqual(['service.description']);
    expect(fields({ invokerIamDisabled: 'yes' })).toEqual([
      'service.invokerIamDisabled',
    ]);
  });

  it('walks repeated fields and maps with indexed paths', () => {
    expect(
      fields({ template: { containers: [{ image: 'a' }, { imagee: 'b' }] } }),
    ).toEqual(['service.template.containers[1].imagee']);
    expect(fields({ traffic: { percent: 100 } })).toEqual(['service.traffic']);
    expect(fields({ labels: { env: 3 } })).toEqual(['service.labels.env']);
    expect(
      fields({
        template: { containers: [{ resources: { limits: { cpu: 2 } } }] },
      }),
    ).toEqual(['service.template.containers[0].resources.limits.cpu']);
  });

  it('checks Duration and Timestamp strings', () => {
    expect(fields({ template: { timeout: '1.5s' } })).toEqual([]);
    expect(fields({ template: { timeout: 300 } })).toEqual([
      'service.template.timeout',
    ]);
    expect(fields({ template: { timeout: '5m' } })).toEqual([
      'service.template.timeout',
    ]);
    expect(fields({ updateTime: '2024-05-01' })).toEqual([
      'service.updateTime',
    ]);
    expect(fields({ updateTime: '2024-05-01T00:00:00+09:00' })).toEqual([]);
  });

  it('rejects a non-object where a message is expected', () => {
    expect(fields('hello')).toEqual(['service']);
    expect(fields({ template: [] })).toEqual(['service.template']);
  });

  it('rejects two members of a oneof', () => {
    const probe = messageType(runProtoRoot(), 'google.cloud.run.v2.Probe');
    expect(
      checkMessageJson(probe, { httpGet: {}, tcpSocket: {} }, 'probe').map(
        v => v.field,
      ),
    ).toEqual(['probe.tcpSocket']);
  });

  it('checks FieldMask, wrappers, Struct/Value and Any (Monitoring and longrunning protos)', () => {
    const root = monitoringProtoRoot();
    const updateAlert = messageType(
      root,
      'google.monitoring.v3.UpdateAlertPolicyRequest',
    );
    expect(
      checkMessageJson(updateAlert, {
        updateMask: 'display_name,documentation.content',
      }),
    ).toEqual([]);
    expect(
      checkMessageJson(updateAlert, { updateMask: ['a'] }).map(v => v.field),
    ).toEqual(['updateMask']);
    const policy = messageType(root, 'google.monitoring.v3.AlertPolicy');
    expect(
      checkMessageJson(policy, { enabled: true, displayName: 'x' }),
    ).toEqual([]);
    expect(
      checkMessageJson(policy, { enabled: 'true' }).map(v => v.field),
    ).toEqual(['enabled']);

    const metadata = messageType(root, 'google.api.MonitoredResourceMetadata');
    expect(
      checkMessageJson(metadata, {
        systemLabels: { zone: 'a', tags: [1, null, { x: true }] },
      }),
    ).toEqual([]);
    expect(
      checkMessageJson(metadata, { systemLabels: 'zone=a' }).map(v => v.field),
    ).toEqual(['systemLabels']);

    const operation = messageType(
      runProtoRoot(),
      'google.longrunning.Operation',
    );
    const typed = {
      '@type': 'type.googleapis.com/google.cloud.run.v2.Service',
      ingress: 1,
    };
    expect(
      checkMessageJson(operation, { name: 'x', done: false, metadata: typed }),
    ).toEqual([]);
    expect(
      checkMessageJson(operation, { metadata: { ...typed, bogus: 1 } }).map(
        v => v.field,
      ),
    ).toEqual(['metadata.bogus']);
    expect(
      checkMessageJson(operation, { metadata: { ingress: 1 } }).map(
        v => v.field,
      ),
    ).toEqual(['metadata']);
    expect(
      checkMessageJson(operation, {
        metadata: { '@type': 'type.googleapis.com/nope.Nope' },
      }).map(v => v.field),
    ).toEqual(['metadata.@type']);
    expect(
      checkMessageJson(operation, {
        metadata: {
          '@type': 'type.googleapis.com/google.protobuf.Duration',
          value: '3s',
        },
      }),
    ).toEqual([]);
  });
});
