/**
 * Cloud Tasks metrics (docs/google-apis.md §7) on resource `cloud_tasks_queue` (labels project_id, queue_id,
 * target_type, location), computed from the queue model (tasks/queueModel.ts). Dispatch rate is
 * ALIGN_RATE of `queue/task_attempt_count`; enqueue rate is ALIGN_RATE of `api/request_count`.
 * Label values are partly unverified: `response_code` carries the target's HTTP status ("200",
 * "429", "500"); `api_method` is "CreateTask" with `response_code` "OK".
 */
import { queueMinute, type QueueMinute } from '../../tasks/queueModel';
import type { SandboxQueue } from '../../tasks/queueTypes';
import type { SandboxProject } from '../../world';
import {
  labelSet,
  NO_LABELS,
  type MetricDefinition,
  type MetricKind,
  type MetricLabelSet,
  type MetricPoint,
  type ResourceSource,
  type ValueType,
} from './metricTypes';

export const CLOUD_TASKS_QUEUE = 'cloud_tasks_queue';

const codeLabels = new Map<number, MetricLabelSet>();
function responseLabels(code: number): MetricLabelSet {
  let labels = codeLabels.get(code);
  if (!labels)
    codeLabels.set(code, (labels = labelSet({ response_code: String(code) })));
  return labels;
}
const CREATE_TASK = labelSet({ api_method: 'CreateTask', response_code: 'OK' });

function queueSource(
  project: SandboxProject,
  queue: SandboxQueue,
  points: (m: QueueMinute) => MetricPoint[],
): ResourceSource {
  const resourceLabels = {
    project_id: project.projectId,
    queue_id: queue.queueId,
    target_type: 'HTTP',
    location: queue.location,
  };
  const created = queue.history[0]!.effectiveFrom;
  return {
    fixedLabels: resourceLabels,
    minute(minuteStartMs: number) {
      // Nothing is written before the queue exists (the minute it was created in included).
      if (minuteStartMs < created) return { resourceLabels, points: [] };
      return {
        resourceLabels,
        points: points(queueMinute(project, queue, minuteStartMs)),
      };
    },
  };
}

function tasksMetric(
  name: string,
  metricKind: MetricKind,
  valueType: ValueType,
  points: (m: QueueMinute) => MetricPoint[],
): MetricDefinition {
  return {
    type: `cloudtasks.googleapis.com/${name}`,
    resourceType: CLOUD_TASKS_QUEUE,
    metricKind,
    valueType,
    unit: '1',
    sources: project =>
      [...(project.backing?.queues.values() ?? [])].map(queue =>
        queueSource(project, queue, points),
      ),
  };
}

/** The Cloud Tasks metrics the sandbox serves, by metric type. */
export const CLOUD_TASKS_METRICS: ReadonlyMap<string, MetricDefinition> =
  new Map(
    [
      // Depth is written every minute, 0 included: an empty queue is a fact, not missing data.
      tasksMetric('queue/depth', 'GAUGE', 'INT64', m => [
        { labelSet: NO_LABELS, value: m.depth },
      ]),
      tasksMetric('queue/task_attempt_count', 'DELTA', 'INT64', m =>
        m.responses.map(r => ({
          labelSet: responseLabels(r.code),
          value: r.count,
        })),
      ),
      tasksMetric('api/request_count', 'DELTA', 'INT64', m =>
        m.enqueued > 0 ? [{ labelSet: CREATE_TASK, value: m.enqueued }] : [],
      ),
    ].map(metric => [metric.type, metric]),
  );
