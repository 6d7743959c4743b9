/**
 * Cloud Run metrics (docs/google-apis.md §7) on resource `cloud_run_revision`, computed from the traffic model.
 * Kinds follow Google's descriptors where known; the DELTA kind of the container distributions is
 * unverified. Like Cloud Run, no point is written for a label set or distribution with nothing to
 * count in a minute (e.g. no 500s, no cold starts), so series are sparse.
 */
import {
  minuteSample,
  type MinuteSample,
} from '../../traffic/SandboxTrafficModel';
import {
  cpuUtilisationDistribution,
  maxConcurrencyDistribution,
  memoryUtilisationDistribution,
  requestLatencyDistribution,
  startupLatencyDistribution,
} from '../../traffic/sampleDistributions';
import type { Distribution } from '../../traffic/distribution';
import type { SandboxProject, SandboxRunService } from '../../world';
import { objectId } from '../query/answerCache';
import { revisionNameFor } from './cloudRunRevisions';
import {
  NO_LABELS,
  labelSet,
  type MetricDefinition,
  type MetricKind,
  type MetricLabelSet,
  type MetricPoint,
  type ResourceMinute,
  type ResourceSource,
  type ValueType,
} from './metricTypes';

export const CLOUD_RUN_REVISION = 'cloud_run_revision';

const codeLabels = new Map<number, MetricLabelSet>();
function responseLabels(code: number, codeClass: string): MetricLabelSet {
  let labels = codeLabels.get(code);
  if (!labels) {
    labels = labelSet({
      response_code: String(code),
      response_code_class: codeClass,
    });
    codeLabels.set(code, labels);
  }
  return labels;
}

const ACTIVE = labelSet({ state: 'active' });
const IDLE = labelSet({ state: 'idle' });

function single(value: number | Distribution | null): MetricPoint[] {
  if (value === null || value === 0) return [];
  return [{ labelSet: NO_LABELS, value }];
}

/** A Cloud Run service as a source of minutes: one resource (revision) per configuration version. */
function serviceSource(
  project: SandboxProject,
  service: SandboxRunService,
  points: (s: MinuteSample) => MetricPoint[],
): ResourceSource {
  const fixedLabels = {
    project_id: project.projectId,
    service_name: service.name,
    configuration_name: service.name,
    location: service.region,
  };
  // Revision labels are built once per version for the whole request, not per minute, and shared by
  // versions that run the same revision (the label object is the series identity).
  const byVersion = new Map<number, Record<string, string>>();
  const byName = new Map<string, Record<string, string>>();
  return {
    fixedLabels,
    // A minute follows the service's history and traffic profile, unless load balancers or queues
    // shape its demand (their state is not in the version: answers over such services are not reused).
    ...(project.demandSources?.length
      ? {}
      : {
          version: `${objectId(service)}.${objectId(service.history)}.${
            service.history.length
          }.${objectId(service.traffic)}`,
        }),
    minute(minuteStartMs: number, weight = 1): ResourceMinute {
      const sample = minuteSample(project, service, minuteStartMs, weight);
      let revision = byVersion.get(sample.configVersion);
      if (!revision) {
        const name = revisionNameFor(service, sample.configVersion);
        revision = byName.get(name) ?? { ...fixedLabels, revision_name: name };
        byName.set(name, revision);
        byVersion.set(sample.configVersion, revision);
      }
      // No points before the service existed (not even zero instances), as in Cloud Monitoring.
      return {
        resourceLabels: revision,
        points: sample.deployed ? points(sample) : [],
      };
    },
  };
}

function cloudRunMetric(
  name: string,
  metricKind: MetricKind,
  valueType: ValueType,
  unit: string,
  points: (sample: MinuteSample) => MetricPoint[],
): MetricDefinition {
  return {
    type: `run.googleapis.com/${name}`,
    resourceType: CLOUD_RUN_REVISION,
    metricKind,
    valueType,
    unit,
    sources: project =>
      [...project.services.values()].map(service =>
        serviceSource(project, service, points),
      ),
  };
}

/** The Cloud Run metrics the sandbox serves, by metric type. */
export const CLOUD_RUN_METRICS: ReadonlyMap<string, MetricDefinition> = new Map(
  [
    cloudRunMetric('request_count', 'DELTA', 'INT64', '1', s =>
      s.responses.map(r => ({
        labelSet: responseLabels(r.code, r.codeClass),
        value: r.count,
      })),
    ),
    // Real request_latencies also carry response code labels; one series per revision keeps percentiles simple.
    cloudRunMetric('request_latencies', 'DELTA', 'DISTRIBUTION', 'ms', s =>
      single(requestLatencyDistribution(s)),
    ),
    cloudRunMetric('container/instance_count', 'GAUGE', 'INT64', '1', s => [
      { labelSet: ACTIVE, value: s.activeInstances },
      { labelSet: IDLE, value: s.idleInstances },
    ]),
    cloudRunMetric(
      'container/billable_instance_time',
      'DELTA',
      'DOUBLE',
      's',
      s => single(s.billableInstanceSeconds),
    ),
    cloudRunMetric(
      'container/max_request_concurrencies',
      'DELTA',
      'DISTRIBUTION',
      '1',
      s => single(maxConcurrencyDistribution(s)),
    ),
    cloudRunMetric(
      'container/startup_latencies',
      'DELTA',
      'DISTRIBUTION',
      'ms',
      s => single(startupLatencyDistribution(s)),
    ),
    cloudRunMetric(
      'container/cpu/utilizations',
      'DELTA',
      'DISTRIBUTION',
      '10^2.%',
      s => single(cpuUtilisationDistribution(s)),
    ),
    cloudRunMetric(
      'container/memory/utilizations',
      'DELTA',
      'DISTRIBUTION',
      '10^2.%',
      s => single(memoryUtilisationDistribution(s)),
    ),
  ].map(metric => [metric.type, metric]),
);
