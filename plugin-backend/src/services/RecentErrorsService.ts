import {
  groupErrorEntries,
  groupRequestErrors,
  logsExplorerUrl,
  TIME_WINDOW_SECONDS,
  type RecentErrorsResponse,
  type TimeWindow,
} from '@gcp-serverless/common';
import { quoteFilterValue } from '../gateways/MonitoringGateway';
import type { CloudRunGateway } from '../gateways/CloudRunGateway';
import type { LogEntriesGateway } from '../gateways/LogEntriesGateway';
import type { ProjectAccess } from './ProjectAccess';

/** Entries read per page load: one Logging call; beyond it the counts are lower bounds (`truncated`). */
export const RECENT_ERRORS_PAGE_SIZE = 1000;

/**
 * Recent errors of one Cloud Run service from Cloud Logging: error entries (severity ≥ ERROR) of the
 * service's revisions over the window, grouped by message, and its 5xx request logs grouped by
 * status and path, with the Logs Explorer link for the same query. One Logging call, and one Run
 * read in parallel (an unknown service is a 404).
 */
export class RecentErrorsService {
  private readonly deps: {
    access: ProjectAccess;
    logs: LogEntriesGateway;
    cloudRun: Pick<CloudRunGateway, 'getService'>;
    now: () => number;
  };

  constructor(deps: RecentErrorsService['deps']) {
    this.deps = deps;
  }

  async recentErrors(
    projectId: string,
    region: string,
    service: string,
    window: TimeWindow,
  ): Promise<RecentErrorsResponse> {
    this.deps.access.region(projectId, region);
    const endMs = Math.floor(this.deps.now() / 1000) * 1000;
    const start = new Date(
      endMs - TIME_WINDOW_SECONDS[window] * 1000,
    ).toISOString();
    const end = new Date(endMs).toISOString();
    const filter = [
      `resource.type = "cloud_run_revision"`,
      `resource.labels.service_name = ${quoteFilterValue(service)}`,
      `resource.labels.location = ${quoteFilterValue(region)}`,
      'severity>=ERROR',
      `timestamp >= ${quoteFilterValue(start)}`,
      `timestamp <= ${quoteFilterValue(end)}`,
    ].join(' AND ');
    // The service is read alongside, so that an unknown service is a 404 rather than an empty page.
    const [, page] = await Promise.all([
      this.deps.cloudRun.getService(projectId, region, service),
      this.deps.logs.newest(projectId, filter, RECENT_ERRORS_PAGE_SIZE),
    ]);
    return {
      projectId,
      region,
      service,
      window,
      asOf: end,
      filter,
      logsExplorerUrl: logsExplorerUrl(projectId, filter, start, end),
      errors: groupErrorEntries(page.entries),
      requests: groupRequestErrors(page.entries),
      scanned: page.entries.length,
      truncated: page.more,
    };
  }
}
