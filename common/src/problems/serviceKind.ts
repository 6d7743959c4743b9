import { QUEUE_TARGET_LABEL } from '../capacity/wiring';

/**
 * What kind of work a Cloud Run service does, which decides what its problems are judged by
 * (docs/problems.md, "Kinds of service"):
 * - `request`: ordinary request/response; judged by 5xx, 429, p95 latency, instances against max, cold starts.
 * - `long-lived`: WebSocket or streaming connections that stay open for minutes (request timeout ≥ 15 min);
 *   a "request" is a session, so its latency is the session length and says nothing about health. Judged by
 *   connections against capacity (instances against max × concurrency), 5xx and 429.
 * - `queue-worker`: the target of a Cloud Tasks queue; its requests are jobs whose length is the work itself.
 *   Judged by 5xx, 429 and instances against max here, and by its queue's backlog and task age.
 */
export type ServiceKind = 'request' | 'long-lived' | 'queue-worker';

/** Label that states the kind outright: `request`, `long-lived` (or `websocket`, `streaming`), `queue-worker`. */
export const SERVICE_KIND_LABEL = 'gcp-serverless-kind';

/** Request timeout from which a service counts as long-lived: 15 minutes, in seconds. */
export const LONG_LIVED_TIMEOUT_SECONDS = 900;

const LABEL_KINDS: Record<string, ServiceKind> = {
  request: 'request',
  'long-lived': 'long-lived',
  websocket: 'long-lived',
  streaming: 'long-lived',
  'queue-worker': 'queue-worker',
};

/** A service's kind and the reason, in words, so a problem can say why it was judged that way. */
export interface ServiceKindVerdict {
  kind: ServiceKind;
  /** e.g. "label gcp-serverless-kind=long-lived", "target of queue generation", "timeout 3600 s ≥ 15 min". */
  reason: string;
}

/** The facts the kind is decided from. */
export interface ServiceKindInput {
  labels?: Record<string, string>;
  /** Request timeout in seconds (`template.timeout`); undefined when unknown. */
  timeoutSeconds?: number;
  /** Queues that dispatch to this service, when known from the queues read. */
  targetOf?: string[];
}

/** Decides the kind: an explicit label wins, then being a queue's target, then a timeout of 15 min or more. */
export function serviceKindOf(s: ServiceKindInput): ServiceKindVerdict {
  const labelled = s.labels?.[SERVICE_KIND_LABEL];
  if (labelled && LABEL_KINDS[labelled])
    return {
      kind: LABEL_KINDS[labelled]!,
      reason: `label ${SERVICE_KIND_LABEL}=${labelled}`,
    };
  const queues = [
    ...new Set([
      ...(s.targetOf ?? []),
      ...(s.labels?.[QUEUE_TARGET_LABEL]
        ? [s.labels[QUEUE_TARGET_LABEL]!]
        : []),
    ]),
  ];
  if (queues.length > 0)
    return {
      kind: 'queue-worker',
      reason: `target of queue ${queues.join(', ')}`,
    };
  if (
    s.timeoutSeconds !== undefined &&
    s.timeoutSeconds >= LONG_LIVED_TIMEOUT_SECONDS
  ) {
    return {
      kind: 'long-lived',
      reason: `timeout ${s.timeoutSeconds} s ≥ 15 min`,
    };
  }
  return { kind: 'request', reason: 'request/response' };
}
