import { googleClientClass, type ServiceUsageClient } from './googleClients';
import { lazyClient } from './lazyClient';
import type { GcpServerlessConfig } from '../config/config';
import type { GoogleCredentials } from './credentials/GoogleCredentials';
import { guardClient } from './credentials/guardClient';
import { callOptions, readWithRetry } from './callSettings';
import { googleClientOptions } from './googleClientOptions';
import { wrapGoogleError } from './googleErrors';

/** Whether an API is enabled in a project. */
export type ApiState = 'enabled' | 'disabled' | 'unknown';

/** `Service.state` as the REST transport hands it back: a name or a number (docs/google-apis.md §1). */
const API_STATES: Record<string, ApiState> = {
  ENABLED: 'enabled',
  '2': 'enabled',
  DISABLED: 'disabled',
  '1': 'disabled',
};

/** Service Usage v1 `services.batchGet` takes at most this many names per call. */
const BATCH_LIMIT = 30;

/** Service Usage v1 behind our own interface, for the doctor: which of the plugin's APIs a project has enabled. */
export class ServiceUsageGateway {
  private readonly client: ServiceUsageClient;
  private readonly readMs: number;

  constructor(client: ServiceUsageClient, readMs: number) {
    this.client = client;
    this.readMs = readMs;
  }

  static fromConfig(
    config: GcpServerlessConfig,
    credentials: GoogleCredentials,
  ): ServiceUsageGateway {
    const client = lazyClient(
      () =>
        new (googleClientClass.serviceUsage())(
          googleClientOptions(config) as never,
        ),
    );
    return new ServiceUsageGateway(
      guardClient(client, credentials, ['batchGetServices']),
      config.timeouts.readMs,
    );
  }

  /** The state of each service (e.g. `run.googleapis.com`) in the project. */
  async apiStates(
    projectId: string,
    services: readonly string[],
  ): Promise<Map<string, ApiState>> {
    const what = `reading enabled APIs of project ${projectId}`;
    const states = new Map<string, ApiState>(services.map(s => [s, 'unknown']));
    try {
      for (let i = 0; i < services.length; i += BATCH_LIMIT) {
        const names = services
          .slice(i, i + BATCH_LIMIT)
          .map(s => `projects/${projectId}/services/${s}`);
        const [answer] = await readWithRetry(
          () =>
            this.client.batchGetServices(
              { parent: `projects/${projectId}`, names },
              callOptions(this.readMs),
            ),
          this.readMs,
          what,
        );
        for (const service of answer.services ?? []) {
          const id =
            String(service.name ?? '')
              .split('/')
              .pop() ?? '';
          // The REST transport hands enums back as names or numbers (docs/google-apis.md §1): 2 = ENABLED, 1 = DISABLED.
          const state = String(service.state);
          states.set(id, API_STATES[state] ?? 'unknown');
        }
      }
      return states;
    } catch (err) {
      throw wrapGoogleError(err, what);
    }
  }
}
