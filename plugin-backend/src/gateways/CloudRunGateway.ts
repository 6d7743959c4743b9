import { ServicesClient } from '@google-cloud/run';
import {
  ConflictError,
  type CloudRunService,
  type ScalingSettings,
} from '@gcp-serverless/common';
import type { GcpServerlessConfig } from '../config/config';
import type { GoogleCredentials } from './credentials/GoogleCredentials';
import { guardClient } from './credentials/guardClient';
import { callOptions, readWithRetry, withDeadline } from './callSettings';
import { googleClientOptions } from './googleClientOptions';
import { grpcCode, GrpcCode, wrapGoogleError } from './googleErrors';
import { toCloudRunService, type RawRunService } from './runServiceTranslator';

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

/** Cloud Run Admin API v2 behind our own interface: returns domain types, wraps failures with context. */
export class CloudRunGateway {
  private readonly client: ServicesClient;
  private readonly timeouts: CloudRunGatewayTimeouts;

  constructor(client: ServicesClient, timeouts: CloudRunGatewayTimeouts) {
    this.client = client;
    this.timeouts = timeouts;
  }

  static fromConfig(
    config: GcpServerlessConfig,
    credentials: GoogleCredentials,
  ): CloudRunGateway {
    const client = new ServicesClient(googleClientOptions(config) as never);
    return new CloudRunGateway(
      guardClient(client, credentials, [
        'listServices',
        'getService',
        'updateService',
      ]),
      config.timeouts,
    );
  }

  /** All services of one project and region (the client follows nextPageToken). */
  async listServices(
    projectId: string,
    region: string,
  ): Promise<CloudRunService[]> {
    const what = `listing Cloud Run services of ${projectId} in ${region}`;
    try {
      const [services] = await readWithRetry(
        () =>
          this.client.listServices(
            { parent: `projects/${projectId}/locations/${region}` },
            callOptions(this.timeouts.readMs),
          ),
        this.timeouts.readMs,
        what,
      );
      return (services as RawRunService[]).map(toCloudRunService);
    } catch (err) {
      throw wrapGoogleError(err, what);
    }
  }

  async getService(
    projectId: string,
    region: string,
    name: string,
  ): Promise<CloudRunService> {
    return toCloudRunService(await this.getRaw(projectId, region, name));
  }

  /**
   * Changes min/max instances and concurrency of the revision template. Read-modify-write of the
   * whole Service under the etag read at preview: if the service changed since, nothing is sent and
   * a ConflictError carries the current state; if it changes between our read and Google's write,
   * Google's etag check (ABORTED) turns into the same conflict. With `validateOnly`, Google checks
   * the change and nothing is written.
   */
  async updateScaling(
    ref: { projectId: string; region: string; name: string },
    change: ScalingSettings,
    expectedEtag: string,
    options: { validateOnly: boolean },
  ): Promise<ScalingUpdateResult> {
    const raw = await this.getRaw(ref.projectId, ref.region, ref.name);
    if (raw.etag !== expectedEtag) throw this.conflict(toCloudRunService(raw));

    const template = { ...(raw.template ?? {}) };
    template.scaling = {
      ...(template.scaling ?? {}),
      minInstanceCount: change.minInstances,
      maxInstanceCount: change.maxInstances,
    };
    template.maxInstanceRequestConcurrency = change.concurrency;
    const what = `${
      options.validateOnly ? 'validating' : 'updating'
    } scaling of Cloud Run service ${ref.name} in ${ref.region}`;
    try {
      const [operation] = await withDeadline(
        this.client.updateService(
          {
            service: { ...raw, template } as never,
            updateMask: { paths: SCALING_MASK },
            validateOnly: options.validateOnly,
          },
          callOptions(this.timeouts.writeMs),
        ),
        this.timeouts.writeMs,
        what,
      );
      const [updated] = await withDeadline(
        operation.promise(),
        this.timeouts.operationMs,
        `${what}: operation ${operation.name}`,
      );
      return {
        service: toCloudRunService(updated as RawRunService),
        operation: operation.name ?? '',
      };
    } catch (err) {
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
        () =>
          this.client.getService(
            {
              name: `projects/${projectId}/locations/${region}/services/${name}`,
            },
            callOptions(this.timeouts.readMs),
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
