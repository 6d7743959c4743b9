import {
  googleClientClass,
  type GlobalOperationsClient,
  type UrlMapsClient,
} from './googleClients';
import {
  ConflictError,
  describeTestFailure,
  type UrlMapSpec,
  type UrlMapValidation,
  type UrlMapView,
} from '@gcp-serverless/common';
import type { GcpServerlessConfig } from '../config/config';
import type { GoogleCredentials } from './credentials/GoogleCredentials';
import { guardClient } from './credentials/guardClient';
import {
  cancellableCall,
  cancellableList,
  type CancellableClient,
} from './cancellableCalls';
import { callOptions, readWithRetry, withDeadline } from './callSettings';
import {
  computeOperationName,
  waitForGlobalOperation,
} from './computeOperations';
import { toPlainJson, toUrlMapView } from './computeTranslator';
import { googleClientOptions } from './googleClientOptions';
import { lazyClient } from './lazyClient';
import { mergeIntoCurrentResource } from './urlMapResource';
import { grpcCode, GrpcCode, wrapGoogleError } from './googleErrors';
import { OperationPendingError } from './operationPolling';

/** Deadlines of the gateway's calls, milliseconds. */
export interface ComputeTimeouts {
  readMs: number;
  writeMs: number;
  operationMs: number;
}

/** Compute v1 global URL maps behind our own interface: domain types out, failures wrapped with context. */
export class UrlMapGateway {
  private readonly client: UrlMapsClient;
  private readonly operations: GlobalOperationsClient;
  private readonly timeouts: ComputeTimeouts;

  constructor(
    client: UrlMapsClient,
    operations: GlobalOperationsClient,
    timeouts: ComputeTimeouts,
  ) {
    this.client = client;
    this.operations = operations;
    this.timeouts = timeouts;
  }

  static fromConfig(
    config: GcpServerlessConfig,
    credentials: GoogleCredentials,
  ): UrlMapGateway {
    const options = googleClientOptions(config) as never;
    return new UrlMapGateway(
      guardClient(
        lazyClient(() => new (googleClientClass.urlMaps())(options)),
        credentials,
        ['list', 'get', 'update', 'patch', 'validate', 'initialize'],
      ),
      guardClient(
        lazyClient(() => new (googleClientClass.globalOperations())(options), {
          onlyForWrites: true,
        }),
        credentials,
        ['wait', 'get'],
      ),
      config.timeouts,
    );
  }

  async listUrlMaps(projectId: string): Promise<UrlMapView[]> {
    const what = `listing URL maps of ${projectId}`;
    try {
      // Pages of 500, Compute's default and largest maxResults (docs/google-apis.md §2); aborted at the deadline.
      const maps = await readWithRetry(
        signal =>
          cancellableList<unknown>(
            this.client as unknown as CancellableClient,
            'list',
            { project: projectId },
            callOptions(this.timeouts.readMs),
            signal,
          ),
        this.timeouts.readMs,
        what,
      );
      return maps
        .map(m => toUrlMapView(toPlainJson(m), projectId))
        .sort((a, b) => a.name.localeCompare(b.name));
    } catch (err) {
      throw wrapGoogleError(err, what);
    }
  }

  async getUrlMap(projectId: string, name: string): Promise<UrlMapView> {
    const what = `reading URL map ${name} of ${projectId}`;
    try {
      const [map] = await readWithRetry(
        signal =>
          cancellableCall<[unknown]>(
            this.client as unknown as CancellableClient,
            'get',
            { project: projectId, urlMap: name },
            callOptions(this.timeouts.readMs),
            signal,
          ),
        this.timeouts.readMs,
        what,
      );
      return toUrlMapView(toPlainJson(map), projectId);
    } catch (err) {
      throw wrapGoogleError(err, what);
    }
  }

  /** Google's own check of a proposed URL map (`urlMaps.validate`): load errors and failing tests; writes nothing. */
  async validate(
    projectId: string,
    name: string,
    resource: UrlMapSpec,
  ): Promise<UrlMapValidation> {
    const what = `validating URL map ${name} of ${projectId}`;
    try {
      const [response] = await readWithRetry(
        signal =>
          cancellableCall<[unknown]>(
            this.client as unknown as CancellableClient,
            'validate',
            {
              project: projectId,
              urlMap: name,
              urlMapsValidateRequestResource: { resource: resource as never },
            },
            callOptions(this.timeouts.readMs),
            signal,
          ),
        this.timeouts.readMs,
        what,
      );
      const result = toPlainJson(response).result ?? {};
      const loadErrors = ((result.loadErrors ?? []) as unknown[]).map(String);
      const testFailures = ((result.testFailures ?? []) as never[]).map(
        describeTestFailure,
      );
      const passed =
        result.loadSucceeded !== false &&
        result.testPassed !== false &&
        loadErrors.length === 0 &&
        testFailures.length === 0;
      return {
        status: passed ? 'passed' : 'failed',
        ...(passed
          ? {}
          : {
              message:
                [...loadErrors, ...testFailures].join('; ') ||
                'urlMaps.validate reported a failure',
            }),
        loadErrors,
        testFailures,
      };
    } catch (err) {
      throw wrapGoogleError(err, what);
    }
  }

  /**
   * Replaces the URL map (`urlMaps.update`, a full PUT: switching a default from a backend to a
   * redirect must drop the old field, which a merge patch cannot) under the fingerprint read at
   * preview, then waits for the operation. Google refusing the fingerprint (412) becomes our
   * ConflictError carrying the current map; nothing was written.
   */
  async replace(
    projectId: string,
    name: string,
    resource: UrlMapSpec,
    fingerprint: string,
  ): Promise<{ urlMap: UrlMapView; operation: string }> {
    const what = `updating URL map ${name} of ${projectId}`;
    let operation = '';
    try {
      const [raw] = await readWithRetry(
        signal =>
          cancellableCall<[unknown]>(
            this.client as unknown as CancellableClient,
            'get',
            { project: projectId, urlMap: name },
            callOptions(this.timeouts.readMs),
            signal,
          ),
        this.timeouts.readMs,
        what,
      );
      const full = mergeIntoCurrentResource(toPlainJson(raw), resource);
      const [started] = await withDeadline(
        this.client.update(
          {
            project: projectId,
            urlMap: name,
            urlMapResource: { ...full, name, fingerprint } as never,
          },
          callOptions(this.timeouts.writeMs),
        ),
        this.timeouts.writeMs,
        what,
      );
      operation = computeOperationName(started);
    } catch (err) {
      if (grpcCode(err) === GrpcCode.FAILED_PRECONDITION)
        throw this.conflict(await this.getUrlMap(projectId, name));
      throw wrapGoogleError(err, what);
    }
    try {
      await waitForGlobalOperation(
        this.operations,
        projectId,
        operation,
        this.timeouts.operationMs,
        what,
        this.timeouts.readMs,
      );
    } catch (err) {
      if (err instanceof OperationPendingError) throw err;
      throw wrapGoogleError(err, what);
    }
    return { urlMap: await this.getUrlMap(projectId, name), operation };
  }

  /** The 409 of a stale fingerprint, with the map as it is now. */
  conflict(current: UrlMapView): ConflictError {
    return new ConflictError(
      `URL map ${current.name} was changed by someone else since you previewed; review the current routes and try again`,
      {
        details: {
          current,
          etag: current.fingerprint,
          fingerprint: current.fingerprint,
        },
      },
    );
  }
}
