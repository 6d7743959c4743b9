import { z } from 'zod';
import {
  approvalPolicySchema,
  projectIdSchema,
  regionSchema,
} from '@gcp-serverless/common';
import {
  accessConfigSchema,
  cloudLoggingConfigSchema,
  historyConfigSchema,
} from './accessConfig';
import { problemsConfigSchema } from './problemsConfig';
import {
  cacheConfigSchema,
  databaseConfigSchema,
  readModelConfigSchema,
} from './readModelConfig';

/**
 * Configuration of the plugin (key `gcpServerless` in app-config). Read once at start-up; a bad
 * value stops the start with a message naming the key.
 */
export const gcpServerlessConfigSchema = z
  .object({
    /** `sandbox`: every Google client talks to the embedded GCP sandbox. `gcp`: real Google Cloud with ADC. */
    mode: z.enum(['sandbox', 'gcp']).default('sandbox'),
    /** The allowlist: only these projects and regions are ever read or written. */
    projects: z
      .array(
        z
          .object({
            projectId: projectIdSchema,
            displayName: z.string().min(1).optional(),
            regions: z.array(regionSchema).min(1, 'list at least one region'),
          })
          .strict(),
      )
      .min(1, 'list at least one project'),
    sandbox: z
      .object({
        /** Base URL of the sandbox, e.g. `http://127.0.0.1:8123` (http only, loopback). */
        endpoint: z.string().url('must be a URL such as http://127.0.0.1:8123'),
      })
      .strict()
      .optional(),
    /**
     * Cloud Billing: the billing account whose budgets the portal shows and edits, and where actual
     * spend is read. Without `export`, costs are estimated from Monitoring usage × Catalog prices.
     */
    billing: z
      .object({
        /** Billing account id, e.g. `012345-6789AB-CDEF01`. */
        accountId: z
          .string()
          .regex(
            /^[0-9A-F]{6}-[0-9A-F]{6}-[0-9A-F]{6}$/,
            'must be a billing account id such as 012345-6789AB-CDEF01',
          ),
        /** The Cloud Billing export to BigQuery: the detailed usage cost table (it has resource.name; the standard one is refused). */
        export: z
          .object({
            /** Project that holds the BigQuery dataset (and runs the queries). */
            projectId: projectIdSchema,
            dataset: z
              .string()
              .regex(
                /^[A-Za-z0-9_]{1,1024}$/,
                'must be a BigQuery dataset id (letters, digits, underscores)',
              ),
            /** Defaults to `gcp_billing_export_resource_v1_<ACCOUNT with _ for ->` (the detailed export). */
            table: z
              .string()
              .regex(/^[A-Za-z0-9_]{1,1024}$/, 'must be a BigQuery table id')
              .optional(),
            /** BigQuery location of the dataset, e.g. `US`, `asia-northeast3`. */
            location: z.string().min(1).optional(),
          })
          .strict()
          .optional(),
        /**
         * Which budgets are shown and changed: `allowlisted` (only budgets whose project filter names configured
         * projects, and only those) or `billingAccount` (every budget of the account).
         */
        budgetScope: z
          .enum(['allowlisted', 'billingAccount'])
          .default('allowlisted'),
      })
      .strict()
      .optional(),
    /**
     * Capacity guardrails: wiring of Cloud Run services to Redis instances and queues that neither
     * env vars nor labels show, and connections per instance (docs/queues-and-redis.md).
     */
    capacity: z
      .object({
        wiring: z
          .array(
            z
              .object({
                projectId: projectIdSchema,
                service: z.string().min(1),
                redisInstances: z.array(z.string().min(1)).optional(),
                redisConnectionsPerInstance: z
                  .number()
                  .int()
                  .min(1)
                  .max(65_000)
                  .optional(),
                queueTargets: z.array(z.string().min(1)).optional(),
                queueProducers: z.array(z.string().min(1)).optional(),
              })
              .strict(),
          )
          .default([]),
        /**
         * Replay the service's last 7 days in every scaling preview (docs/what-if.md): three Monitoring
         * reads of a week per minute per preview. Default: on in gcp mode; off in sandbox mode, where
         * the in-process sandbox computes those weeks on the portal's own event loop.
         */
        whatIf: z.boolean().optional(),
      })
      .strict()
      .default({}),
    /** Deadlines of calls to Google, milliseconds. */
    /** Standalone roles and identity (docs/backstage.md#standalone-access); ignored inside Backstage. */
    access: accessConfigSchema.optional(),
    /** Standalone change history (SQLite). */
    history: historyConfigSchema.default({}),
    /** When an apply becomes a change request for a second person (docs/approvals.md). Inside Backstage, the permission framework decides. */
    approvals: approvalPolicySchema.optional(),
    /** Thresholds of the problem detectors on the index page (docs/problems.md). */
    problems: problemsConfigSchema,
    /** Snapshots of the pages: refresh interval, windows kept warm, how long a stale one is served (docs/architecture.md). */
    readModel: readModelConfigSchema,
    /** Standalone snapshot cache: in memory (default) or Redis/Valkey. Inside Backstage, `backend.cache`. */
    cache: cacheConfigSchema,
    /** Standalone database of history and refresh leases: SQLite (`history.sqliteFile`, default) or PostgreSQL. Inside Backstage, `backend.database`. */
    database: databaseConfigSchema,
    /** Changes scheduled for a window (docs/scheduled-changes.md): how often the backend looks for due steps. */
    scheduledChanges: z
      .object({
        /**
         * Seconds between passes of the scheduled-change runner (one replica runs each pass); a step
         * runs at most this long after its time. 0 turns the runner off (windows stay scheduled).
         */
        checkIntervalSeconds: z.number().int().min(0).max(3_600).default(30),
      })
      .strict()
      .default({}),
    /** Copy every change to Cloud Logging. */
    cloudLogging: cloudLoggingConfigSchema.optional(),
    timeouts: z
      .object({
        readMs: z.number().int().min(100).max(120_000).default(10_000),
        /**
         * Deadline of each Google read inside a snapshot computation (the background refresh, or a
         * first view that every viewer shares); longer than `readMs`, since no viewer waits on it
         * past `readModel.viewerWaitSeconds` (docs/architecture.md, "The read model").
         */
        refreshReadMs: z.number().int().min(100).max(600_000).default(60_000),
        writeMs: z.number().int().min(100).max(300_000).default(30_000),
        /** How long apply waits for a long-running operation before answering 504. */
        operationMs: z
          .number()
          .int()
          .min(1_000)
          .max(1_800_000)
          .default(180_000),
      })
      .strict()
      .default({}),
  })
  .strict()
  .superRefine((config, ctx) => {
    if (config.mode === 'sandbox' && !config.sandbox) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['sandbox', 'endpoint'],
        message: 'is required in sandbox mode',
      });
    }
    const table = config.billing?.export?.table;
    if (table?.startsWith('gcp_billing_export_v1_')) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['billing', 'export', 'table'],
        message:
          'is the standard usage cost export, which has no resource.name; use the detailed usage cost export table gcp_billing_export_resource_v1_<ACCOUNT> (docs/costs-and-budgets.md)',
      });
    }
    const seen = new Set<string>();
    config.projects.forEach((p, i) => {
      if (seen.has(p.projectId)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['projects', i, 'projectId'],
          message: `duplicate project ${p.projectId}`,
        });
      }
      seen.add(p.projectId);
    });
  });

/** Validated configuration, defaults applied. */
export type GcpServerlessConfig = z.infer<typeof gcpServerlessConfigSchema>;
/** Configuration as written by the operator (defaults optional). */
export type GcpServerlessConfigInput = z.input<
  typeof gcpServerlessConfigSchema
>;

/** Thrown at start-up when the configuration is invalid; the message names every bad key. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Validates raw configuration (already read from a file or app-config) under the `gcpServerless` key. */
export function readGcpServerlessConfig(
  raw: unknown,
  key = 'gcpServerless',
): GcpServerlessConfig {
  const result = gcpServerlessConfigSchema.safeParse(raw ?? {});
  if (result.success) return result.data;
  const lines = result.error.issues.map(issue => {
    const path = [key, ...issue.path]
      .map((p, i) => {
        if (typeof p === 'number') return `[${p}]`;
        return i === 0 ? String(p) : `.${String(p)}`;
      })
      .join('');
    const message =
      issue.code === 'unrecognized_keys'
        ? `unknown key(s) ${issue.keys.join(', ')}`
        : issue.message;
    return `  ${path}: ${message}`;
  });
  throw new ConfigError(
    `Invalid gcp-serverless configuration:\n${lines.join('\n')}`,
  );
}
