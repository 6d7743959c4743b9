/** Cloud Run metric types and resource type (docs/google-apis.md §7). */
export const CLOUD_RUN_RESOURCE = 'cloud_run_revision';
export const RUN_METRICS = {
  requestCount: 'run.googleapis.com/request_count',
  requestLatencies: 'run.googleapis.com/request_latencies',
  instanceCount: 'run.googleapis.com/container/instance_count',
  /** One distribution sample per container start: its count is the number of cold starts. */
  startupLatencies: 'run.googleapis.com/container/startup_latencies',
} as const;

export const SERVICE_NAME_LABEL = 'resource.labels.service_name';
export const RESPONSE_CLASS_LABEL = 'metric.labels.response_code_class';
export const RESPONSE_CLASSES = ['2xx', '3xx', '4xx', '5xx'] as const;
