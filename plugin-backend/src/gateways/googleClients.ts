/**
 * The official Google clients the gateways use, each imported from the module that defines it.
 * A package's index also loads its other API versions and a generated protos module of up to 30 MB
 * (`@google-cloud/compute`'s index alone holds about 140 MB of resident memory) that the REST
 * transport never uses: issue 10's portal RSS, measured by `npm run bench`. These are the same
 * classes the indexes re-export. Each deep import saves 3–7 MB of heap in every process that runs the
 * plugin (measured in a bare Node process; docs/performance.md). (`@google-cloud/tasks` declares its
 * entry points, so it is imported from its index; `@google-cloud/logging`'s `Logging` is its own
 * hand-written class over the generated ones, so it comes from its index too.)
 */
export { BackendBucketsClient } from '@google-cloud/compute/build/src/v1/backend_buckets_client.js';
export { BackendServicesClient } from '@google-cloud/compute/build/src/v1/backend_services_client.js';
export { GlobalNetworkEndpointGroupsClient } from '@google-cloud/compute/build/src/v1/global_network_endpoint_groups_client.js';
export { GlobalOperationsClient } from '@google-cloud/compute/build/src/v1/global_operations_client.js';
export { RegionNetworkEndpointGroupsClient } from '@google-cloud/compute/build/src/v1/region_network_endpoint_groups_client.js';
export { UrlMapsClient } from '@google-cloud/compute/build/src/v1/url_maps_client.js';
export { ServicesClient } from '@google-cloud/run/build/src/v2/services_client.js';
export { CloudRedisClient } from '@google-cloud/redis/build/src/v1/cloud_redis_client.js';
export { MetricServiceClient } from '@google-cloud/monitoring/build/src/v3/metric_service_client.js';
export { BudgetServiceClient } from '@google-cloud/billing-budgets/build/src/v1/budget_service_client.js';
export { CloudCatalogClient } from '@google-cloud/billing/build/src/v1/cloud_catalog_client.js';
export { ProjectsClient } from '@google-cloud/resource-manager/build/src/v3/projects_client.js';
export { ServiceUsageClient } from '@google-cloud/service-usage/build/src/v1/service_usage_client.js';
