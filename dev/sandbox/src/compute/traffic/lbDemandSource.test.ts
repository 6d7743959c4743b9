import { describe, expect, it } from 'vitest';
import { buildWorld } from '../../scenarios';
import { minuteSample } from '../../traffic/SandboxTrafficModel';
import { recordComputeChange } from '../computeState';
import { backendRefUrl } from '@gcp-serverless/common';
import { lbMinute } from './lbTrafficModel';
import { profileDemandRps } from './profileDemand';

const NOW = Date.UTC(2024, 0, 10, 12, 0);
const MINUTES = Array.from({ length: 30 }, (_, i) => NOW - (i + 1) * 60_000);

function gryyd() {
  return buildWorld({ now: NOW, scenarios: ['gryyd-web'] }).projects.get(
    'gryyd-web',
  )!;
}

describe('load balancer demand coupling', () => {
  it('leaves Cloud Run demand exactly as the profile makes it under the original URL map', () => {
    const project = gryyd();
    const plain = { ...project, demandSources: [] };
    for (const name of ['gryd-fe', 'gryd-be']) {
      const service = project.services.get(name)!;
      for (const minute of MINUTES) {
        expect(minuteSample(project, service, minute).demandRps).toBe(
          minuteSample(plain, service, minute).demandRps,
        );
        // profileDemand.ts must draw the same noise as the traffic model.
        expect(profileDemandRps(project, service, minute)).toBe(
          minuteSample(plain, service, minute).demandRps,
        );
      }
    }
  });

  it('moves a route’s demand to its new target from the edit on, and the LB reports it there', () => {
    const project = gryyd();
    const compute = project.compute!;
    const map = structuredClone(
      compute.urlMaps.get('gryyd-web-url-map')!,
    ) as Record<string, any>;
    const rule = map.pathMatchers[1].pathRules.find((r: { paths: string[] }) =>
      r.paths.includes('/api/*'),
    );
    rule.service = backendRefUrl(
      'gryyd-web',
      'backendService',
      'gryd-fe-service',
    );
    compute.urlMaps.set('gryyd-web-url-map', map);
    const editAt = NOW - 10 * 60_000;
    recordComputeChange(compute, editAt);

    const be = project.services.get('gryd-be')!;
    const fe = project.services.get('gryd-fe')!;
    const before = NOW - 20 * 60_000;
    expect(minuteSample(project, be, before).demandRps).toBeGreaterThan(0);
    expect(minuteSample(project, be, NOW - 60_000).demandRps).toBe(0);
    expect(minuteSample(project, fe, NOW - 60_000).demandRps).toBeGreaterThan(
      profileDemandRps(project, fe, NOW - 60_000) * 1.3,
    );

    const rows = lbMinute(
      project,
      project.compute!.loadBalancers[0]!,
      NOW - 60_000,
    ).filter(r => r.route.matchedUrlPathRule === '/api/*');
    expect(new Set(rows.map(r => r.target.backendTargetName))).toEqual(
      new Set(['gryd-fe-service']),
    );
    const old = lbMinute(
      project,
      project.compute!.loadBalancers[0]!,
      before,
    ).filter(r => r.route.matchedUrlPathRule === '/api/*');
    expect(new Set(old.map(r => r.target.backendTargetName))).toEqual(
      new Set(['gryd-be-service']),
    );
  });

  it('lowers a Cloud Run service’s demand by the CDN hits when its backend caches', () => {
    const project = gryyd();
    const compute = project.compute!;
    const fe = structuredClone(compute.backendServices.get('gryd-fe-service')!);
    compute.backendServices.set('gryd-fe-service', {
      ...fe,
      enableCDN: true,
      cdnPolicy: { cacheMode: 'FORCE_CACHE_ALL', defaultTtl: 3600 },
    });
    recordComputeChange(compute, NOW - 10 * 60_000);
    const service = project.services.get('gryd-fe')!;
    const minute = NOW - 60_000;
    expect(minuteSample(project, service, minute).demandRps).toBeLessThan(
      profileDemandRps(project, service, minute) * 0.5,
    );
    const rows = lbMinute(project, compute.loadBalancers[0]!, minute).filter(
      r => r.target.backendTargetName === 'gryd-fe-service',
    );
    expect(rows.some(r => r.cacheResult === 'HIT')).toBe(true);
  });
});
