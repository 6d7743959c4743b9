import {
  createPermission,
  type BasicPermission,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';

/** The kinds of change the plugin can apply; each has its own update permission. */
export const CHANGE_KINDS = [
  'scaling',
  'routing',
  'cdn',
  'queue',
  'redis',
  'budget',
] as const;

/** One kind of change, e.g. `scaling` (Cloud Run min/max/concurrency) or `budget` (Cloud Billing budget). */
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/**
 * The resource type of the update permissions: the catalog entity a Google resource belongs to
 * (through the annotations in `annotations.ts`), so that a policy can use the catalog's
 * `isEntityOwner` rule ("owners may change their services' scaling").
 */
export const GCP_SERVERLESS_RESOURCE_TYPE = 'catalog-entity';

/** See every page of the plugin (health, routes, costs, history). Basic: not tied to an entity. */
export const gcpServerlessReadPermission: BasicPermission = createPermission({
  name: 'gcp-serverless.read',
  attributes: { action: 'read' },
});

function updatePermission(
  kind: ChangeKind,
): ResourcePermission<typeof GCP_SERVERLESS_RESOURCE_TYPE> {
  return createPermission({
    name: `gcp-serverless.${kind}.update`,
    attributes: { action: 'update' },
    resourceType: GCP_SERVERLESS_RESOURCE_TYPE,
  });
}

/** Change Cloud Run min/max instances and concurrency. */
export const gcpServerlessScalingUpdatePermission = updatePermission('scaling');
/** Change load balancer URL map routes. */
export const gcpServerlessRoutingUpdatePermission = updatePermission('routing');
/** Change Cloud CDN cache policy of backend services and buckets. */
export const gcpServerlessCdnUpdatePermission = updatePermission('cdn');
/** Change Cloud Tasks queues (rate limits, retry, pause/resume). */
export const gcpServerlessQueueUpdatePermission = updatePermission('queue');
/** Change Memorystore for Redis instances (memory, configs). */
export const gcpServerlessRedisUpdatePermission = updatePermission('redis');
/** Change Cloud Billing budgets. */
export const gcpServerlessBudgetUpdatePermission = updatePermission('budget');

/** The update permission of each kind of change. */
export const changePermissions: Readonly<
  Record<ChangeKind, ResourcePermission<typeof GCP_SERVERLESS_RESOURCE_TYPE>>
> = {
  scaling: gcpServerlessScalingUpdatePermission,
  routing: gcpServerlessRoutingUpdatePermission,
  cdn: gcpServerlessCdnUpdatePermission,
  queue: gcpServerlessQueueUpdatePermission,
  redis: gcpServerlessRedisUpdatePermission,
  budget: gcpServerlessBudgetUpdatePermission,
};

/**
 * Approve or reject another person's change request (docs/approvals.md). Basic: an approver decides
 * on requests of any kind; the requester never decides their own.
 */
export const gcpServerlessApprovePermission: BasicPermission = createPermission(
  {
    name: 'gcp-serverless.change-request.approve',
    attributes: { action: 'update' },
  },
);

/** The resource type of {@link gcpServerlessApplyDirectlyPermission}: a proposed change, as its preview describes it. */
export const GCP_SERVERLESS_CHANGE_RESOURCE_TYPE = 'gcp-serverless-change';

/**
 * Apply a change without a second person (docs/approvals.md). Inside Backstage this is the approval
 * policy: ALLOW = applies go through, DENY = every apply becomes a change request, CONDITIONAL = the
 * plugin's rules on the change decide (e.g. `costIncreasePerHourAtMost({ max: 5 })`), and a change
 * for which they do not hold becomes a change request.
 */
export const gcpServerlessApplyDirectlyPermission: ResourcePermission<
  typeof GCP_SERVERLESS_CHANGE_RESOURCE_TYPE
> = createPermission({
  name: 'gcp-serverless.change.apply-directly',
  attributes: { action: 'update' },
  resourceType: GCP_SERVERLESS_CHANGE_RESOURCE_TYPE,
});

/** Every permission of the plugin, for Backstage's permissions registry. */
export const gcpServerlessPermissions = [
  gcpServerlessReadPermission,
  ...Object.values(changePermissions),
  gcpServerlessApprovePermission,
  gcpServerlessApplyDirectlyPermission,
];

/** What a user may do, as `GET /me` reports it; the frontend disables what is not allowed. */
export type PermissionVerdict = 'allow' | 'deny' | 'conditional';

/** One permission's verdict with the reason shown to the user when it is not `allow`. */
export interface PermissionState {
  verdict: PermissionVerdict;
  /** Why not (e.g. "needs the editor role"), or for `conditional` what it depends on. */
  reason?: string;
}

/** `GET /me`: who the backend thinks the user is and what they may do. */
export interface AccessSummary {
  /** `standalone` (roles from config) or `backstage` (permission framework). */
  system: 'standalone' | 'backstage';
  /** User identity (email, or a Backstage user entity ref), null when unauthenticated. */
  user: string | null;
  /** Standalone roles of the user (viewer, editor, finance); absent inside Backstage. */
  roles?: StandaloneRole[];
  read: PermissionState;
  changes: Record<ChangeKind, PermissionState>;
  /** May approve or reject change requests of others (docs/approvals.md); absent from older backends. */
  approve?: PermissionState;
}

/**
 * Standalone roles: viewer reads; editor changes scaling, routing, CDN, queues, Redis; finance changes
 * budgets; approver approves or rejects others' change requests.
 */
export const STANDALONE_ROLES = [
  'viewer',
  'editor',
  'finance',
  'approver',
] as const;
export type StandaloneRole = (typeof STANDALONE_ROLES)[number];

/** Which roles grant each kind of change in standalone mode (every role grants read). */
export const ROLE_GRANTS: Readonly<Record<ChangeKind, StandaloneRole>> = {
  scaling: 'editor',
  routing: 'editor',
  cdn: 'editor',
  queue: 'editor',
  redis: 'editor',
  budget: 'finance',
};
