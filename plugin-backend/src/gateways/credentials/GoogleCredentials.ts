import { GoogleAuth } from 'google-auth-library';
import { ServiceUnavailableError } from '@gcp-serverless/common';
import type { GcpServerlessConfig } from '../../config/config';

/** What the error names when no credentials are found: the two ways to provide them. */
export const NO_CREDENTIALS_MESSAGE =
  'no Application Default Credentials: run `gcloud auth application-default login` or attach a service account';

/** Who the Google calls run as, for the doctor and the setup page. */
export interface CredentialsDescription {
  found: boolean;
  /** e.g. `service account`, `user (gcloud application-default login)`, `sandbox API key`. */
  kind?: string;
  /** Email of the principal when Google tells it. */
  principal?: string;
  /** Why none were found, naming the fix. */
  problem?: string;
}

/**
 * The credentials every Google client of the plugin uses. In gcp mode they are Application Default
 * Credentials, which the clients load lazily inside their first call; a missing credential there is
 * thrown from deep inside google-gax where no caller can catch it and ends the process
 * (docs/google-apis.md §1). So every call first awaits `ready()` (see guardClient), which loads the
 * same credentials up front and turns their absence into an error naming the fix.
 */
export interface GoogleCredentials {
  /** True when there is nothing to wait for (sandbox mode): clients need no guard. */
  readonly alwaysReady: boolean;
  /** Resolves when credentials are available; rejects with a ServiceUnavailableError naming the fix. */
  ready(): Promise<void>;
  describe(): Promise<CredentialsDescription>;
}

/** Sandbox mode: the clients carry a fixed API key, nothing is loaded. */
export class SandboxCredentials implements GoogleCredentials {
  readonly alwaysReady = true;
  async ready(): Promise<void> {}
  async describe(): Promise<CredentialsDescription> {
    return { found: true, kind: 'sandbox API key', principal: 'sandbox' };
  }
}

/** The error of a call made without credentials; `details.setup` lets the UI open the setup page. */
export function noCredentialsError(cause?: unknown): ServiceUnavailableError {
  const detail =
    cause instanceof Error ? ` (${cause.message.split('. ')[0]})` : '';
  return new ServiceUnavailableError(`${NO_CREDENTIALS_MESSAGE}${detail}`, {
    cause,
    details: { setup: { reason: 'NO_CREDENTIALS' } },
  });
}

/**
 * Application Default Credentials through one shared GoogleAuth. A failed lookup is not cached by
 * google-auth-library, so once the user has logged in the next call succeeds without a restart.
 */
export class ApplicationDefaultCredentials implements GoogleCredentials {
  readonly alwaysReady = false;
  private readonly auth: GoogleAuth;

  constructor(
    auth: GoogleAuth = new GoogleAuth({
      scopes: ['https://www.googleapis.com/auth/cloud-platform'],
    }),
  ) {
    this.auth = auth;
  }

  async ready(): Promise<void> {
    try {
      await this.auth.getClient();
    } catch (err) {
      throw noCredentialsError(err);
    }
  }

  async describe(): Promise<CredentialsDescription> {
    try {
      await this.auth.getClient();
    } catch (err) {
      return { found: false, problem: noCredentialsError(err).message };
    }
    const credentials = await this.auth
      .getCredentials()
      .catch(() => ({} as { client_email?: string }));
    if (credentials.client_email)
      return {
        found: true,
        kind: 'service account',
        principal: credentials.client_email,
      };
    // User credentials do not carry the email; the token's info does when the email scope was granted.
    try {
      const client = await this.auth.getClient();
      const token = (await client.getAccessToken()).token;
      const withInfo = client as unknown as {
        getTokenInfo?: (t: string) => Promise<{ email?: string }>;
      };
      const info =
        token && withInfo.getTokenInfo
          ? await withInfo.getTokenInfo(token)
          : undefined;
      return {
        found: true,
        kind: 'Application Default Credentials',
        ...(info?.email ? { principal: info.email } : {}),
      };
    } catch (err) {
      return {
        found: true,
        kind: 'Application Default Credentials',
        problem: `could not get an access token: ${(err as Error).message}`,
      };
    }
  }
}

/** The credentials of a config's mode. */
export function credentialsFromConfig(
  config: GcpServerlessConfig,
): GoogleCredentials {
  return config.mode === 'gcp'
    ? new ApplicationDefaultCredentials()
    : new SandboxCredentials();
}
