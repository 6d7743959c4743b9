/**
 * Catalog annotations that tie a Backstage entity (usually a Component) to its Google resources.
 * Lists are comma-separated; a Cloud Run service, queue or Redis instance may be written
 * `region/name` or just `name` (any allowlisted region of the project).
 */
export const GCP_SERVERLESS_ANNOTATIONS = {
  /** Google Cloud project id, e.g. `gryyd-web`. Required: without it the entity has no gcp-serverless tab. */
  project: 'gcp-serverless/project',
  /** Cloud Run services, e.g. `asia-northeast3/gryd-be, gryd-worker`. */
  cloudRunServices: 'gcp-serverless/cloud-run-services',
  /** Load balancer URL map name, e.g. `gryyd-lb`. */
  urlMap: 'gcp-serverless/url-map',
  /** Hosts of the URL map that belong to the entity, e.g. `www.gryyd.ai`. */
  hosts: 'gcp-serverless/hosts',
  /** Cloud Tasks queues, e.g. `asia-northeast3/generation`. */
  queues: 'gcp-serverless/queues',
  /** Memorystore for Redis instances, e.g. `asia-northeast3/chat-redis`. */
  redisInstances: 'gcp-serverless/redis-instances',
  /** Cloud Billing budget id (the last segment of billingAccounts/A/budgets/B). */
  budget: 'gcp-serverless/budget',
} as const;

/** A named regional resource from an annotation; `region` null when the annotation gave only a name. */
export interface AnnotatedResource {
  region: string | null;
  name: string;
}

/** The resources one entity claims, parsed from its annotations. */
export interface EntityResources {
  projectId: string;
  cloudRunServices: AnnotatedResource[];
  urlMap: string | null;
  hosts: string[];
  queues: AnnotatedResource[];
  redisInstances: AnnotatedResource[];
  budget: string | null;
}

/** The kind of Google resource a change targets, for ownership checks. */
export type OwnedResourceType =
  | 'cloud-run-service'
  | 'url-map'
  | 'queue'
  | 'redis-instance'
  | 'budget'
  | 'project';

/** A resource a request acts on; `region` and `name` as in the route. */
export interface OwnedResourceRef {
  type: OwnedResourceType;
  projectId: string | null;
  region?: string;
  name?: string;
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map(s => s.trim())
    .filter(Boolean);
}

function regional(value: string | undefined): AnnotatedResource[] {
  return list(value).map(item => {
    const slash = item.indexOf('/');
    return slash < 0
      ? { region: null, name: item }
      : { region: item.slice(0, slash), name: item.slice(slash + 1) };
  });
}

/** Parses an entity's annotations; null when it has no `gcp-serverless/project` (then the tab is not shown). */
export function parseEntityResources(
  annotations: Record<string, string> | undefined,
): EntityResources | null {
  const projectId = annotations?.[GCP_SERVERLESS_ANNOTATIONS.project]?.trim();
  if (!annotations || !projectId) return null;
  return {
    projectId,
    cloudRunServices: regional(
      annotations[GCP_SERVERLESS_ANNOTATIONS.cloudRunServices],
    ),
    urlMap: annotations[GCP_SERVERLESS_ANNOTATIONS.urlMap]?.trim() || null,
    hosts: list(annotations[GCP_SERVERLESS_ANNOTATIONS.hosts]),
    queues: regional(annotations[GCP_SERVERLESS_ANNOTATIONS.queues]),
    redisInstances: regional(
      annotations[GCP_SERVERLESS_ANNOTATIONS.redisInstances],
    ),
    budget: annotations[GCP_SERVERLESS_ANNOTATIONS.budget]?.trim() || null,
  };
}

function inList(items: AnnotatedResource[], ref: OwnedResourceRef): boolean {
  return items.some(
    i =>
      i.name === ref.name &&
      (i.region === null ||
        ref.region === undefined ||
        i.region === ref.region),
  );
}

/**
 * Whether an entity's annotations claim the resource. A project-wide resource (`project`) is claimed
 * by an entity of that project that lists no narrower resources of any kind.
 */
export function entityClaims(
  resources: EntityResources,
  ref: OwnedResourceRef,
): boolean {
  if (ref.type === 'budget')
    return resources.budget !== null && resources.budget === ref.name;
  if (ref.projectId !== resources.projectId) return false;
  switch (ref.type) {
    case 'cloud-run-service':
      return inList(resources.cloudRunServices, ref);
    case 'queue':
      return inList(resources.queues, ref);
    case 'redis-instance':
      return inList(resources.redisInstances, ref);
    case 'url-map':
      return resources.urlMap !== null && resources.urlMap === ref.name;
    case 'project':
      return true;
    default:
      return false;
  }
}
