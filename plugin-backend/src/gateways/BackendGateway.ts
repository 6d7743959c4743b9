import {
  googleClientClass,
  type BackendBucketsClient,
  type BackendServicesClient,
  type GlobalNetworkEndpointGroupsClient,
  type GlobalOperationsClient,
  type RegionNetworkEndpointGroupsClient,
} from './googleClients';
import type { CallOptions } from 'google-gax';
import {
  ConflictError,
  type BackendBucketView,
  type BackendServiceView,
  type CdnPolicyChange,
} from '@gcp-serverless/common';
import type { GcpServerlessConfig } from '../config/config';
import type { GoogleCredentials } from './credentials/GoogleCredentials';
import { guardClient } from './credentials/guardClient';
import { callOptions, readWithRetry, withDeadline } from './callSettings';
import {
  cancellableCall,
  cancellableList,
  type CancellableClient,
} from './cancellableCalls';
import {
  computeOperationName,
  waitForGlobalOperation,
} from './computeOperations';
import {
  toBackendBucketView,
  toBackendServiceView,
  toNegView,
  toPlainJson,
  type NegView,
} from './computeTranslator';
import { googleClientOptions } from './googleClientOptions';
import { lazyClient } from './lazyClient';
import { InFlightReads } from './InFlightReads';
import { grpcCode, GrpcCode, wrapGoogleError } from './googleErrors';
import { OperationPendingError } from './operationPolling';
import type { ComputeTimeouts } from './UrlMapGateway';

/**
 * Every item of a Compute `list` (pages of 500, Compute's default and largest `maxResults`,
 * docs/google-apis.md §2), aborted when `signal` aborts.
 */
const listAll = (
  client: object,
  request: object,
  options: CallOptions,
  signal: AbortSignal,
) =>
  cancellableList<unknown>(
    client as CancellableClient,
    'list',
    request,
    options,
    signal,
  );

/** The compute clients behind backends: services, buckets, NEGs (global and regional) and operations. */
export interface BackendClients {
  services: BackendServicesClient;
  buckets: BackendBucketsClient;
  globalNegs: GlobalNetworkEndpointGroupsClient;
  regionNegs: RegionNetworkEndpointGroupsClient;
  operations: GlobalOperationsClient;
}

/** Which CDN-capable backend: kind as in our paths, and name. */
export interface CdnBackendRef {
  projectId: string;
  kind: 'backendServices' | 'backendBuckets';
  name: string;
}

/**
 * Compute v1 backend services, backend buckets and network endpoint groups behind our own
 * interface. Serverless NEGs are regional in Google Cloud (global NEGs are internet NEGs), so the
 * NEG list covers the global scope and each allowed region.
 */
export class BackendGateway {
  private readonly clients: BackendClients;
  private readonly timeouts: ComputeTimeouts;
  private readonly reads = new InFlightReads();

  constructor(clients: BackendClients, timeouts: ComputeTimeouts) {
    this.clients = clients;
    this.timeouts = timeouts;
  }

  static fromConfig(
    config: GcpServerlessConfig,
    credentials: GoogleCredentials,
  ): BackendGateway {
    const o = googleClientOptions(config) as never;
    return new BackendGateway(
      {
        services: guardClient(
          lazyClient(() => new (googleClientClass.backendServices())(o)),
          credentials,
          ['list', 'get', 'patch', 'update', 'initialize'],
        ),
        buckets: guardClient(
          lazyClient(() => new (googleClientClass.backendBuckets())(o)),
          credentials,
          ['list', 'get', 'patch', 'update', 'initialize'],
        ),
        globalNegs: guardClient(
          lazyClient(() => new (googleClientClass.globalNegs())(o)),
          credentials,
          ['list', 'initialize'],
        ),
        regionNegs: guardClient(
          lazyClient(() => new (googleClientClass.regionNegs())(o)),
          credentials,
          ['list', 'initialize'],
        ),
        operations: guardClient(
          lazyClient(() => new (googleClientClass.globalOperations())(o), {
            onlyForWrites: true,
          }),
          credentials,
          ['wait', 'get'],
        ),
      },
      config.timeouts,
    );
  }

  /** One read; the same read asked for while it is in flight (the routing and CDN pages both list backends) shares it. */
  private read<T>(
    call: (signal: AbortSignal) => Promise<T>,
    what: string,
  ): Promise<T> {
    return this.reads.read(what, () =>
      readWithRetry(call, this.timeouts.readMs, what).catch(err => {
        throw wrapGoogleError(err, what);
      }),
    );
  }

  /** Global and regional (allowed regions) NEGs, in parallel. */
  async listNegs(projectId: string, regions: string[]): Promise<NegView[]> {
    const opts = callOptions(this.timeouts.readMs);
    const lists = await Promise.all([
      this.read(
        signal =>
          listAll(
            this.clients.globalNegs,
            { project: projectId },
            opts,
            signal,
          ),
        `listing global network endpoint groups of ${projectId}`,
      ),
      ...regions.map(region =>
        this.read(
          signal =>
            listAll(
              this.clients.regionNegs,
              { project: projectId, region },
              opts,
              signal,
            ),
          `listing network endpoint groups of ${projectId} in ${region}`,
        ),
      ),
    ]);
    return lists.flatMap(negs => negs.map(n => toNegView(toPlainJson(n))));
  }

  /**
   * The backend services, each with the Cloud Run services its NEGs point at. `negs` may still be
   * in flight: the list starts at once and waits for them only to join (one round trip, not two).
   */
  async listBackendServices(
    projectId: string,
    negsRead: NegView[] | Promise<NegView[]>,
  ): Promise<BackendServiceView[]> {
    const [list, negs] = await Promise.all([
      this.read(
        signal =>
          listAll(
            this.clients.services,
            { project: projectId },
            callOptions(this.timeouts.readMs),
            signal,
          ),
        `listing backend services of ${projectId}`,
      ),
      negsRead,
    ]);
    return list
      .map(s => toBackendServiceView(toPlainJson(s), projectId, negs))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async listBackendBuckets(projectId: string): Promise<BackendBucketView[]> {
    const list = await this.read(
      signal =>
        listAll(
          this.clients.buckets,
          { project: projectId },
          callOptions(this.timeouts.readMs),
          signal,
        ),
      `listing backend buckets of ${projectId}`,
    );
    return list
      .map(b => toBackendBucketView(toPlainJson(b), projectId))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async getBackendService(
    projectId: string,
    name: string,
    negs: NegView[] = [],
  ): Promise<BackendServiceView> {
    const [s] = await this.read(
      signal =>
        cancellableCall<[unknown]>(
          this.clients.services as unknown as CancellableClient,
          'get',
          { project: projectId, backendService: name },
          callOptions(this.timeouts.readMs),
          signal,
        ),
      `reading backend service ${name} of ${projectId}`,
    );
    return toBackendServiceView(toPlainJson(s), projectId, negs);
  }

  async getBackendBucket(
    projectId: string,
    name: string,
  ): Promise<BackendBucketView> {
    const [b] = await this.read(
      signal =>
        cancellableCall<[unknown]>(
          this.clients.buckets as unknown as CancellableClient,
          'get',
          { project: projectId, backendBucket: name },
          callOptions(this.timeouts.readMs),
          signal,
        ),
      `reading backend bucket ${name} of ${projectId}`,
    );
    return toBackendBucketView(toPlainJson(b), projectId);
  }

  /**
   * Sets CDN on/off and the cache policy with a PATCH (JSON merge patch) and waits for the operation.
   * A backend service carries its fingerprint, so a change since our read is refused by Google (412)
   * and becomes a ConflictError; buckets have none (compute v1), so the caller compares our settings
   * hash before calling. Under USE_ORIGIN_HEADERS the TTL overrides are left out: they cannot coexist
   * with that mode and compute drops them on the switch (unverified for real compute; the sandbox does).
   */
  patchCdnPolicy(
    ref: CdnBackendRef,
    change: CdnPolicyChange,
    fingerprint: string | null,
  ): Promise<{ operation: string }> {
    return this.reads.write(() =>
      this.submitCdnPolicy(ref, change, fingerprint),
    );
  }

  private async submitCdnPolicy(
    ref: CdnBackendRef,
    change: CdnPolicyChange,
    fingerprint: string | null,
  ): Promise<{ operation: string }> {
    const what = `updating the CDN policy of ${
      ref.kind === 'backendBuckets' ? 'backend bucket' : 'backend service'
    } ${ref.name} of ${ref.projectId}`;
    const cdnPolicy: Record<string, unknown> = {
      cacheMode: change.cacheMode,
      negativeCaching: change.negativeCaching,
    };
    for (const key of [
      'defaultTtl',
      'maxTtl',
      'clientTtl',
      'serveWhileStale',
    ] as const)
      if (change[key] !== null) cdnPolicy[key] = change[key];
    let operation = '';
    try {
      const call =
        ref.kind === 'backendBuckets'
          ? this.clients.buckets.patch(
              {
                project: ref.projectId,
                backendBucket: ref.name,
                backendBucketResource: {
                  enableCdn: change.enableCdn,
                  cdnPolicy,
                } as never,
              },
              callOptions(this.timeouts.writeMs),
            )
          : this.clients.services.patch(
              {
                project: ref.projectId,
                backendService: ref.name,
                backendServiceResource: {
                  enableCDN: change.enableCdn,
                  cdnPolicy,
                  fingerprint,
                } as never,
              },
              callOptions(this.timeouts.writeMs),
            );
      const [started] = await withDeadline(
        call as Promise<unknown[]>,
        this.timeouts.writeMs,
        what,
      );
      operation = computeOperationName(started);
    } catch (err) {
      if (grpcCode(err) === GrpcCode.FAILED_PRECONDITION) {
        throw new ConflictError(
          `Backend ${ref.name} was changed by someone else since you previewed; review the current policy and try again`,
          { cause: err },
        );
      }
      throw wrapGoogleError(err, what);
    }
    try {
      await waitForGlobalOperation(
        this.clients.operations,
        ref.projectId,
        operation,
        this.timeouts.operationMs,
        what,
        this.timeouts.readMs,
      );
    } catch (err) {
      if (err instanceof OperationPendingError) throw err;
      throw wrapGoogleError(err, what);
    }
    return { operation };
  }
}
