import { describe, expect, it } from 'vitest';
import { runServiceType } from './runContext';
import {
  applyMask,
  maskViolations,
  parseUpdateMask,
  replaceMutable,
} from './updateMask';

const type = runServiceType();
const current = {
  name: 'projects/p/locations/l/services/s',
  generation: '3',
  etag: '"e"',
  labels: { team: 'a', env: 'prod' },
  ingress: 'INGRESS_TRAFFIC_ALL',
  template: {
    scaling: { minInstanceCount: 1, maxInstanceCount: 10 },
    maxInstanceRequestConcurrency: 80,
  },
};

describe('parseUpdateMask', () => {
  it('splits comma separated paths and treats none or * as a full replace', () => {
    expect(
      parseUpdateMask('template.scaling.max_instance_count, ingress'),
    ).toEqual(['template.scaling.max_instance_count', 'ingress']);
    expect(parseUpdateMask(null)).toBeUndefined();
    expect(parseUpdateMask('')).toBeUndefined();
    expect(parseUpdateMask('*')).toBeUndefined();
  });
});

describe('maskViolations', () => {
  it('accepts snake_case and camelCase paths and map entries', () => {
    expect(
      maskViolations(type, [
        'template.scaling.max_instance_count',
        'template.scaling.minInstanceCount',
        'labels.env',
        'uri',
      ]),
    ).toEqual([]);
  });

  it('names bad paths under update_mask', () => {
    const violations = maskViolations(type, [
      'template.scaling.maximum',
      'template.containers.image',
      'ingress.x',
      'labels.a.b',
    ]);
    expect(violations.map(v => v.field)).toEqual([
      'update_mask',
      'update_mask',
      'update_mask',
      'update_mask',
    ]);
    expect(violations[0]!.description).toContain('template.scaling.maximum');
  });
});

describe('applyMask', () => {
  it('changes only the masked leaf and leaves siblings alone', () => {
    const result = applyMask(
      type,
      current,
      {
        template: { scaling: { maxInstanceCount: 20, minInstanceCount: 5 } },
        ingress: 'X',
      },
      ['template.scaling.max_instance_count'],
    );
    expect(result['template']).toEqual({
      scaling: { minInstanceCount: 1, maxInstanceCount: 20 },
      maxInstanceRequestConcurrency: 80,
    });
    expect(result['ingress']).toBe('INGRESS_TRAFFIC_ALL');
    expect(current.template.scaling.maxInstanceCount).toBe(10);
  });

  it('clears a masked field that the patch omits (AIP-134)', () => {
    const result = applyMask(type, current, { template: {} }, [
      'template.scaling',
    ]);
    expect(result['template']).toEqual({ maxInstanceRequestConcurrency: 80 });
  });

  it('sets one map entry, and ignores output-only paths', () => {
    const result = applyMask(
      type,
      current,
      { labels: { env: 'dev' }, generation: '99' },
      ['labels.env', 'generation'],
    );
    expect(result['labels']).toEqual({ team: 'a', env: 'dev' });
    expect(result['generation']).toBe('3');
  });
});

describe('replaceMutable', () => {
  it('replaces every mutable field, keeping name, etag and output-only fields', () => {
    const result = replaceMutable(type, current, {
      template: { timeout: '30s' },
    });
    expect(result).toEqual({
      name: current.name,
      generation: '3',
      etag: '"e"',
      template: { timeout: '30s' },
    });
  });
});
