import type { AuditorService } from '@backstage/backend-plugin-api';
import { currentRequest } from '../access/currentRequest';
import type { AuditEntry, AuditLog } from '../services/AuditLog';

/**
 * Mirrors each change as a Backstage auditor event (`eventId` = the kind, e.g. `scaling`;
 * `meta.action` = `scaling.apply`), so the app's audit pipeline sees it with the rest of Backstage.
 * The event is recorded after the fact, hence created and closed at once. It carries the request
 * being handled, from which the auditor takes the caller's credentials as the event's actor
 * (without a request it would name the plugin).
 */
export class AuditorAuditLog implements AuditLog {
  private readonly auditor: AuditorService;

  constructor(auditor: AuditorService) {
    this.auditor = auditor;
  }

  async record(entry: AuditEntry): Promise<void> {
    // A pending change is reported once, when the reconciler settles it.
    if (entry.result === 'pending') return;
    const event = await this.auditor.createEvent({
      eventId: `${entry.action.split('.')[0]}-change`,
      severityLevel: entry.result === 'succeeded' ? 'medium' : 'high',
      request: currentRequest(),
      meta: {
        action: entry.action,
        actor: entry.actor,
        resource: entry.resource,
        before: (entry.before ?? null) as never,
        after: (entry.after ?? null) as never,
        result: entry.result,
        operation: entry.operation ?? null,
      },
    });
    if (entry.result === 'succeeded') await event.success();
    else await event.fail({ error: new Error(entry.error ?? entry.result) });
  }
}
