import { guardedApplyRequestSchemaWithLegacyFingerprint } from '../edits/guardedApplyRequest';
import { z } from 'zod';
import { parseBackendRef } from '../routing/backendRef';
import {
  REDIRECT_RESPONSE_CODES,
  type RedirectResponseCode,
} from '../routing/urlMapTypes';
import {
  COMPUTE_NAME_PATTERN,
  hostPatternProblem,
  pathProblem,
} from './urlMapRules';

const REDIRECT_CODES = Object.keys(REDIRECT_RESPONSE_CODES) as [
  RedirectResponseCode,
  ...RedirectResponseCode[],
];

/** A backend reference: full URL or partial path of a backend service or backend bucket. */
const backendRefSchema = z
  .string()
  .refine(
    ref => parseBackendRef(ref) !== null,
    'must reference a backend service or backend bucket (…/global/backendServices/NAME)',
  );

/** compute's HttpRedirectAction (docs/google-apis.md §2): pathRedirect and prefixRedirect are exclusive. */
export const urlRedirectSchema = z
  .object({
    hostRedirect: z
      .string()
      .max(255)
      .refine(
        h => !hostPatternProblem(h) && !h.includes('*'),
        'must be a host name',
      )
      .nullish(),
    pathRedirect: z
      .string()
      .refine(
        p => !pathProblem(p) && !p.includes('*'),
        'must be a path starting with "/"',
      )
      .nullish(),
    prefixRedirect: z
      .string()
      .refine(
        p => !pathProblem(p) && !p.includes('*'),
        'must be a path starting with "/"',
      )
      .nullish(),
    httpsRedirect: z.boolean().nullish(),
    stripQuery: z.boolean().nullish(),
    redirectResponseCode: z
      .enum(REDIRECT_CODES, {
        errorMap: () => ({
          message: `must be one of ${REDIRECT_CODES.join(', ')}`,
        }),
      })
      .nullish(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.pathRedirect && r.prefixRedirect) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['prefixRedirect'],
        message: 'set either pathRedirect or prefixRedirect, not both',
      });
    }
  });

const pathSchema = z.string().superRefine((p, ctx) => {
  const problem = pathProblem(p);
  if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
});

/** A path rule: paths and exactly one of service or urlRedirect. */
export const pathRuleSchema = z
  .object({
    paths: z
      .array(pathSchema)
      .min(1, 'a path rule needs at least one path')
      .max(100),
    service: backendRefSchema.nullish(),
    urlRedirect: urlRedirectSchema.nullish(),
  })
  .strict()
  .superRefine((rule, ctx) =>
    oneOf(
      ctx,
      rule.service,
      rule.urlRedirect,
      `path rule ${rule.paths.join(', ')}`,
      'service',
    ),
  );

/** Route rules are shown read-only by the editor and sent back as they were: only their frame is checked. */
const routeRuleSchema = z
  .object({ priority: z.number().int().min(0).max(2147483647) })
  .passthrough();

/** A path matcher: name, a default (backend or redirect) and path rules, or (kept unchanged) route rules. */
export const pathMatcherSchema = z
  .object({
    name: z
      .string()
      .regex(
        COMPUTE_NAME_PATTERN,
        'must be a lowercase name (letters, digits, hyphens; ≤ 63; starts with a letter)',
      ),
    description: z.string().max(2048).nullish(),
    defaultService: backendRefSchema.nullish(),
    defaultUrlRedirect: urlRedirectSchema.nullish(),
    pathRules: z.array(pathRuleSchema).max(1000).default([]),
    routeRules: z.array(routeRuleSchema).max(1000).default([]),
  })
  .strict()
  .superRefine((m, ctx) => {
    oneOf(
      ctx,
      m.defaultService,
      m.defaultUrlRedirect,
      `path matcher ${m.name}`,
      'defaultService',
    );
    if (m.pathRules.length > 0 && m.routeRules.length > 0) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['pathRules'],
        message: `path matcher ${m.name} has both path rules and route rules; use one kind`,
      });
    }
  });

const hostSchema = z.string().superRefine((h, ctx) => {
  const problem = hostPatternProblem(h);
  if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
});

export const hostRuleSchema = z
  .object({
    hosts: z
      .array(hostSchema)
      .min(1, 'a host rule needs at least one host')
      .max(100),
    pathMatcher: z.string().min(1, 'choose a path matcher'),
    description: z.string().max(2048).nullish(),
  })
  .strict();

/**
 * The routing of a URL map as the editor changes it: defaults, host rules and path matchers. The
 * map's name, tests and fingerprint are not part of it: the backend keeps the tests (Google runs
 * them on validate and on the write) and carries the fingerprint separately.
 */
export const urlMapEditSchema = z
  .object({
    defaultService: backendRefSchema.nullish(),
    defaultUrlRedirect: urlRedirectSchema.nullish(),
    hostRules: z.array(hostRuleSchema).max(1000).default([]),
    pathMatchers: z.array(pathMatcherSchema).max(1000).default([]),
  })
  .strict()
  .superRefine((map, ctx) => {
    oneOf(
      ctx,
      map.defaultService,
      map.defaultUrlRedirect,
      'the URL map',
      'defaultService',
    );
    const names = new Set<string>();
    map.pathMatchers.forEach((m, i) => {
      if (names.has(m.name))
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['pathMatchers', i, 'name'],
          message: `path matcher name ${m.name} is used twice`,
        });
      names.add(m.name);
    });
    map.hostRules.forEach((h, i) => {
      if (!names.has(h.pathMatcher)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['hostRules', i, 'pathMatcher'],
          message: `host rule ${h.hosts.join(', ')} points at path matcher ${
            h.pathMatcher
          }, which does not exist`,
        });
      }
    });
  });
export type UrlMapEdit = z.infer<typeof urlMapEditSchema>;
export type UrlMapEditInput = z.input<typeof urlMapEditSchema>;

/** Body of POST …/url-maps/:urlMap/preview. */
export const urlMapPreviewRequestSchema = z
  .object({ change: urlMapEditSchema })
  .strict();
export type UrlMapPreviewRequest = z.infer<typeof urlMapPreviewRequestSchema>;

/**
 * Body of POST …/url-maps/:urlMap/apply: the change and the `etag` (the URL map's fingerprint) read at
 * preview. `fingerprint` is the older name of the same field and still accepted.
 */
export const urlMapApplyRequestSchema =
  guardedApplyRequestSchemaWithLegacyFingerprint(urlMapEditSchema);
/** What a client sends (`etag`, or the older `fingerprint`). */
export type UrlMapApplyRequest = z.input<typeof urlMapApplyRequestSchema>;

function oneOf(
  ctx: z.RefinementCtx,
  service: unknown,
  redirect: unknown,
  what: string,
  field: string,
): void {
  if (service && redirect)
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: [field],
      message: `${what}: set a backend or a redirect, not both`,
    });
  if (!service && !redirect)
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: [field],
      message: `${what}: set a backend or a redirect`,
    });
}
