import {
  GoogleApiError,
  invalidArgument,
  aborted,
  notFound,
} from '../googleError';
import {
  checkMessageJson,
  isPlainObject,
  normalizeMessageJson,
} from '../protoJson';
import { missingServiceShell } from './missingService';
import type { OperationJson } from './operationStore';
import { findService, requireProject, type RunContext } from './runContext';
import { configFromService, intValue } from './serviceConfig';
import { readyCondition, revisionName, serviceEtag } from './serviceResource';
import { checkServiceQuota } from './serviceQuota';
import { serviceViolations } from './serviceRules';
import type { SandboxRunService } from '../world';
import {
  applyMask,
  maskViolations,
  parseUpdateMask,
  replaceMutable,
} from './updateMask';

/** The decoded `PATCH /v2/projects/{p}/locations/{l}/services/{s}` request. */
export interface UpdateServiceInput {
  projectId: string;
  location: string;
  serviceId: string;
  /** The request body: a Service (without `name`, which is in the URL). */
  body: unknown;
  /** Raw `updateMask` query value, e.g. `template.scaling.max_instance_count,ingress`. */
  updateMask: string | null;
  validateOnly: boolean;
  allowMissing: boolean;
}

type Json = Record<string, unknown>;

/** Etags compare without quotes or a weak `W/` prefix, so clients may send either form. */
const bareEtag = (etag: unknown) =>
  String(etag ?? '')
    .replace(/^W\//, '')
    .replace(/^"|"$/g, '');

/** Stable JSON for comparing templates regardless of key order. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (isPlainObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map(k => `${JSON.stringify(k)}:${stableJson(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * UpdateService: checks the body against the proto and Cloud Run's rules, enforces the etag
 * precondition, applies the masked fields and answers a long-running operation. validateOnly
 * changes nothing and answers an already-done operation whose response is the would-be Service
 * (keeping the current generation and etag; whether Cloud Run finishes it at once is unverified).
 */
export function updateService(
  ctx: RunContext,
  input: UpdateServiceInput,
): OperationJson {
  const project = requireProject(ctx.world, input.projectId);
  if (!isPlainObject(input.body))
    throw invalidArgument('The request body must be a Service', [
      { field: 'service', description: 'required' },
    ]);
  const protoViolations = checkMessageJson(
    ctx.serviceType,
    input.body,
    'service',
  );
  if (protoViolations.length)
    throw invalidArgument(protoViolations[0]!.description, protoViolations);
  const mask = parseUpdateMask(input.updateMask);
  const badMask = mask ? maskViolations(ctx.serviceType, mask) : [];
  if (badMask.length) throw invalidArgument(badMask[0]!.description, badMask);

  const fullName = `projects/${input.projectId}/locations/${input.location}/services/${input.serviceId}`;
  let service = findService(project, input.location, input.serviceId);
  if (!service && !input.allowMissing)
    throw notFound(`Resource '${fullName}' was not found`);
  const creating = !service;
  service ??= missingServiceShell(
    project,
    input.location,
    input.serviceId,
    ctx.clock.now(),
  );
  const current = service.resource;
  if (
    !creating &&
    bareEtag(input.body['etag']) &&
    bareEtag(input.body['etag']) !== bareEtag(current['etag'])
  ) {
    throw aborted(
      `etag mismatch for ${fullName}: the request carries ${String(
        input.body['etag'],
      )} but the current etag is ` +
        `${String(
          current['etag'],
        )}; the service was changed since it was read. Read it again and retry.`,
    );
  }

  const patch = normalizeMessageJson(ctx.serviceType, input.body, {
    dropOutputOnly: true,
  }) as Json;
  delete patch['name'];
  delete patch['etag'];
  const merged = mask
    ? applyMask(ctx.serviceType, current, patch, mask)
    : replaceMutable(ctx.serviceType, current, patch);
  merged['name'] = fullName;
  const violations = [
    ...(isPlainObject(merged['template'])
      ? []
      : [{ field: 'service.template', description: 'template is required' }]),
    ...serviceViolations(merged),
  ];
  if (violations.length)
    throw invalidArgument(
      violations.map(v => v.description).join('; '),
      violations,
    );

  if (creating) {
    // Services are keyed by id within a project: the same id in two regions is beyond what the sandbox models.
    if (project.services.has(input.serviceId)) {
      throw new GoogleApiError(
        501,
        'UNIMPLEMENTED',
        `The sandbox cannot hold a second service named ${input.serviceId} in another region of ${input.projectId}`,
      );
    }
    checkServiceQuota(project, input.location);
  }
  const parent = `projects/${input.projectId}/locations/${input.location}`;
  if (input.validateOnly)
    return ctx.operations.start(
      parent,
      merged,
      () => ({ ...merged, reconciling: false }),
      true,
    );
  if (creating) project.services.set(input.serviceId, service);
  const templateChanged =
    stableJson(current['template']) !== stableJson(merged['template']);
  const committed = commit(ctx, service, merged, templateChanged || creating);
  return ctx.operations.start(parent, committed, () =>
    finishReconciling(service, committed),
  );
}

/** Stores the new generation: output-only bookkeeping, reconciling, and the config history entry. */
function commit(
  ctx: RunContext,
  service: SandboxRunService,
  merged: Json,
  newRevision: boolean,
): Json {
  const now = ctx.clock.now();
  const at = new Date(now).toISOString();
  const generation = intValue(service.resource['generation']) + 1;
  const name = merged['name'] as string;
  const updated: Json = {
    ...merged,
    generation: String(generation),
    updateTime: at,
    lastModifier: 'sandbox-user@example.com',
    reconciling: true,
    terminalCondition: readyCondition('CONDITION_RECONCILING', at),
    etag: serviceEtag(name, generation, at),
  };
  // The revision serving the new entry: a new one for a template change, else the one already serving.
  const revision = newRevision
    ? revisionName(service.name, generation, at)
    : currentRevision(service);
  if (newRevision)
    updated['latestCreatedRevision'] = `${name}/revisions/${revision}`;
  service.resource = updated;
  service.history.push({
    effectiveFrom: now,
    config: configFromService(updated),
    ...(revision ? { revision } : {}),
  });
  return structuredClone(updated);
}

/** Short name of the revision the service runs now: its newest history entry's, else the resource's. */
function currentRevision(service: SandboxRunService): string | undefined {
  const fromHistory = service.history[service.history.length - 1]?.revision;
  if (fromHistory) return fromHistory;
  const latest = service.resource['latestCreatedRevision'];
  return typeof latest === 'string' && latest !== ''
    ? latest.slice(latest.lastIndexOf('/') + 1)
    : undefined;
}

/** Completion of the operation: the revision is ready and serving. */
function finishReconciling(service: SandboxRunService, committed: Json): Json {
  const done: Json = {
    ...committed,
    reconciling: false,
    observedGeneration: committed['generation'],
    latestReadyRevision: committed['latestCreatedRevision'],
    terminalCondition: readyCondition(
      'CONDITION_SUCCEEDED',
      committed['updateTime'] as string,
    ),
  };
  // A later update may already be in flight; only the newest generation may end reconciling.
  if (service.resource['generation'] === committed['generation'])
    service.resource = {
      ...service.resource,
      ...done,
      etag: service.resource['etag'],
    };
  return structuredClone(done);
}
