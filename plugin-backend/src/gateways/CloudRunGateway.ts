import { googleClientClass, type ServicesClient } from './googleClients';
import {
  ConflictError,
  type CloudRunService,
  type ScalingSettings,
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
import { googleClientOptions } from './googleClientOptions';
import { lazyClient } from './lazyClient';
import { InFlightReads } from './InFlightReads';
import { grpcCode, GrpcCode, wrapGoogleError } from './googleErrors';
import { OperationPendingError, pollOperation } from './operationPolling';
import {
  SERVICES_LIST_FIELD_MASK,
  toCloudRunService,
  type RawRunService,
} from './runServiceTranslator';

/** Deadlines of the gateway's calls, milliseconds. */
export interface CloudRunGatewayTimeouts {
  readMs: number;
  writeMs: number;
  operationMs: number;
}

/** The outcome of a scaling update: the service as Google returned it and the operation name. */
export interface ScalingUpdateResult {
  service: CloudRunService;
  operation: string;
}

/** Paths of the Run v2 Service the scaling editor changes (snake_case, as FieldMask paths are written). */
const SCALING_MASK = [
  'template.scaling.min_instance_count',
  'template.scaling.max_instance_count',
  'template.max_instance_request_concurrency',
];

/**
 * Page size of services.list: a region holds at most 1,000 services per project (docs/google-apis.md
 * §3), so one page lists a region.
 */
const SERVICES_PER_PAGE = 1000;

/** Cloud Run Admin API v2 behind our own interface: returns domain types, wraps failures with context. */
export class CloudRunGateway {
  private readonly client: ServicesClient;
  private readonly timeouts: CloudRunGatewayTimeouts;
  private readonly reads = new InFlightReads();

  constructor(client: ServicesClient, timeouts: CloudRunGatewayTimeouts) {
    this.client = client;
    this.timeouts = timeouts;
  }

  static fromConfig(
    config: GcpServerlessConfig,
    credentials: GoogleCredentials,
  ): CloudRunGateway {
    const client = lazyClient(
      () =>
        new (googleClientClass.runServices())(
          googleClientOptions(config) as never,
        ),
    );
    return new CloudRunGateway(
      guardClient(client, credentials, [
        'listServices',
        'getService',
        'updateService',
        'initialize',
      ]),
      config.timeouts,
    );
  }

  /**
   * All services of one project and region: one call of the largest page, asking only for the fields
   * the translator reads (SERVICES_LIST_FIELD_MASK); aborted at its deadline. Concurrent listings of
   * the same region share one call (InFlightReads).
   */
  async listServices(
    projectId: string,
    region: string,
  ): Promise<CloudRunService[]> {
    const services = await this.reads.read(`${projectId}/${region}`, () =>
      this.listOnce(projectId, region),
    );
    return [...services];
  }

  private async listOnce(
    projectId: string,
    region: string,
  ): Promise<CloudRunService[]> {
    const what = `listing Cloud Run services of ${projectId} in ${region}`;
    try {
      const services = await readWithRetry(
        signal =>
          cancellableList<RawRunService>(
            this.client as unknown as CancellableClient,
            'listServices',
            {
              parent: `projects/${projectId}/locations/${region}`,
              pageSize: SERVICES_PER_PAGE,
            },
            // Only the fields the translator reads: decoding a whole 1,000-service page took the
            // computation thread ~800 ms (docs/performance.md, "Session 9, field masks").
            {
              ...callOptions(this.timeouts.readMs),
              otherArgs: {
                headers: { 'x-goog-fieldmask': SERVICES_LIST_FIELD_MASK },
              },
            },
            signal,
          ),
        this.timeouts.readMs,
        what,
      );
      return services.map(toCloudRunService);
    } catch (err) {
      throw wrapGoogleError(err, what);
    }
  }

  /** One service with all its fields (unmasked: an edit starts from this read and its etag). */
  async getService(
    projectId: string,
    region: string,
    name: string,
  ): Promise<CloudRunService> {
    return toCloudRunService(await this.getRaw(projectId, region, name));
  }

  /**
   * Changes min/max instances and concurrency of the revision template: a masked update (AIP-134:
   * only the three mask paths change) carrying the etag the caller read, so Google refuses it
   * (ABORTED → ConflictError with the current state) if the service moved since; no second read.
   * Waits for the operation, retrying transient poll errors; past the deadline the change is
   * OperationPendingError (submitted, not confirmed). With `validateOnly`, nothing is written.
   */
  async updateScaling(
    ref: { projectId: string; region: string; name: string },
    change: ScalingSettings,
    etag: string,
    options: { validateOnly: boolean },
  ): Promise<ScalingUpdateResult> {
    if (options.validateOnly)
      return this.submitScaling(ref, change, etag, options);
    return this.reads.write(() =>
      this.submitScaling(ref, change, etag, options),
    );
  }

  private async submitScaling(
    ref: { projectId: string; region: string; name: string },
    change: ScalingSettings,
    etag: string,
    options: { validateOnly: boolean },
  ): Promise<ScalingUpdateResult> {
    const name = `projects/${ref.projectId}/locations/${ref.region}/services/${ref.name}`;
    const service = {
      name,
      etag,
      template: {
        scaling: {
          minInstanceCount: change.minInstances,
          maxInstanceCount: change.maxInstances,
        },
        maxInstanceRequestConcurrency: change.concurrency,
      },
    };
    const what = `${
      options.validateOnly ? 'validating' : 'updating'
    } scaling of Cloud Run service ${ref.name} in ${ref.region}`;
    let operationName = '';
    try {
      const [operation] = await withDeadline(
        this.client.updateService(
          {
            service: service as never,
            updateMask: { paths: SCALING_MASK },
            validateOnly: options.validateOnly,
          },
          callOptions(this.timeouts.writeMs),
        ),
        this.timeouts.writeMs,
        what,
      );
      operationName = operation.name ?? '';
      const updated = await pollOperation(
        async () => {
          const op = await this.client.checkUpdateServiceProgress(
            operationName,
          );
          return {
            done: Boolean(op.done),
            error: op.error ?? undefined,
            result: op.result as RawRunService | undefined,
          };
        },
        {
          operation: operationName,
          deadlineMs: this.timeouts.operationMs,
          pollMs: this.timeouts.readMs,
          what,
        },
      );
      const result =
        updated && (updated as RawRunService).name
          ? toCloudRunService(updated as RawRunService)
          : await this.getService(ref.projectId, ref.region, ref.name);
      return { service: result, operation: operationName };
    } catch (err) {
      if (err instanceof OperationPendingError) throw err;
      if (grpcCode(err) === GrpcCode.ABORTED) {
        throw this.conflict(
          await this.getService(ref.projectId, ref.region, ref.name),
        );
      }
      throw wrapGoogleError(err, what);
    }
  }

  private async getRaw(
    projectId: string,
    region: string,
    name: string,
  ): Promise<RawRunService> {
    const what = `reading Cloud Run service ${name} of ${projectId} in ${region}`;
    try {
      const [service] = await readWithRetry(
        signal =>
          cancellableCall<[RawRunService]>(
            this.client as unknown as CancellableClient,
            'getService',
            {
              name: `projects/${projectId}/locations/${region}/services/${name}`,
            },
            callOptions(this.timeouts.readMs),
            signal,
          ),
        this.timeouts.readMs,
        what,
      );
      return service as RawRunService;
    } catch (err) {
      throw wrapGoogleError(err, what);
    }
  }

  private conflict(current: CloudRunService): ConflictError {
    return staleServiceConflict(current);
  }
}

/** The 409 for an edit made against an older etag; `details` is a ScalingConflictDetails. */
export function staleServiceConflict(current: CloudRunService): ConflictError {
  return new ConflictError(
    `Cloud Run service ${current.name} was changed by someone else since you previewed; review the current values and try again`,
    {
      details: {
        current: current.scaling,
        etag: current.etag,
        service: current,
      },
    },
  );
}
