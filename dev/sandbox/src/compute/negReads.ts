/**
 * Network endpoint groups. Serverless NEGs (Cloud Run) are REGIONAL resources in Google Cloud
 * (`projects/P/regions/R/networkEndpointGroups/N`, RegionNetworkEndpointGroupsClient); global NEGs
 * hold internet endpoints only. The sandbox serves both scopes and the aggregated list, and keeps
 * the scenario's serverless NEGs in their region, as Google does.
 */
import { listPage, selfLink } from './computeResourceKit';
import { computeNotFound } from './computeErrors';
import type { ComputeJson, SandboxComputeState } from './computeTypes';

/** Scope of a NEG: `global` or `regions/<region>`. */
export type NegScope = string;

/** The collection key of a NEG (`global/x`, `regions/asia-northeast3/x`). */
export function negKey(scope: NegScope, name: string): string {
  return `${scope}/${name}`;
}

const GROUP =
  /(?:^|\/)(?:projects\/[^/]+\/)?(global|regions\/[^/]+)\/networkEndpointGroups\/([^/]+)$/;

/** The NEG key of a backend's `group` reference (full URL or partial), or null. */
export function negKeyOfGroup(group: unknown): string | null {
  if (typeof group !== 'string') return null;
  const m = GROUP.exec(group);
  return m ? negKey(m[1]!, m[2]!) : null;
}

/** The NEGs of one scope. */
function inScope(compute: SandboxComputeState, scope: NegScope): ComputeJson[] {
  return [...compute.networkEndpointGroups]
    .filter(
      ([key]) =>
        key.startsWith(`${scope}/`) &&
        !key.slice(scope.length + 1).includes('/'),
    )
    .map(([, neg]) => neg);
}

/** `GET …/{scope}/networkEndpointGroups`. */
export function listNegs(
  compute: SandboxComputeState,
  projectId: string,
  scope: NegScope,
  query: URLSearchParams,
): ComputeJson {
  return listPage(
    'compute#networkEndpointGroupList',
    `projects/${projectId}/${scope}/networkEndpointGroups`,
    inScope(compute, scope),
    query,
  );
}

/** `GET …/{scope}/networkEndpointGroups/{name}`. */
export function getNeg(
  compute: SandboxComputeState,
  projectId: string,
  scope: NegScope,
  name: string,
): ComputeJson {
  const neg = compute.networkEndpointGroups.get(negKey(scope, name));
  if (!neg)
    throw computeNotFound(
      `projects/${projectId}/${scope}/networkEndpointGroups/${name}`,
    );
  return structuredClone(neg);
}

/**
 * `GET …/aggregated/networkEndpointGroups`: `{items: {"global": {networkEndpointGroups}, "regions/R":
 * {…}}}`; scopes without NEGs carry compute's "no results" warning. Not paged (the sandbox's lists
 * are small).
 */
export function aggregatedNegs(
  compute: SandboxComputeState,
  projectId: string,
): ComputeJson {
  const scopes = new Set<string>(['global']);
  for (const key of compute.networkEndpointGroups.keys())
    scopes.add(key.slice(0, key.lastIndexOf('/')));
  const items: Record<string, unknown> = {};
  for (const scope of [...scopes].sort()) {
    const negs = inScope(compute, scope).sort((a, b) =>
      String(a['name']).localeCompare(String(b['name'])),
    );
    items[scope] = negs.length
      ? { networkEndpointGroups: structuredClone(negs) }
      : {
          warning: {
            code: 'NO_RESULTS_ON_PAGE',
            message: `There are no results for scope '${scope}' on this page.`,
          },
        };
  }
  const parent = `projects/${projectId}/aggregated/networkEndpointGroups`;
  return {
    kind: 'compute#networkEndpointGroupAggregatedList',
    id: parent,
    items,
    selfLink: selfLink(parent),
  };
}
