import { describe, expect, it } from 'vitest';
import {
  buildRouter,
  createPluginServices,
  listRoutes,
  readGcpServerlessConfig,
} from '@gcp-serverless/plugin-backend';
import { codeSpans, readRepoFile, tableRows } from './repoFiles';

/**
 * docs/api.md's route table against the router the plugin mounts: every route documented, nothing
 * documented that is not served. A documented path may start with `…/`, short for the one route
 * that ends so; `POST …/queues/:queue/pause` \| `resume` names a sibling route.
 */
function mountedRoutes(): string[] {
  const config = readGcpServerlessConfig({
    mode: 'sandbox',
    // Never called: building the router creates clients but makes no request.
    sandbox: { endpoint: 'http://127.0.0.1:9' },
    projects: [{ projectId: 'gryyd-web', regions: ['asia-northeast3'] }],
    history: { sqliteFile: ':memory:' },
  });
  const silent = { info() {}, warn() {}, error() {} };
  const router = buildRouter(createPluginServices({ config, logger: silent }));
  return listRoutes(router).map(r => `${r.method.toUpperCase()} ${r.path}`);
}

/** The documented routes, `…` prefixes kept (resolved against the router below). */
function documentedRoutes(): string[] {
  const doc = readRepoFile('docs/api.md');
  const table = doc.slice(0, doc.indexOf('\n## '));
  return tableRows(table).flatMap(cells => {
    const [first, ...siblings] = codeSpans(cells[0]!);
    const match = /^(GET|POST|PUT|PATCH|DELETE) (\S+)$/.exec(first ?? '');
    if (!match) return [];
    const [, method, path] = match;
    const parent = path!.replace(/\/[^/]+$/, '');
    return [
      `${method} ${path}`,
      ...siblings.map(name => `${method} ${parent}/${name}`),
    ];
  });
}

describe('docs/api.md', () => {
  const mounted = mountedRoutes();
  const documented = documentedRoutes();

  /** The mounted route a documented one stands for; undefined when none or several match. */
  function resolve(route: string): string | undefined {
    const [method, path] = route.split(' ') as [string, string];
    if (!path.startsWith('…/'))
      return mounted.includes(route) ? route : undefined;
    const candidates = mounted.filter(
      r => r.startsWith(`${method} `) && r.endsWith(path.slice(1)),
    );
    return candidates.length === 1 ? candidates[0] : undefined;
  }

  it('documents only routes the router serves, each naming one route', () => {
    expect(documented.filter(route => !resolve(route))).toEqual([]);
  });

  it('documents every route the router serves', () => {
    const covered = new Set(documented.map(resolve));
    expect(mounted.filter(route => !covered.has(route))).toEqual([]);
  });
});
