/**
 * app-config schema of the gcp-serverless plugin (Backstage reads it from package.json `configSchema`).
 * The backend validates the same keys with its zod schema at start-up (src/config/config.ts).
 */
export interface Config {
  gcpServerless?: {
    /** `sandbox` (the local GCP emulator) or `gcp` (real Google Cloud with Application Default Credentials). */
    mode?: 'sandbox' | 'gcp';
    /** The allowlist: only these projects and regions are ever read or written. */
    projects: Array<{
      projectId: string;
      displayName?: string;
      regions: string[];
    }>;
    /** Sandbox endpoint, e.g. http://127.0.0.1:8123 (sandbox mode only). */
    sandbox?: { endpoint: string };
    /** Deadlines of calls to Google, milliseconds. */
    timeouts?: {
      readMs?: number;
      /** Deadline of each read inside a snapshot computation (no viewer waits on it past readModel.viewerWaitSeconds). Default 60000. */
      refreshReadMs?: number;
      writeMs?: number;
      operationMs?: number;
    };
    /** Cloud Billing account and its BigQuery export (budgets and costs). */
    billing?: {
      accountId: string;
      export?: {
        projectId: string;
        dataset: string;
        table?: string;
        location?: string;
      };
      /** `allowlisted` (default): only budgets scoped to configured projects; `billingAccount`: every budget. */
      budgetScope?: 'allowlisted' | 'billingAccount';
    };
    /** Standalone access control; ignored inside Backstage, where the permission framework decides. */
    access?: {
      identity:
        | { type: 'local'; user: string }
        | { type: 'iap'; audience: string };
      roles?: {
        viewer?: string[];
        editor?: string[];
        finance?: string[];
        /** May approve or reject others' change requests. */
        approver?: string[];
      };
    };
    /** Standalone approval policy: which applies become change requests (docs/approvals.md). */
    approvals?: {
      /** Worst-case cost up more than this per hour (monthly figures / 730). */
      costIncreasePerHourOver?: number;
      /** A guardrail warning that needs acknowledgement. */
      guardrailExceeded?: boolean;
      /** Resource labels that need approval, e.g. { env: production }. */
      labels?: { [key: string]: string };
      /** Inside Backstage: entity refs notified of new requests (e.g. group:default/sre). */
      notifyApprovers?: string[];
      /** Kinds of change that always need approval. */
      kinds?: Array<
        'scaling' | 'routing' | 'cdn' | 'queue' | 'redis' | 'budget'
      >;
    };
    /** Standalone change history; inside Backstage the database service is used. */
    history?: { sqliteFile?: string };
    /** Copy every change to Cloud Logging as a structured entry. */
    cloudLogging?: { projectId: string; logName?: string };
    /** The read model: pages are served from snapshots refreshed in the background (docs/configuration.md). */
    readModel?: {
      /** Seconds between background refreshes; 0 = no background refresh, every read recomputes. Default 60. */
      refreshIntervalSeconds?: number;
      /** Seconds a snapshot past the interval is still served at once while it refreshes. Default 900. */
      serveStaleForSeconds?: number;
      /** Seconds a viewer with nothing to be served at once waits for the page's computation. Default 60. */
      viewerWaitSeconds?: number;
      /** Windows kept warm by the refresher, e.g. ['1h', '24h']. Default ['1h']. */
      windows?: Array<'1h' | '6h' | '24h' | '7d'>;
      /** Compute snapshots in a worker thread of their own, not the thread that serves pages. Default true. */
      computeThread?: boolean;
      /** MB of old generation the computation thread may hold; one that runs out is replaced by one with twice as much. 0 = V8's default. Default 1024. */
      computeThreadHeapMb?: number;
    };
    /** Standalone snapshot cache; inside Backstage `backend.cache` is used. */
    cache?:
      | { store: 'memory' }
      | {
          store: 'redis';
          /** @visibility secret */
          connection: string;
        };
    /** Standalone database (history, refresh leases); inside Backstage `backend.database` is used. */
    database?:
      | { client: 'better-sqlite3' }
      | {
          client: 'pg';
          /** @visibility secret */
          connection: string | object;
        };
    /** Changes scheduled for a window (docs/scheduled-changes.md). */
    scheduledChanges?: {
      /** Seconds between passes of the runner that starts and reverts due windows; 0 = off. Default 30. */
      checkIntervalSeconds?: number;
    };
    /** Capacity guardrails: wiring that env vars and labels do not show (docs/queues-and-redis.md). */
    capacity?: {
      wiring?: Array<{
        projectId: string;
        /** Cloud Run service name. */
        service: string;
        /** Memorystore instance ids the service connects to. */
        redisInstances?: string[];
        /** Redis connections each instance of the service opens (1..65000). */
        redisConnectionsPerInstance?: number;
        /** Queue ids whose tasks this service handles. */
        queueTargets?: string[];
        /** Queue ids this service enqueues to. */
        queueProducers?: string[];
      }>;
      /** Replay the last 7 days in every scaling preview (docs/what-if.md); default on. */
      whatIf?: boolean;
    };
    /** Thresholds of the problem detectors on the index page; ratios 0..1 (docs/problems.md#thresholds). */
    problems?: {
      thresholds?: {
        errorRatio5xx?: number;
        errorRatio5xxCritical?: number;
        /** Milliseconds. */
        latencyP95Ms?: number;
        maxInstancesRatio?: number;
        throttled429PerSecond?: number;
        coldStartsPerHour?: number;
        /** Growth of the queue depth over the window, tasks. */
        queueBacklogGrowth?: number;
        queueOldestTaskSeconds?: number;
        redisConnectionsRatio?: number;
        cdnHitRatio?: number;
        minRequestsPerSecond?: number;
        budgetForecastRatio?: number;
      };
    };
  };
}
