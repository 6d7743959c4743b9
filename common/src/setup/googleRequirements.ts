/**
 * What each feature of the plugin needs from Google Cloud: the APIs it calls and the IAM
 * permissions it uses, each with the predefined role that grants it. The one list from which the
 * doctor (`npm run doctor`, the start-up check and the setup page) and the role tables in
 * docs/configuration.md derive: a new Google call gets its permission here first.
 */

/** A Google API the plugin calls, by its service name (what `gcloud services enable` takes). */
export interface GoogleApiRequirement {
  /** e.g. `run.googleapis.com`. */
  service: string;
  title: string;
}

/** One IAM permission and the narrowest predefined role that grants it. */
export interface IamRequirement {
  /** e.g. `run.services.list`. */
  permission: string;
  /** e.g. `roles/run.viewer`. */
  role: string;
}

/** Where a feature's permissions are held. */
export type RequirementScope =
  /** each configured project */
  | 'project'
  /** the project that holds the billing export dataset (`billing.export.projectId`) */
  | 'exportProject'
  /** the Cloud Billing account (`billing.accountId`); not visible to a project's testIamPermissions */
  | 'billingAccount'
  /** the project of `cloudLogging.projectId` */
  | 'cloudLoggingProject';

/** A feature of the plugin as the doctor and the setup page name it. */
export interface FeatureRequirement {
  id: string;
  title: string;
  /** `read`: a page or panel; `edit`: a change kind (without it the page is read-only). */
  kind: 'read' | 'edit';
  scope: RequirementScope;
  /** Configuration the feature needs; without it the feature is off, not broken. */
  needs?: 'billing' | 'billingExport' | 'cloudLogging';
  apis: GoogleApiRequirement[];
  permissions: IamRequirement[];
}

export const GOOGLE_APIS = {
  run: { service: 'run.googleapis.com', title: 'Cloud Run Admin API' },
  monitoring: {
    service: 'monitoring.googleapis.com',
    title: 'Cloud Monitoring API',
  },
  logging: { service: 'logging.googleapis.com', title: 'Cloud Logging API' },
  compute: { service: 'compute.googleapis.com', title: 'Compute Engine API' },
  tasks: { service: 'cloudtasks.googleapis.com', title: 'Cloud Tasks API' },
  redis: {
    service: 'redis.googleapis.com',
    title: 'Google Cloud Memorystore for Redis API',
  },
  bigquery: { service: 'bigquery.googleapis.com', title: 'BigQuery API' },
  budgets: {
    service: 'billingbudgets.googleapis.com',
    title: 'Cloud Billing Budget API',
  },
  billing: {
    service: 'cloudbilling.googleapis.com',
    title: 'Cloud Billing API',
  },
  resourceManager: {
    service: 'cloudresourcemanager.googleapis.com',
    title: 'Cloud Resource Manager API',
  },
  serviceUsage: {
    service: 'serviceusage.googleapis.com',
    title: 'Service Usage API',
  },
} as const satisfies Record<string, GoogleApiRequirement>;

const perm = (role: string, ...permissions: string[]): IamRequirement[] =>
  permissions.map(permission => ({ permission, role }));

/** Every feature with its APIs and permissions (docs/configuration.md#google-cloud-roles is generated from this). */
export const FEATURE_REQUIREMENTS: readonly FeatureRequirement[] = [
  {
    id: 'setup',
    title: 'Setup checks (this doctor)',
    kind: 'read',
    scope: 'project',
    apis: [GOOGLE_APIS.resourceManager, GOOGLE_APIS.serviceUsage],
    permissions: [
      ...perm('roles/browser', 'resourcemanager.projects.get'),
      ...perm(
        'roles/serviceusage.serviceUsageViewer',
        'serviceusage.services.get',
      ),
    ],
  },
  {
    id: 'services',
    title: 'Cloud Run services, metrics and overview',
    kind: 'read',
    scope: 'project',
    apis: [GOOGLE_APIS.run, GOOGLE_APIS.monitoring],
    permissions: [
      ...perm('roles/run.viewer', 'run.services.list', 'run.services.get'),
      ...perm('roles/monitoring.viewer', 'monitoring.timeSeries.list'),
    ],
  },
  {
    id: 'recentErrors',
    title: 'Recent errors of a service',
    kind: 'read',
    scope: 'project',
    apis: [GOOGLE_APIS.logging],
    permissions: perm('roles/logging.viewer', 'logging.logEntries.list'),
  },
  {
    id: 'routing',
    title: 'Load balancer routes and Cloud CDN',
    kind: 'read',
    scope: 'project',
    apis: [GOOGLE_APIS.compute, GOOGLE_APIS.monitoring],
    permissions: perm(
      'roles/compute.viewer',
      'compute.urlMaps.list',
      'compute.urlMaps.get',
      'compute.backendServices.list',
      'compute.backendServices.get',
      'compute.backendBuckets.list',
      'compute.backendBuckets.get',
      'compute.networkEndpointGroups.list',
    ),
  },
  {
    id: 'queues',
    title: 'Cloud Tasks queues',
    kind: 'read',
    scope: 'project',
    apis: [GOOGLE_APIS.tasks, GOOGLE_APIS.monitoring],
    permissions: perm(
      'roles/cloudtasks.viewer',
      'cloudtasks.queues.list',
      'cloudtasks.queues.get',
    ),
  },
  {
    id: 'redis',
    title: 'Memorystore for Redis',
    kind: 'read',
    scope: 'project',
    apis: [GOOGLE_APIS.redis, GOOGLE_APIS.monitoring],
    permissions: perm(
      'roles/redis.viewer',
      'redis.instances.list',
      'redis.instances.get',
    ),
  },
  {
    id: 'costs',
    title: 'Costs from the billing export',
    kind: 'read',
    scope: 'exportProject',
    needs: 'billingExport',
    apis: [GOOGLE_APIS.bigquery],
    // Reading the table itself is granted on the dataset (roles/bigquery.dataViewer), which a project's
    // testIamPermissions cannot see: the doctor queries the table to check it.
    permissions: perm('roles/bigquery.jobUser', 'bigquery.jobs.create'),
  },
  {
    id: 'budgets',
    title: 'Budgets',
    kind: 'read',
    scope: 'billingAccount',
    needs: 'billing',
    apis: [GOOGLE_APIS.budgets],
    permissions: perm(
      'roles/billing.viewer',
      'billing.budgets.list',
      'billing.budgets.get',
    ),
  },
  {
    id: 'scaling',
    title: 'Change Cloud Run scaling',
    kind: 'edit',
    scope: 'project',
    apis: [GOOGLE_APIS.run],
    permissions: [
      ...perm('roles/run.developer', 'run.services.update'),
      ...perm('roles/iam.serviceAccountUser', 'iam.serviceAccounts.actAs'),
    ],
  },
  {
    id: 'routingEdit',
    title: 'Change URL map routes',
    kind: 'edit',
    scope: 'project',
    apis: [GOOGLE_APIS.compute],
    permissions: perm(
      'roles/compute.loadBalancerAdmin',
      'compute.urlMaps.update',
      'compute.urlMaps.validate',
    ),
  },
  {
    id: 'cdnEdit',
    title: 'Change Cloud CDN cache policies',
    kind: 'edit',
    scope: 'project',
    apis: [GOOGLE_APIS.compute],
    permissions: perm(
      'roles/compute.loadBalancerAdmin',
      'compute.backendServices.update',
      'compute.backendBuckets.update',
    ),
  },
  {
    id: 'queueEdit',
    title: 'Change, pause, resume and purge queues',
    kind: 'edit',
    scope: 'project',
    apis: [GOOGLE_APIS.tasks],
    permissions: perm(
      'roles/cloudtasks.queueAdmin',
      'cloudtasks.queues.update',
      'cloudtasks.queues.pause',
      'cloudtasks.queues.resume',
      'cloudtasks.queues.purge',
    ),
  },
  {
    id: 'redisEdit',
    title: 'Change Redis memory and configs',
    kind: 'edit',
    scope: 'project',
    apis: [GOOGLE_APIS.redis],
    permissions: perm('roles/redis.editor', 'redis.instances.update'),
  },
  {
    id: 'budgetEdit',
    title: 'Change budgets',
    kind: 'edit',
    scope: 'billingAccount',
    needs: 'billing',
    apis: [GOOGLE_APIS.budgets],
    permissions: perm('roles/billing.costsManager', 'billing.budgets.update'),
  },
  {
    id: 'changeLog',
    title: 'Copy every change to Cloud Logging',
    kind: 'edit',
    scope: 'cloudLoggingProject',
    needs: 'cloudLogging',
    apis: [GOOGLE_APIS.logging],
    permissions: perm('roles/logging.logWriter', 'logging.logEntries.create'),
  },
];

/** The features whose permissions are held on a configured project (checked with testIamPermissions). */
export function projectFeatures(): FeatureRequirement[] {
  return FEATURE_REQUIREMENTS.filter(f => f.scope === 'project');
}

/** The distinct permissions of some features, in list order. */
export function permissionsOf(
  features: readonly FeatureRequirement[],
): string[] {
  return [
    ...new Set(features.flatMap(f => f.permissions.map(p => p.permission))),
  ];
}

/** The distinct APIs of some features, in list order. */
export function apisOf(
  features: readonly FeatureRequirement[],
): GoogleApiRequirement[] {
  const seen = new Map<string, GoogleApiRequirement>();
  for (const api of features.flatMap(f => f.apis))
    if (!seen.has(api.service)) seen.set(api.service, api);
  return [...seen.values()];
}

/** The role that grants a permission, per this list. */
export function roleFor(permission: string): string | undefined {
  for (const f of FEATURE_REQUIREMENTS)
    for (const p of f.permissions)
      if (p.permission === permission) return p.role;
  return undefined;
}
