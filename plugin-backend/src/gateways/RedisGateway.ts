import { googleClientClass, type CloudRedisClient } from './googleClients';
import type { RedisInstance, RedisSettings } from '@gcp-serverless/common';
import type { GcpServerlessConfig } from '../config/config';
import type { GoogleCredentials } from './credentials/GoogleCredentials';
import { guardClient } from './credentials/guardClient';
import {
  cancellableCall,
  cancellableList,
  type CancellableClient,
} from './cancellableCalls';
import { callOptions, readWithRetry, withDeadline } from './callSettings';
import { googleClientOptions } from './googleClientOptions';
import { lazyClient } from './lazyClient';
import { InFlightReads } from './InFlightReads';
import { wrapGoogleError } from './googleErrors';
import { OperationPendingError, pollOperation } from './operationPolling';
import {
  toRedisInstance,
  type RawRedisInstance,
} from './redisInstanceTranslator';

/** Which instance: project, region and instance id. */
export interface RedisRef {
  projectId: string;
  region: string;
  name: string;
}

/** Deadlines of the gateway's calls, milliseconds. */
export interface RedisGatewayTimeouts {
  readMs: number;
  writeMs: number;
  operationMs: number;
}

/** The outcome of an update: the instance as the finished operation returned it, and the operation name. */
export interface RedisUpdateResult {
  instance: RedisInstance;
  operation: string;
}

const instanceName = (ref: RedisRef) =>
  `projects/${ref.projectId}/locations/${ref.region}/instances/${ref.name}`;

/**
 * Memorystore for Redis v1 behind our own interface. UpdateInstance returns a long-running operation:
 * we wait on `op.promise()` under our own deadline (it has none, docs/google-apis.md §1) and normalise its
 * raw protobuf result. Instances have no etag: the service does the optimistic read-compare.
 */
export class RedisGateway {
  private readonly client: CloudRedisClient;
  private readonly timeouts: RedisGatewayTimeouts;
  private readonly reads = new InFlightReads();

  constructor(client: CloudRedisClient, timeouts: RedisGatewayTimeouts) {
    this.client = client;
    this.timeouts = timeouts;
  }

  static fromConfig(
    config: GcpServerlessConfig,
    credentials: GoogleCredentials,
  ): RedisGateway {
    const client = lazyClient(
      () =>
        new (googleClientClass.redis())(googleClientOptions(config) as never),
    );
    return new RedisGateway(
      guardClient(client, credentials, [
        'listInstances',
        'getInstance',
        'updateInstance',
        'initialize',
      ]),
      config.timeouts,
    );
  }

  /** All instances of one project and region (every page, aborted at the deadline). */
  async listInstances(
    projectId: string,
    region: string,
  ): Promise<RedisInstance[]> {
    const items = await this.reads.read(`${projectId}/${region}`, () =>
      this.listOnce(projectId, region),
    );
    return [...items];
  }

  private async listOnce(
    projectId: string,
    region: string,
  ): Promise<RedisInstance[]> {
    const what = `listing Memorystore Redis instances of ${projectId} in ${region}`;
    try {
      // Unset pageSize is the API's largest page; aborted at the deadline.
      const instances = await readWithRetry(
        signal =>
          cancellableList<RawRedisInstance>(
            this.client as unknown as CancellableClient,
            'listInstances',
            { parent: `projects/${projectId}/locations/${region}` },
            callOptions(this.timeouts.readMs),
            signal,
          ),
        this.timeouts.readMs,
        what,
      );
      return instances.map(toRedisInstance);
    } catch (err) {
      throw wrapGoogleError(err, what);
    }
  }

  async getInstance(ref: RedisRef): Promise<RedisInstance> {
    const what = `reading Memorystore Redis instance ${ref.name} of ${ref.projectId} in ${ref.region}`;
    try {
      const [instance] = await readWithRetry(
        signal =>
          cancellableCall<[RawRedisInstance]>(
            this.client as unknown as CancellableClient,
            'getInstance',
            { name: instanceName(ref) },
            callOptions(this.timeouts.readMs),
            signal,
          ),
        this.timeouts.readMs,
        what,
      );
      return toRedisInstance(instance as RawRedisInstance);
    } catch (err) {
      throw wrapGoogleError(err, what);
    }
  }

  /**
   * Sets memory size and/or redis configs. The updateMask is required by the API and lists only the
   * fields that change (`memory_size_gb`, `redis_configs`), so an unchanged size is not re-sent.
   */
  updateSettings(
    ref: RedisRef,
    settings: RedisSettings,
    fields: ('memorySizeGb' | 'redisConfigs')[],
  ): Promise<RedisUpdateResult> {
    return this.reads.write(() => this.submitSettings(ref, settings, fields));
  }

  private async submitSettings(
    ref: RedisRef,
    settings: RedisSettings,
    fields: ('memorySizeGb' | 'redisConfigs')[],
  ): Promise<RedisUpdateResult> {
    const what = `updating Memorystore Redis instance ${ref.name} in ${ref.region}`;
    const paths = fields.map(f =>
      f === 'memorySizeGb' ? 'memory_size_gb' : 'redis_configs',
    );
    try {
      const [operation] = await withDeadline(
        this.client.updateInstance(
          {
            instance: {
              name: instanceName(ref),
              memorySizeGb: settings.memorySizeGb,
              redisConfigs: settings.redisConfigs,
            },
            updateMask: { paths },
          },
          callOptions(this.timeouts.writeMs),
        ),
        this.timeouts.writeMs,
        what,
      );
      const operationName = operation.name ?? '';
      const updated = await pollOperation(
        async () => {
          const op = await this.client.checkUpdateInstanceProgress(
            operationName,
          );
          return {
            done: Boolean(op.done),
            error: op.error ?? undefined,
            result: op.result as RawRedisInstance | undefined,
          };
        },
        {
          operation: operationName,
          deadlineMs: this.timeouts.operationMs,
          pollMs: this.timeouts.readMs,
          what,
        },
      );
      const instance =
        updated && (updated as RawRedisInstance).name
          ? toRedisInstance(updated as RawRedisInstance)
          : await this.getInstance(ref);
      return { instance, operation: operationName };
    } catch (err) {
      if (err instanceof OperationPendingError) throw err;
      throw wrapGoogleError(err, what);
    }
  }
}
