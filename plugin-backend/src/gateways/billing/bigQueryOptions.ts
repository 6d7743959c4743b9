import type { BigQueryOptions } from '@google-cloud/bigquery';
import { OAuth2Client } from 'google-auth-library';
import type { GcpServerlessConfig } from '../../config/config';

/**
 * Options of the BigQuery client. `@google-cloud/bigquery` is not a google-gax client, so the
 * options of docs/google-apis.md §1 do not apply: in sandbox mode it gets the sandbox as `apiEndpoint`
 * (scheme included; it appends `/bigquery/v2`) and a fixed-token OAuth2 client, which adds
 * `Authorization: Bearer sandbox` without any network call — so nothing probes the metadata server.
 * In gcp mode it uses Application Default Credentials and runs jobs in the export's project.
 */
export function bigQueryOptions(
  config: GcpServerlessConfig,
  projectId: string,
  location?: string,
): BigQueryOptions {
  const base: BigQueryOptions = {
    projectId,
    ...(location ? { location } : {}),
    autoRetry: false,
  };
  if (config.mode === 'gcp') return base;
  const endpoint = new URL(config.sandbox!.endpoint);
  const auth = new OAuth2Client();
  auth.setCredentials({ access_token: 'sandbox' });
  return { ...base, apiEndpoint: endpoint.origin, authClient: auth as never };
}
