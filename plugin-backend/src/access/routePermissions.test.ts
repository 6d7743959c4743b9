import { describe, expect, it } from 'vitest';
import { readGcpServerlessConfig } from '../config/config';
import { buildRouter } from '../router/createRouter';
import { createPluginServices } from '../wiring/createPluginServices';
import { listRoutes, mutationRoutes } from './routeEnumeration';
import {
  isApprovalRoute,
  isReadOnlyPost,
  resourceOfRequest,
  ruleForRoute,
} from './routePermissions';

function plugin() {
  const config = readGcpServerlessConfig({
    mode: 'sandbox',
    // Never called: building the router creates clients but makes no request.
    sandbox: { endpoint: 'http://127.0.0.1:9' },
    projects: [{ projectId: 'gryyd-web', regions: ['asia-northeast3'] }],
    history: { sqliteFile: ':memory:' },
  });
  const silent = { info() {}, warn() {}, error() {} };
  return buildRouter(createPluginServices({ config, logger: silent }));
}

describe('route permissions', () => {
  const router = plugin();

  it('enumerates the router, reads and mutations', () => {
    const routes = listRoutes(router);
    expect(routes.some(r => r.method === 'get' && r.path === '/me')).toBe(true);
    expect(mutationRoutes(router).length).toBeGreaterThanOrEqual(2);
  });

  it('maps every mutation route of the router to a permission (add a rule to ROUTE_PERMISSION_RULES for a new one)', () => {
    const unmapped = mutationRoutes(router)
      .filter(
        r =>
          ruleForRoute(r.path) === undefined &&
          !isReadOnlyPost(r.method, r.path) &&
          !isApprovalRoute(r.method, r.path),
      )
      .map(r => `${r.method.toUpperCase()} ${r.path}`);
    expect(unmapped).toEqual([]);
  });

  it('puts the change guard first on every mutation route', () => {
    for (const route of mutationRoutes(router)) {
      expect(route.handlerNames[0], `${route.method} ${route.path}`).toBe(
        'gcpServerlessChangeGuard',
      );
    }
  });

  it('maps scaling routes to the scaling permission and the Cloud Run service', () => {
    const rule = ruleForRoute(
      '/projects/:projectId/locations/:region/services/:service/scaling/apply',
    )!;
    expect(rule.kind).toBe('scaling');
    expect(
      resourceOfRequest(rule, { projectId: 'p', region: 'r', service: 's' }),
    ).toEqual({
      type: 'cloud-run-service',
      projectId: 'p',
      region: 'r',
      name: 's',
    });
    expect(
      ruleForRoute('/projects/:projectId/locations/:region/queues/:queue/pause')
        ?.kind,
    ).toBe('queue');
    expect(
      ruleForRoute(
        '/projects/:projectId/locations/:region/redis/:instance/apply',
      )?.kind,
    ).toBe('redis');
    expect(ruleForRoute('/budgets/:budget/apply')?.kind).toBe('budget');
    expect(
      ruleForRoute('/projects/:projectId/urlMaps/:urlMap/apply')?.kind,
    ).toBe('routing');
    expect(
      ruleForRoute('/projects/:projectId/backendServices/:backend/cdn/apply')
        ?.kind,
    ).toBe('cdn');
    expect(ruleForRoute('/projects/:projectId/something/else')).toBeUndefined();
    expect(isReadOnlyPost('post', '/projects/:projectId/refresh')).toBe(true);
    expect(isReadOnlyPost('post', '/projects/:projectId/refresh/more')).toBe(
      false,
    );
  });
});
