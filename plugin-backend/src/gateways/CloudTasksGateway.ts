import { googleClientClass, type CloudTasksClient } from './googleClients';
import type { CloudTasksQueue, QueueSettings } from '@gcp-serverless/common';
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
import {
  QUEUE_SETTINGS_MASK,
  queueSettingsBody,
  toCloudTasksQueue,
  type RawQueue,
} from './tasksQueueTranslator';

/** Which queue: project, region (Cloud Tasks location) and queue id. */
export interface QueueRef {
  projectId: string;
  region: string;
  name: string;
}

/** Deadlines of the gateway's calls, milliseconds. */
export interface CloudTasksGatewayTimeouts {
  readMs: number;
  writeMs: number;
}

const queueName = (ref: QueueRef) =>
  `projects/${ref.projectId}/locations/${ref.region}/queues/${ref.name}`;

/**
 * Cloud Tasks v2 behind our own interface: returns domain types, wraps failures with context. Writes
 * are never retried (pause/resume are idempotent but purge is not, and one policy is clearer).
 * Queues have no etag: the service does the optimistic read-compare before calling update.
 */
export class CloudTasksGateway {
  private readonly client: CloudTasksClient;
  private readonly timeouts: CloudTasksGatewayTimeouts;
  private readonly reads = new InFlightReads();

  constructor(client: CloudTasksClient, timeouts: CloudTasksGatewayTimeouts) {
    this.client = client;
    this.timeouts = timeouts;
  }

  static fromConfig(
    config: GcpServerlessConfig,
    credentials: GoogleCredentials,
  ): CloudTasksGateway {
    const client = lazyClient(
      () =>
        new (googleClientClass.tasks())(googleClientOptions(config) as never),
    );
    const methods = [
      'listQueues',
      'getQueue',
      'updateQueue',
      'pauseQueue',
      'resumeQueue',
      'purgeQueue',
      'initialize',
    ] as const;
    return new CloudTasksGateway(
      guardClient(client, credentials, methods),
      config.timeouts,
    );
  }

  /** All queues of one project and region (every page, aborted at the deadline). */
  async listQueues(
    projectId: string,
    region: string,
  ): Promise<CloudTasksQueue[]> {
    const items = await this.reads.read(`${projectId}/${region}`, () =>
      this.listOnce(projectId, region),
    );
    return [...items];
  }

  private async listOnce(
    projectId: string,
    region: string,
  ): Promise<CloudTasksQueue[]> {
    const what = `listing Cloud Tasks queues of ${projectId} in ${region}`;
    try {
      // Unset pageSize is the API's largest page; aborted at the deadline.
      const queues = await readWithRetry(
        signal =>
          cancellableList<RawQueue>(
            this.client as unknown as CancellableClient,
            'listQueues',
            { parent: `projects/${projectId}/locations/${region}` },
            callOptions(this.timeouts.readMs),
            signal,
          ),
        this.timeouts.readMs,
        what,
      );
      return queues.map(toCloudTasksQueue);
    } catch (err) {
      throw wrapGoogleError(err, what);
    }
  }

  async getQueue(ref: QueueRef): Promise<CloudTasksQueue> {
    const what = `reading Cloud Tasks queue ${ref.name} of ${ref.projectId} in ${ref.region}`;
    try {
      const [queue] = await readWithRetry(
        signal =>
          cancellableCall<[RawQueue]>(
            this.client as unknown as CancellableClient,
            'getQueue',
            { name: queueName(ref) },
            callOptions(this.timeouts.readMs),
            signal,
          ),
        this.timeouts.readMs,
        what,
      );
      return toCloudTasksQueue(queue as RawQueue);
    } catch (err) {
      throw wrapGoogleError(err, what);
    }
  }

  /**
   * Sets rate limits and retry config with an explicit updateMask (an empty mask would replace every
   * field, and UpdateQueue creates a missing queue — docs/google-apis.md §4 — so the caller reads it first).
   */
  updateSettings(
    ref: QueueRef,
    settings: QueueSettings,
  ): Promise<CloudTasksQueue> {
    return this.reads.write(() => this.submitSettings(ref, settings));
  }

  private async submitSettings(
    ref: QueueRef,
    settings: QueueSettings,
  ): Promise<CloudTasksQueue> {
    const what = `updating rate limits and retry config of Cloud Tasks queue ${ref.name} in ${ref.region}`;
    try {
      const [queue] = await withDeadline(
        this.client.updateQueue(
          {
            queue: queueSettingsBody(queueName(ref), settings) as never,
            updateMask: { paths: QUEUE_SETTINGS_MASK },
          },
          callOptions(this.timeouts.writeMs),
        ),
        this.timeouts.writeMs,
        what,
      );
      return toCloudTasksQueue(queue as RawQueue);
    } catch (err) {
      throw wrapGoogleError(err, what);
    }
  }

  pause(ref: QueueRef): Promise<CloudTasksQueue> {
    return this.action(ref, 'pausing', () =>
      this.client.pauseQueue(
        { name: queueName(ref) },
        callOptions(this.timeouts.writeMs),
      ),
    );
  }

  resume(ref: QueueRef): Promise<CloudTasksQueue> {
    return this.action(ref, 'resuming', () =>
      this.client.resumeQueue(
        { name: queueName(ref) },
        callOptions(this.timeouts.writeMs),
      ),
    );
  }

  /** Deletes every task in the queue (tasks created before the purge time). */
  purge(ref: QueueRef): Promise<CloudTasksQueue> {
    return this.action(ref, 'purging', () =>
      this.client.purgeQueue(
        { name: queueName(ref) },
        callOptions(this.timeouts.writeMs),
      ),
    );
  }

  private async action(
    ref: QueueRef,
    verb: string,
    call: () => Promise<unknown[]>,
  ): Promise<CloudTasksQueue> {
    const what = `${verb} Cloud Tasks queue ${ref.name} in ${ref.region}`;
    try {
      const [queue] = await this.reads.write(() =>
        withDeadline(call(), this.timeouts.writeMs, what),
      );
      return toCloudTasksQueue(queue as RawQueue);
    } catch (err) {
      throw wrapGoogleError(err, what);
    }
  }
}
