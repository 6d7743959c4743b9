import type { ChangeRequest } from '@gcp-serverless/common';

/** Tells people about a change request (inside Backstage: its notifications service, when the app has it). */
export interface ChangeRequestNotifier {
  notify(
    request: ChangeRequest,
    event: 'requested' | 'approved' | 'rejected' | 'failed',
  ): Promise<void>;
}
