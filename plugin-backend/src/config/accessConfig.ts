import { z } from 'zod';

/**
 * Standalone access control (`gcpServerless.access`). Inside Backstage this key is ignored: the
 * permission framework decides. Role members are user emails (as IAP reports them, or the local
 * user), or `*` for every authenticated user.
 */
export const accessConfigSchema = z
  .object({
    /** Where the identity comes from: verified Identity-Aware Proxy headers, or a fixed local user (in gcp mode: loopback requests only). */
    identity: z.discriminatedUnion('type', [
      z.object({ type: z.literal('local'), user: z.string().min(1) }).strict(),
      z
        .object({
          type: z.literal('iap'),
          /**
           * Expected `aud` of IAP's signed header: `/projects/PROJECT_NUMBER/global/backendServices/SERVICE_ID`
           * behind a load balancer, or `/projects/PROJECT_NUMBER/apps/PROJECT_ID` on App Engine.
           */
          audience: z.string().min(1),
        })
        .strict(),
    ]),
    roles: z
      .object({
        viewer: z.array(z.string().min(1)).default([]),
        editor: z.array(z.string().min(1)).default([]),
        finance: z.array(z.string().min(1)).default([]),
        /** May approve or reject others' change requests (docs/approvals.md). */
        approver: z.array(z.string().min(1)).default([]),
      })
      .strict()
      .default({}),
  })
  .strict();

/** Validated standalone access configuration. */
export type AccessConfig = z.infer<typeof accessConfigSchema>;

/** Where the change history lives in standalone use (`gcpServerless.history`). */
export const historyConfigSchema = z
  .object({
    /**
     * SQLite file of the change history, or `:memory:`. Default: `:memory:` in sandbox mode (the
     * sandbox forgets its state too), `gcp-serverless-history.sqlite` in the working directory in gcp mode.
     */
    sqliteFile: z.string().min(1).optional(),
  })
  .strict();

/** Cloud Logging copy of every change (`gcpServerless.cloudLogging`); absent = not written. */
export const cloudLoggingConfigSchema = z
  .object({
    /** Project whose log receives the entries (must be allowlisted or the sandbox's). */
    projectId: z.string().min(1),
    /** Log id, e.g. `gcp-serverless-changes` (entries go to projects/P/logs/LOG). */
    logName: z
      .string()
      .regex(/^[A-Za-z0-9_.\-/]{1,100}$/, 'letters, digits, _ - . / only')
      .default('gcp-serverless-changes'),
  })
  .strict();

export type CloudLoggingConfig = z.infer<typeof cloudLoggingConfigSchema>;
