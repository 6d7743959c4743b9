import { describe, expect, it } from 'vitest';
import { configFromService } from './serviceConfig';
import { memoryRangeGiB, serviceViolations } from './serviceRules';

function service(
  template: Record<string, unknown>,
  limits: Record<string, string> = { cpu: '1', memory: '512Mi' },
) {
  return {
    template: {
      containers: [{ image: 'i', resources: { limits, cpuIdle: true } }],
      ...template,
    },
  };
}
const fields = (s: Record<string, unknown>) =>
  serviceViolations(s).map(v => v.field);

describe('serviceViolations', () => {
  it('accepts a valid service', () => {
    expect(
      fields(
        service({
          scaling: { minInstanceCount: 1, maxInstanceCount: 40 },
          maxInstanceRequestConcurrency: 80,
          timeout: '300s',
        }),
      ),
    ).toEqual([]);
  });

  it('checks min ≥ 0, max ≥ 1 and min ≤ max with snake_case field paths', () => {
    expect(fields(service({ scaling: { minInstanceCount: -1 } }))).toEqual([
      'service.template.scaling.min_instance_count',
    ]);
    expect(fields(service({ scaling: { maxInstanceCount: 0 } }))).toEqual([
      'service.template.scaling.max_instance_count',
    ]);
    expect(
      fields(
        service({ scaling: { minInstanceCount: 5, maxInstanceCount: 2 } }),
      ),
    ).toEqual(['service.template.scaling.min_instance_count']);
    // An unset max is Cloud Run's default of 100.
    expect(fields(service({ scaling: { minInstanceCount: 101 } }))).toEqual([
      'service.template.scaling.min_instance_count',
    ]);
    expect(
      fields({ ...service({}), scaling: { minInstanceCount: -2 } }),
    ).toEqual(['service.scaling.min_instance_count']);
  });

  it('checks concurrency 0..1000 and that a fractional CPU needs concurrency 1', () => {
    expect(fields(service({ maxInstanceRequestConcurrency: 1001 }))).toEqual([
      'service.template.max_instance_request_concurrency',
    ]);
    expect(fields(service({ maxInstanceRequestConcurrency: 1000 }))).toEqual(
      [],
    );
    expect(fields(service({ maxInstanceRequestConcurrency: 0 }))).toEqual([]);
    expect(
      fields(
        service(
          { maxInstanceRequestConcurrency: 10 },
          { cpu: '0.5', memory: '512Mi' },
        ),
      ),
    ).toEqual(['service.template.max_instance_request_concurrency']);
    expect(
      fields(
        service(
          { maxInstanceRequestConcurrency: 1 },
          { cpu: '500m', memory: '512Mi' },
        ),
      ),
    ).toEqual([]);
    // 0 resolves to 1 with a fractional CPU, so it is allowed.
    expect(fields(service({}, { cpu: '0.5', memory: '256Mi' }))).toEqual([]);
  });

  it('checks the timeout', () => {
    expect(fields(service({ timeout: '3600s' }))).toEqual([]);
    expect(fields(service({ timeout: '3601s' }))).toEqual([
      'service.template.timeout',
    ]);
    expect(fields(service({ timeout: '0s' }))).toEqual([
      'service.template.timeout',
    ]);
    // The message says 1s..3600s, so sub-second timeouts are rejected too.
    expect(fields(service({ timeout: '0.5s' }))).toEqual([
      'service.template.timeout',
    ]);
    expect(fields(service({ timeout: '0.999999999s' }))).toEqual([
      'service.template.timeout',
    ]);
    expect(fields(service({ timeout: '1s' }))).toEqual([]);
    expect(fields(service({ timeout: '1.5s' }))).toEqual([]);
  });

  it('checks CPU/memory combinations of docs/google-apis.md §3', () => {
    expect(fields(service({}, { cpu: '1', memory: '4Gi' }))).toEqual([]);
    expect(fields(service({}, { cpu: '1', memory: '8Gi' }))).toEqual([
      'service.template.containers[0].resources.limits.memory',
    ]);
    expect(fields(service({}, { cpu: '4', memory: '1Gi' }))).toEqual([
      'service.template.containers[0].resources.limits.memory',
    ]);
    expect(fields(service({}, { cpu: '8', memory: '32Gi' }))).toEqual([]);
    expect(fields(service({}, { cpu: '3', memory: '4Gi' }))).toEqual([
      'service.template.containers[0].resources.limits.cpu',
    ]);
    expect(fields(service({}, { cpu: '1', memory: 'lots' }))).toEqual([
      'service.template.containers[0].resources.limits.memory',
    ]);
    expect(memoryRangeGiB(6)).toEqual([4, 24]);
  });
});

describe('configFromService', () => {
  it('resolves defaults: max 100, concurrency 80 (or 1 below one vCPU), timeout 300 s', () => {
    expect(configFromService(service({}))).toEqual({
      minInstances: 0,
      maxInstances: 100,
      concurrency: 80,
      cpu: 1,
      memoryGiB: 0.5,
      cpuIdle: true,
      timeoutSeconds: 300,
    });
    expect(
      configFromService(service({}, { cpu: '0.5', memory: '256Mi' }))
        .concurrency,
    ).toBe(1);
  });

  it('reads scaling, resources and timeout, service-level min raising the revision min', () => {
    const s = {
      ...service(
        {
          scaling: { minInstanceCount: 1, maxInstanceCount: 40 },
          maxInstanceRequestConcurrency: 250,
          timeout: '3600s',
        },
        { cpu: '2', memory: '4Gi' },
      ),
      scaling: { minInstanceCount: 3 },
    };
    expect(configFromService(s)).toEqual({
      minInstances: 3,
      maxInstances: 40,
      concurrency: 250,
      cpu: 2,
      memoryGiB: 4,
      cpuIdle: true,
      timeoutSeconds: 3600,
    });
  });
});
