import { googleClientClass, type ProjectsClient } from './googleClients';
import { lazyClient } from './lazyClient';
import type { GcpServerlessConfig } from '../config/config';
import type { GoogleCredentials } from './credentials/GoogleCredentials';
import { guardClient } from './credentials/guardClient';
import { callOptions, readWithRetry } from './callSettings';
import { googleClientOptions } from './googleClientOptions';
import { wrapGoogleError } from './googleErrors';

/** A project as Cloud Resource Manager describes it. */
export interface ProjectInfo {
  projectId: string;
  displayName?: string;
  /** `ACTIVE`, `DELETE_REQUESTED`, … */
  state?: string;
}

/**
 * Cloud Resource Manager v3 behind our own interface, for the doctor: does the project exist for
 * these credentials, and which of a list of permissions do they hold on it (`testIamPermissions`
 * answers the subset held; it needs no permission of its own).
 */
export class ProjectIamGateway {
  private readonly client: ProjectsClient;
  private readonly readMs: number;

  constructor(client: ProjectsClient, readMs: number) {
    this.client = client;
    this.readMs = readMs;
  }

  static fromConfig(
    config: GcpServerlessConfig,
    credentials: GoogleCredentials,
  ): ProjectIamGateway {
    const client = lazyClient(
      () =>
        new (googleClientClass.projects())(
          googleClientOptions(config) as never,
        ),
    );
    return new ProjectIamGateway(
      guardClient(client, credentials, ['getProject', 'testIamPermissions']),
      config.timeouts.readMs,
    );
  }

  async getProject(projectId: string): Promise<ProjectInfo> {
    const what = `reading project ${projectId} from Cloud Resource Manager`;
    try {
      const [project] = await readWithRetry(
        () =>
          this.client.getProject(
            { name: `projects/${projectId}` },
            callOptions(this.readMs),
          ),
        this.readMs,
        what,
      );
      return {
        projectId: project.projectId ?? projectId,
        ...(project.displayName ? { displayName: project.displayName } : {}),
        ...(project.state !== undefined && project.state !== null
          ? { state: String(project.state) }
          : {}),
      };
    } catch (err) {
      throw wrapGoogleError(err, what);
    }
  }

  /** The permissions of `permissions` that the caller holds on the project. */
  async heldPermissions(
    projectId: string,
    permissions: readonly string[],
  ): Promise<string[]> {
    const what = `testing IAM permissions on project ${projectId}`;
    try {
      const [answer] = await readWithRetry(
        () =>
          this.client.testIamPermissions(
            {
              resource: `projects/${projectId}`,
              permissions: [...permissions],
            },
            callOptions(this.readMs),
          ),
        this.readMs,
        what,
      );
      return answer.permissions ?? [];
    } catch (err) {
      throw wrapGoogleError(err, what);
    }
  }
}
