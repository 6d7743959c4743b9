import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { CHANGE_KIND_LABELS, type ChangeRequest } from '@gcp-serverless/common';
import type { ChangeRequestNotifier } from '../approvals/ChangeRequestNotifier';

/** Where the plugin's pages are mounted in a Backstage app (docs/backstage.md). */
const APP_PATH = '/gcp-serverless';

/**
 * Change requests through Backstage's notifications backend (docs/approvals.md), as its
 * `NotificationService` sends them: `POST <notifications>/notifications` with a service token. New
 * requests go to `approvals.notifyApprovers` (entity refs such as `group:default/sre`); decisions go to
 * the requester. An app without the notifications plugin answers 404 or is not discoverable: the
 * caller logs it and the request or decision stands.
 */
export class BackstageNotificationsNotifier implements ChangeRequestNotifier {
  private readonly deps: {
    discovery: DiscoveryService;
    auth: AuthService;
    approvers: string[];
  };

  constructor(deps: BackstageNotificationsNotifier['deps']) {
    this.deps = deps;
  }

  async notify(
    request: ChangeRequest,
    event: 'requested' | 'approved' | 'rejected' | 'failed',
  ): Promise<void> {
    const what = `${
      CHANGE_KIND_LABELS[request.kind] ?? request.kind
    } of ${request.resource.split('/').pop()}`;
    const recipients =
      event === 'requested' ? this.deps.approvers : [request.requestedBy];
    // Only user and group entity refs can receive; a service caller has no inbox.
    const entityRef = recipients.filter(r => /^(user|group):/.test(r));
    if (entityRef.length === 0) return;
    const title = {
      requested: `Approval requested: ${what} by ${request.requestedBy}`,
      approved: `Approved and applied: ${what} (by ${request.decidedBy})`,
      rejected: `Rejected: ${what} (by ${request.decidedBy})`,
      failed: `Approved but not applied: ${what}`,
    }[event];
    const description = {
      requested: request.reasons.join('; '),
      approved: request.comment ?? '',
      rejected: request.comment ?? '',
      failed: request.outcome ?? '',
    }[event];
    const project = request.projectId ?? request.projects[0];
    const baseUrl = await this.deps.discovery.getBaseUrl('notifications');
    const { token } = await this.deps.auth.getPluginRequestToken({
      onBehalfOf: await this.deps.auth.getOwnServiceCredentials(),
      targetPluginId: 'notifications',
    });
    const res = await fetch(`${baseUrl}/notifications`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        recipients: { type: 'entity', entityRef },
        payload: {
          title,
          ...(description ? { description } : {}),
          ...(project
            ? {
                link: `${APP_PATH}/projects/${encodeURIComponent(
                  project,
                )}/approvals/${request.id}`,
              }
            : {}),
          severity: event === 'failed' ? 'high' : 'normal',
          topic: 'gcp-serverless-approvals',
        },
      }),
    });
    if (!res.ok)
      throw new Error(
        `notifications backend answered ${res.status} ${res.statusText}`,
      );
  }
}
