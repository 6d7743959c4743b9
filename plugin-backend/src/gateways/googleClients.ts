import { createRequire } from 'node:module';
import type * as BackendBuckets from '@google-cloud/compute/build/src/v1/backend_buckets_client.js';
import type * as BackendServices from '@google-cloud/compute/build/src/v1/backend_services_client.js';
import type * as GlobalNegs from '@google-cloud/compute/build/src/v1/global_network_endpoint_groups_client.js';
import type * as GlobalOperations from '@google-cloud/compute/build/src/v1/global_operations_client.js';
import type * as RegionNegs from '@google-cloud/compute/build/src/v1/region_network_endpoint_groups_client.js';
import type * as UrlMaps from '@google-cloud/compute/build/src/v1/url_maps_client.js';
import type * as RunServices from '@google-cloud/run/build/src/v2/services_client.js';
import type * as Redis from '@google-cloud/redis/build/src/v1/cloud_redis_client.js';
import type * as Monitoring from '@google-cloud/monitoring/build/src/v3/metric_service_client.js';
import type * as Budgets from '@google-cloud/billing-budgets/build/src/v1/budget_service_client.js';
import type * as Catalog from '@google-cloud/billing/build/src/v1/cloud_catalog_client.js';
import type * as Projects from '@google-cloud/resource-manager/build/src/v3/projects_client.js';
import type * as ServiceUsage from '@google-cloud/service-usage/build/src/v1/service_usage_client.js';
import type * as Tasks from '@google-cloud/tasks';
import type * as Logging from '@google-cloud/logging';

/**
 * The official Google clients the gateways use, each loaded from the module that defines it.
 * A package's index also loads its other API versions and a generated protos module of up to 30 MB
 * (`@google-cloud/compute`'s index alone holds about 140 MB of resident memory) that the REST
 * transport never uses: issue 10's portal RSS, measured by `npm run bench`. These are the same
 * classes the indexes re-export. (`@google-cloud/tasks` declares its entry points, so it is loaded
 * from its index; `@google-cloud/logging`'s `Logging` is its own hand-written class over the
 * generated ones, so it comes from its index too.)
 *
 * Each is loaded when a gateway builds its client, on first use (lazyClient.ts), not when this
 * module is imported: a client module parses its API's protos at load (`@google-cloud/compute`'s
 * 11 MB protos.json is about 45 MB of resident memory, Logging's 21 MB, Tasks' 12 MB, measured in a
 * bare Node process), and the thread that serves pages uses its clients only for edits and
 * previews, while the read model's computation thread reads (docs/performance.md, Session 7).
 */
const load = createRequire(import.meta.url);

export type BackendBucketsClient = BackendBuckets.BackendBucketsClient;
export type BackendServicesClient = BackendServices.BackendServicesClient;
export type GlobalNetworkEndpointGroupsClient =
  GlobalNegs.GlobalNetworkEndpointGroupsClient;
export type GlobalOperationsClient = GlobalOperations.GlobalOperationsClient;
export type RegionNetworkEndpointGroupsClient =
  RegionNegs.RegionNetworkEndpointGroupsClient;
export type UrlMapsClient = UrlMaps.UrlMapsClient;
export type ServicesClient = RunServices.ServicesClient;
export type CloudRedisClient = Redis.CloudRedisClient;
export type MetricServiceClient = Monitoring.MetricServiceClient;
export type BudgetServiceClient = Budgets.BudgetServiceClient;
export type CloudCatalogClient = Catalog.CloudCatalogClient;
export type ProjectsClient = Projects.ProjectsClient;
export type ServiceUsageClient = ServiceUsage.ServiceUsageClient;
export type CloudTasksClient = Tasks.CloudTasksClient;
export type LoggingClient = Logging.Logging;

/** The client classes, each loaded on first call. */
export const googleClientClass = {
  backendBuckets: (): typeof BackendBuckets.BackendBucketsClient =>
    load('@google-cloud/compute/build/src/v1/backend_buckets_client.js')
      .BackendBucketsClient,
  backendServices: (): typeof BackendServices.BackendServicesClient =>
    load('@google-cloud/compute/build/src/v1/backend_services_client.js')
      .BackendServicesClient,
  globalNegs: (): typeof GlobalNegs.GlobalNetworkEndpointGroupsClient =>
    load(
      '@google-cloud/compute/build/src/v1/global_network_endpoint_groups_client.js',
    ).GlobalNetworkEndpointGroupsClient,
  globalOperations: (): typeof GlobalOperations.GlobalOperationsClient =>
    load('@google-cloud/compute/build/src/v1/global_operations_client.js')
      .GlobalOperationsClient,
  regionNegs: (): typeof RegionNegs.RegionNetworkEndpointGroupsClient =>
    load(
      '@google-cloud/compute/build/src/v1/region_network_endpoint_groups_client.js',
    ).RegionNetworkEndpointGroupsClient,
  urlMaps: (): typeof UrlMaps.UrlMapsClient =>
    load('@google-cloud/compute/build/src/v1/url_maps_client.js').UrlMapsClient,
  runServices: (): typeof RunServices.ServicesClient =>
    load('@google-cloud/run/build/src/v2/services_client.js').ServicesClient,
  redis: (): typeof Redis.CloudRedisClient =>
    load('@google-cloud/redis/build/src/v1/cloud_redis_client.js')
      .CloudRedisClient,
  monitoring: (): typeof Monitoring.MetricServiceClient =>
    load('@google-cloud/monitoring/build/src/v3/metric_service_client.js')
      .MetricServiceClient,
  budgets: (): typeof Budgets.BudgetServiceClient =>
    load('@google-cloud/billing-budgets/build/src/v1/budget_service_client.js')
      .BudgetServiceClient,
  catalog: (): typeof Catalog.CloudCatalogClient =>
    load('@google-cloud/billing/build/src/v1/cloud_catalog_client.js')
      .CloudCatalogClient,
  projects: (): typeof Projects.ProjectsClient =>
    load('@google-cloud/resource-manager/build/src/v3/projects_client.js')
      .ProjectsClient,
  serviceUsage: (): typeof ServiceUsage.ServiceUsageClient =>
    load('@google-cloud/service-usage/build/src/v1/service_usage_client.js')
      .ServiceUsageClient,
  tasks: (): typeof Tasks.CloudTasksClient =>
    load('@google-cloud/tasks').CloudTasksClient,
  logging: (): typeof Logging.Logging => load('@google-cloud/logging').Logging,
};
