import { describe, expect, it } from 'vitest';
import { entityClaims, parseEntityResources } from './annotations';

describe('entity annotations', () => {
  const resources = parseEntityResources({
    'gcp-serverless/project': 'gryyd-web',
    'gcp-serverless/cloud-run-services': 'asia-northeast3/gryd-be, gryd-worker',
    'gcp-serverless/queues': 'generation',
    'gcp-serverless/budget': 'b-1',
  })!;

  it('parses regional and bare names', () => {
    expect(resources.cloudRunServices).toEqual([
      { region: 'asia-northeast3', name: 'gryd-be' },
      { region: null, name: 'gryd-worker' },
    ]);
    expect(resources.hosts).toEqual([]);
  });

  it('is null without a project annotation', () => {
    expect(
      parseEntityResources({ 'gcp-serverless/cloud-run-services': 'x' }),
    ).toBeNull();
    expect(parseEntityResources(undefined)).toBeNull();
  });

  it('claims only listed resources of its project and region', () => {
    expect(
      entityClaims(resources, {
        type: 'cloud-run-service',
        projectId: 'gryyd-web',
        region: 'asia-northeast3',
        name: 'gryd-be',
      }),
    ).toBe(true);
    expect(
      entityClaims(resources, {
        type: 'cloud-run-service',
        projectId: 'gryyd-web',
        region: 'us-central1',
        name: 'gryd-be',
      }),
    ).toBe(false);
    expect(
      entityClaims(resources, {
        type: 'cloud-run-service',
        projectId: 'gryyd-web',
        region: 'us-central1',
        name: 'gryd-worker',
      }),
    ).toBe(true);
    expect(
      entityClaims(resources, {
        type: 'cloud-run-service',
        projectId: 'other',
        region: 'asia-northeast3',
        name: 'gryd-be',
      }),
    ).toBe(false);
    expect(
      entityClaims(resources, {
        type: 'cloud-run-service',
        projectId: 'gryyd-web',
        name: 'gryd-fe',
      }),
    ).toBe(false);
    expect(
      entityClaims(resources, {
        type: 'queue',
        projectId: 'gryyd-web',
        region: 'asia-northeast3',
        name: 'generation',
      }),
    ).toBe(true);
    expect(
      entityClaims(resources, { type: 'budget', projectId: null, name: 'b-1' }),
    ).toBe(true);
    expect(
      entityClaims(resources, {
        type: 'redis-instance',
        projectId: 'gryyd-web',
        name: 'r',
      }),
    ).toBe(false);
  });
});
