/**
 * Why a read failed when the cause is the Google Cloud setup rather than the request: carried in an
 * error's `details.setup` and a `PanelError`'s `setup`, so a panel can say it is unavailable, why,
 * and send the user to the setup page (the doctor's report) instead of showing a bare error.
 */
export type SetupReason =
  /** No Application Default Credentials where the backend runs. */
  | 'NO_CREDENTIALS'
  /** Google refused the credentials (401): expired, revoked or of another kind. */
  | 'CREDENTIALS_REJECTED'
  /** The API the call needs is disabled in the project. */
  | 'SERVICE_DISABLED'
  /** The identity lacks an IAM permission (or cannot see the project). */
  | 'PERMISSION_DENIED'
  /** The billing export table is the standard one, which has no resource column. */
  | 'STANDARD_EXPORT_TABLE';

/** A setup problem behind a failure, with what the UI needs to name the fix. */
export interface SetupHint {
  reason: SetupReason;
  /** The disabled API, e.g. `run.googleapis.com` (SERVICE_DISABLED). */
  service?: string;
  /** Its title, e.g. `Cloud Run Admin API`. */
  title?: string;
  /** Where to enable it (SERVICE_DISABLED). */
  activationUrl?: string;
  /** The permission denied, e.g. `cloudtasks.queues.list` (PERMISSION_DENIED, when Google names it). */
  permission?: string;
  /** The predefined role that grants it (docs/configuration.md#iam-roles). */
  role?: string;
}

const REASONS: readonly string[] = [
  'NO_CREDENTIALS',
  'CREDENTIALS_REJECTED',
  'SERVICE_DISABLED',
  'PERMISSION_DENIED',
  'STANDARD_EXPORT_TABLE',
];

/** The setup hint in an error's `details` (`{ setup: { reason, … } }`), if there is one. */
export function setupHintOf(details: unknown): SetupHint | undefined {
  const setup = (details as { setup?: unknown } | null | undefined)?.setup;
  if (!setup || typeof setup !== 'object') return undefined;
  const reason = (setup as { reason?: unknown }).reason;
  return typeof reason === 'string' && REASONS.includes(reason)
    ? (setup as SetupHint)
    : undefined;
}

/** One sentence naming what is missing and what fixes it, for a panel that cannot load. */
export function describeSetupHint(hint: SetupHint): string {
  switch (hint.reason) {
    case 'NO_CREDENTIALS':
      return 'The portal has no Google Cloud credentials: run `gcloud auth application-default login` where it runs, or attach a service account.';
    case 'CREDENTIALS_REJECTED':
      return "Google Cloud rejected the portal's credentials: log in again (`gcloud auth application-default login`) or check the service account.";
    case 'SERVICE_DISABLED':
      return `${
        hint.title ?? hint.service ?? 'A Google API'
      } is disabled in this project${
        hint.activationUrl ? `: enable it at ${hint.activationUrl}` : ''
      }.`;
    case 'PERMISSION_DENIED':
      return hint.permission
        ? `The portal's identity lacks ${hint.permission}${
            hint.role ? `: grant ${hint.role}` : ''
          }.`
        : "The portal's identity lacks a permission on this project (or cannot see it).";
    case 'STANDARD_EXPORT_TABLE':
    default:
      return 'The billing export table is the standard one, which has no resource column: use the detailed usage cost export.';
  }
}
