import type { AnnotatedResource } from '@gcp-serverless/common';
import type { HostNode, RoutingTree } from '../RoutingPage/routingTreeModel';

/**
 * Whether a regional resource is one the annotations name. An annotation without region
 * (`generation` rather than `asia-northeast3/generation`) matches that name in any region.
 */
export function isAnnotated(
  annotated: readonly AnnotatedResource[],
  resource: { region: string; name: string },
): boolean {
  return annotated.some(
    a =>
      a.name === resource.name &&
      (a.region === null || a.region === resource.region),
  );
}

/**
 * The part of a URL map's tree that concerns an entity: the host rules it names
 * (`gcp-serverless/hosts`) or, without hosts, the host rules with a rule reaching one of its Cloud
 * Run services. Only the display is narrowed; the editor always edits the whole URL map, since
 * Compute Engine replaces it as one resource.
 */
export function entityRoutingTree(
  tree: RoutingTree,
  hosts: readonly string[],
  services: readonly AnnotatedResource[],
): RoutingTree {
  const reaches = (host: HostNode) =>
    host.rules.some(rule =>
      rule.cloudRun.some(c =>
        services.some(
          s =>
            s.name === c.service &&
            (s.region === null || s.region === c.region),
        ),
      ),
    );
  const keep =
    hosts.length > 0
      ? (host: HostNode) => host.hosts.some(h => hosts.includes(h))
      : reaches;
  return { ...tree, hosts: tree.hosts.filter(keep) };
}
