import { z } from 'zod';
import {
  COMPUTE_NAME_PATTERN,
  ConflictError,
  InputError,
  projectIdSchema,
  urlMapEditContract,
  urlMapFindings,
  type UrlMapApplyResult,
  type UrlMapEdit,
  type UrlMapPreview,
  type UrlMapSpec,
  type UrlMapValidation,
  type UrlMapView,
} from '@gcp-serverless/common';
import type { BackendGateway } from '../../gateways/BackendGateway';
import type { UrlMapGateway } from '../../gateways/UrlMapGateway';
import type { ProjectAccess } from '../../services/ProjectAccess';
import { proposedUrlMap } from '../../services/urlMapProposal';
import { parseInput } from '../../validation/parseInput';
import type { EditAssessment, GuardedEditKind } from '../GuardedEditKind';

/** Which URL map: project and name (URL maps are global). */
export interface UrlMapRef {
  projectId: string;
  name: string;
}

const params = z.object({
  projectId: projectIdSchema,
  urlMap: z
    .string()
    .regex(
      COMPUTE_NAME_PATTERN,
      'must be a URL map name (lowercase letters, digits, hyphens)',
    ),
});
const RESOURCE = /^projects\/([^/]+)\/global\/urlMaps\/([^/]+)$/;

/**
 * Load balancer URL map routes. Guard: the map's fingerprint, sent with the full update so that
 * Google refuses a stale one (412 → 409). Checks: our findings and Google's `urlMaps.validate`
 * (preview). History stores whole maps, so a revert edits the map back to `before`.
 */
export class UrlMapEditKind
  implements
    GuardedEditKind<
      UrlMapRef,
      UrlMapView,
      UrlMapSpec,
      UrlMapEdit,
      UrlMapPreview,
      UrlMapApplyResult,
      null
    >
{
  readonly contract = urlMapEditContract;
  readonly changeLabel = 'URL map change';
  readonly routePath = '/projects/:projectId/url-maps/:urlMap';
  private readonly deps: {
    access: ProjectAccess;
    urlMaps: UrlMapGateway;
    backends: BackendGateway;
  };

  constructor(deps: UrlMapEditKind['deps']) {
    this.deps = deps;
  }

  guardOf(): 'google' {
    return 'google';
  }

  refOfParams(raw: unknown): UrlMapRef {
    const p = parseInput(params, raw, 'path');
    return { projectId: p.projectId, name: p.urlMap };
  }

  resourceName(ref: UrlMapRef): string {
    return `projects/${ref.projectId}/global/urlMaps/${ref.name}`;
  }

  refOfResource(resource: string): UrlMapRef | null {
    const m = RESOURCE.exec(resource);
    return m ? { projectId: m[1]!, name: m[2]! } : null;
  }

  read(ref: UrlMapRef): Promise<UrlMapView> {
    this.deps.access.project(ref.projectId);
    return this.deps.urlMaps.getUrlMap(ref.projectId, ref.name);
  }

  etagOf(map: UrlMapView): string {
    return map.fingerprint;
  }

  settingsOf(map: UrlMapView): UrlMapSpec {
    return map.spec;
  }

  proposedOf(ref: UrlMapRef, map: UrlMapView, change: UrlMapEdit): UrlMapSpec {
    return proposedUrlMap(ref.projectId, map.spec, change);
  }

  projectsOf(ref: UrlMapRef): string[] {
    return [ref.projectId];
  }

  conflict(map: UrlMapView, reason?: string): ConflictError {
    const stale = this.deps.urlMaps.conflict(map);
    return reason
      ? new ConflictError(reason, { details: stale.details })
      : stale;
  }

  async assess() {
    return { warnings: [], facts: null };
  }

  async preview(
    ref: UrlMapRef,
    map: UrlMapView,
    change: UrlMapEdit,
    a: EditAssessment<null>,
  ): Promise<UrlMapPreview> {
    const [services, buckets] = await Promise.all([
      this.deps.backends.listBackendServices(ref.projectId, []),
      this.deps.backends.listBackendBuckets(ref.projectId),
    ]);
    const proposed = this.proposedOf(ref, map, change);
    const findings = urlMapFindings(map.spec, proposed, {
      backendServices: services.map(s => s.name),
      backendBuckets: buckets.map(b => b.name),
    });
    let validation: UrlMapValidation = {
      status: 'skipped',
      message: 'Nothing to change',
      loadErrors: [],
      testFailures: [],
    };
    if (a.diff.length > 0) {
      try {
        validation = await this.deps.urlMaps.validate(
          ref.projectId,
          ref.name,
          proposed,
        );
      } catch (err) {
        // Google refusing the resource outright is a finding of the preview; outages still fail it.
        if (!(err instanceof InputError)) throw err;
        validation = {
          status: 'failed',
          message: err.message,
          loadErrors: [err.message],
          testFailures: [],
        };
      }
    }
    return {
      urlMap: map,
      proposed,
      diff: a.diff,
      validation,
      findings,
      etag: map.fingerprint,
      fingerprint: map.fingerprint,
    };
  }

  async write(
    ref: UrlMapRef,
    map: UrlMapView,
    request: { change: UrlMapEdit; etag: string },
  ) {
    const result = await this.deps.urlMaps.replace(
      ref.projectId,
      ref.name,
      this.proposedOf(ref, map, request.change),
      request.etag,
    );
    return { operation: result.operation, resource: result.urlMap };
  }

  result(
    _ref: UrlMapRef,
    map: UrlMapView,
    diff: UrlMapApplyResult['diff'],
    operation: string | undefined,
  ): UrlMapApplyResult {
    return { urlMap: map, operation: operation ?? '', diff };
  }
}
