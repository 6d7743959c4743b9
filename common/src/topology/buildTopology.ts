import { parseBackendRef } from '../routing/backendRef';
import type { Problem } from '../problems/problemTypes';
import { healthOf } from '../problems/rankProblems';
import type { QueueListResponse } from '../types/queues';
import type { RedisListResponse } from '../types/redis';
import type { RoutingOverviewResponse } from '../types/loadBalancing';
import type { UrlRedirectSpec } from '../routing/urlMapTypes';
import type { TopologyEdge, TopologyNode } from './topologyTypes';

/** What the topology is built from; null = that read failed. */
export interface TopologyInput {
  projectId: string;
  /** Default region for services named by wiring only. */
  region: string;
  routing: RoutingOverviewResponse | null;
  queues: QueueListResponse | null;
  redis: RedisListResponse | null;
  /** Every Cloud Run service of the project (so services no route or wiring reaches still show). */
  services: { name: string; region: string }[] | null;
  problems: Problem[];
}

const redirectText = (r: UrlRedirectSpec) =>
  `redirect ${r.hostRedirect ?? ''}${r.pathRedirect ?? ''}${
    r.httpsRedirect ? ' (https)' : ''
  }`.trim();

function backendDetail(exists: boolean, cdnOn: boolean): string | undefined {
  if (!exists) return 'does not exist';
  return cdnOn ? 'CDN on' : undefined;
}

/**
 * The project as a graph: hosts → URL map rules → backends → Cloud Run services → queues and Redis,
 * each node with the health of its problems and a link to its page. Pure.
 */
export function buildTopology(input: TopologyInput): {
  nodes: TopologyNode[];
  edges: TopologyEdge[];
} {
  const { projectId } = input;
  const nodes = new Map<string, TopologyNode>();
  const edges = new Map<string, TopologyEdge>();
  const problemsOf = (kind: Problem['resourceKind'], resource: string) =>
    input.problems.filter(
      p => p.resourceKind === kind && p.resource === resource,
    );
  const add = (
    node: Omit<TopologyNode, 'health' | 'problems'>,
    problems: Problem[] = [],
  ) => {
    const existing = nodes.get(node.id);
    if (existing) return existing.id;
    nodes.set(node.id, {
      ...node,
      health: healthOf(problems),
      problems: problems.map(p => p.code),
    });
    return node.id;
  };
  const edge = (from: string, to: string) =>
    edges.set(`${from}→${to}`, { from, to });
  const serviceNode = (name: string, region: string | null) =>
    add(
      {
        id: `service:${name}`,
        kind: 'service',
        label: name,
        link: {
          page: 'service',
          projectId,
          region: region ?? input.region,
          resource: name,
        },
      },
      problemsOf('service', name),
    );

  const routing = input.routing;
  const backendServices = new Map(
    (routing?.topology.backendServices ?? []).map(b => [b.name, b]),
  );
  const buckets = new Set((routing?.backendBuckets ?? []).map(b => b.name));
  const cdnOn = new Set(
    [...(routing?.backendServices ?? []), ...(routing?.backendBuckets ?? [])]
      .filter(b => b.enableCdn)
      .map(b => b.name),
  );
  const backendNode = (
    ref: string | null | undefined,
    map: string,
  ): string | null => {
    const b = parseBackendRef(ref);
    if (!b) return null;
    const exists =
      b.kind === 'backendBucket'
        ? buckets.has(b.name)
        : backendServices.has(b.name);
    const missing = problemsOf('urlMap', map).filter(p =>
      String(p.evidence.values.target ?? '').endsWith(` ${b.name}`),
    );
    const id = add(
      {
        id: `backend:${b.name}`,
        kind: 'backend',
        label: b.name,
        detail: backendDetail(exists, cdnOn.has(b.name)),
        link: {
          page: cdnOn.has(b.name) ? 'cdn' : 'routing',
          projectId,
          resource: b.name,
        },
      },
      [...problemsOf('cdn', b.name), ...missing],
    );
    for (const target of backendServices.get(b.name)?.cloudRun ?? [])
      edge(id, serviceNode(target.service, target.region));
    return id;
  };

  for (const map of routing?.urlMaps ?? []) {
    const spec = map.spec;
    const matchers = new Map((spec.pathMatchers ?? []).map(m => [m.name, m]));
    const ruleNode = (
      id: string,
      label: string,
      target: string | null | undefined,
      redirect: UrlRedirectSpec | null | undefined,
    ) => {
      const node = add({
        id,
        kind: 'rule',
        label,
        detail: redirect ? redirectText(redirect) : undefined,
        link: { page: 'routing', projectId, resource: map.name },
      });
      const backend = backendNode(target, map.name);
      if (backend) edge(node, backend);
      return node;
    };
    for (const hostRule of spec.hostRules ?? []) {
      const matcher = matchers.get(hostRule.pathMatcher);
      for (const host of hostRule.hosts ?? []) {
        const hostId = add({
          id: `host:${host}`,
          kind: 'host',
          label: host,
          link: { page: 'routing', projectId, resource: map.name },
        });
        if (!matcher) continue;
        for (const [i, rule] of (matcher.pathRules ?? []).entries()) {
          edge(
            hostId,
            ruleNode(
              `rule:${map.name}/${matcher.name}/${i}`,
              (rule.paths ?? []).join(', '),
              rule.service,
              rule.urlRedirect,
            ),
          );
        }
        for (const [i, rule] of (matcher.routeRules ?? []).entries()) {
          edge(
            hostId,
            ruleNode(
              `rule:${map.name}/${matcher.name}/route${i}`,
              `route rule ${rule.priority ?? i}`,
              rule.service,
              rule.urlRedirect,
            ),
          );
        }
        edge(
          hostId,
          ruleNode(
            `rule:${map.name}/${matcher.name}/default`,
            `${matcher.name} default`,
            matcher.defaultService,
            matcher.defaultUrlRedirect,
          ),
        );
      }
    }
    if (spec.defaultService || spec.defaultUrlRedirect) {
      const any = add({
        id: `host:${map.name}/*`,
        kind: 'host',
        label: '* (other hosts)',
        link: { page: 'routing', projectId, resource: map.name },
      });
      edge(
        any,
        ruleNode(
          `rule:${map.name}/default`,
          `${map.name} default`,
          spec.defaultService,
          spec.defaultUrlRedirect,
        ),
      );
    }
  }

  for (const s of input.services ?? []) serviceNode(s.name, s.region);
  for (const q of input.queues?.queues ?? []) {
    const id = add(
      {
        id: `queue:${q.name}`,
        kind: 'queue',
        label: q.name,
        detail: q.state === 'RUNNING' ? undefined : q.state,
        link: { page: 'queues', projectId, region: q.region, resource: q.name },
      },
      problemsOf('queue', q.name),
    );
    for (const p of q.producers) edge(serviceNode(p.service, q.region), id);
    for (const t of q.targets) edge(id, serviceNode(t.service, q.region));
  }
  for (const r of input.redis?.instances ?? []) {
    const id = add(
      {
        id: `redis:${r.name}`,
        kind: 'redis',
        label: r.name,
        detail: `${r.tier} ${r.memorySizeGb} GB`,
        link: { page: 'redis', projectId, region: r.region, resource: r.name },
      },
      problemsOf('redis', r.name),
    );
    for (const s of r.services) edge(serviceNode(s.service, r.region), id);
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}
