/**
 * The doctor's report (`GET /setup`, `npm run doctor`, the start-up log and the setup page): per
 * configured project, what was found and what is missing, each with the fix.
 */

/** One finding: `ok`, or a problem with what fixes it. */
export interface SetupCheck {
  status: 'ok' | 'missing' | 'error' | 'skipped';
  /** What was checked or found, e.g. `Cloud Run Admin API enabled`. */
  message: string;
  /** How to fix it: a command, a role to grant or a URL to open. */
  fix?: string;
}

export interface ApiStatus {
  service: string;
  title: string;
  state: 'enabled' | 'disabled' | 'unknown';
  /** Where to enable it (from Google's SERVICE_DISABLED error or the console's usual URL). */
  activationUrl?: string;
  problem?: string;
}

export interface MissingPermission {
  permission: string;
  /** The predefined role that grants it. */
  role: string;
}

/** A feature and whether it can be used in a project. */
export interface FeatureStatus {
  id: string;
  title: string;
  kind: 'read' | 'edit';
  available: boolean;
  /** Why it is not available: missing permissions (with roles) or disabled APIs. */
  reason?: string;
  missingPermissions: MissingPermission[];
  disabledApis: string[];
}

export interface ProjectSetup {
  projectId: string;
  regions: string[];
  /** The project exists and these credentials can see it. */
  project: SetupCheck;
  apis: ApiStatus[];
  permissions: SetupCheck;
  features: FeatureStatus[];
}

export interface SetupReport {
  mode: 'sandbox' | 'gcp';
  checkedAt: string;
  credentials: SetupCheck & { principal?: string; kind?: string };
  projects: ProjectSetup[];
  /** The billing account's budgets and the billing export table, when configured. */
  billing: { budgets: SetupCheck; export: SetupCheck };
  /** True when nothing is missing. */
  ok: boolean;
  /** One line per problem, each with its fix, for logs and the CLI. */
  problems: string[];
}
