import {
  backendRefUrl,
  editOf,
  parseBackendRef,
  urlMapEditSchema,
  zodFieldErrors,
  type BackendBucketView,
  type BackendServiceView,
  type FieldError,
  type UrlMapEdit,
  type UrlMapSpec,
} from '@gcp-serverless/common';

/** A backend the editor offers as a target: value = the canonical reference URL. */
export interface BackendOption {
  value: string;
  label: string;
}

/** Every backend service and bucket of the project as target options. */
export function backendOptions(
  projectId: string,
  services: BackendServiceView[],
  buckets: BackendBucketView[],
): BackendOption[] {
  return [
    ...services.map(s => ({
      value: backendRefUrl(projectId, 'backendService', s.name),
      label: s.name,
    })),
    ...buckets.map(b => ({
      value: backendRefUrl(projectId, 'backendBucket', b.name),
      label: `bucket ${b.name}`,
    })),
  ];
}

function canonical(
  projectId: string,
  ref: string | null | undefined,
): string | undefined {
  const parsed = parseBackendRef(ref);
  return parsed
    ? backendRefUrl(parsed.projectId ?? projectId, parsed.kind, parsed.name)
    : ref ?? undefined;
}

/** The editor's starting point: the map as an edit, every backend reference in the canonical form the options use. */
export function initialEdit(projectId: string, spec: UrlMapSpec): UrlMapEdit {
  const edit = editOf(spec);
  return {
    ...edit,
    defaultService: canonical(projectId, edit.defaultService),
    pathMatchers: edit.pathMatchers.map(m => ({
      ...m,
      defaultService: canonical(projectId, m.defaultService),
      pathRules: m.pathRules.map(r => ({
        ...r,
        service: canonical(projectId, r.service),
      })),
    })),
  };
}

/** Comma/space separated text → list (hosts, paths). */
export function splitList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map(s => s.trim())
    .filter(Boolean);
}

/** Field errors of the shared schema, paths prefixed like the server's (`change.pathMatchers.1…`). */
export function editErrors(edit: UrlMapEdit): FieldError[] {
  const result = urlMapEditSchema.safeParse(edit);
  return result.success ? [] : zodFieldErrors(result.error, ['change']);
}

/** Immutable update helpers for the nested edit. */
export const editOps = {
  setPathRule(
    edit: UrlMapEdit,
    mi: number,
    ri: number,
    patch: Partial<UrlMapEdit['pathMatchers'][number]['pathRules'][number]>,
  ): UrlMapEdit {
    return {
      ...edit,
      pathMatchers: edit.pathMatchers.map((m, i) =>
        i !== mi
          ? m
          : {
              ...m,
              pathRules: m.pathRules.map((r, j) =>
                j !== ri ? r : { ...r, ...patch },
              ),
            },
      ),
    };
  },
  addPathRule(edit: UrlMapEdit, mi: number, service: string): UrlMapEdit {
    return {
      ...edit,
      pathMatchers: edit.pathMatchers.map((m, i) =>
        i !== mi
          ? m
          : { ...m, pathRules: [...m.pathRules, { paths: [], service }] },
      ),
    };
  },
  removePathRule(edit: UrlMapEdit, mi: number, ri: number): UrlMapEdit {
    return {
      ...edit,
      pathMatchers: edit.pathMatchers.map((m, i) =>
        i !== mi
          ? m
          : { ...m, pathRules: m.pathRules.filter((_, j) => j !== ri) },
      ),
    };
  },
  setMatcher(
    edit: UrlMapEdit,
    mi: number,
    patch: Partial<UrlMapEdit['pathMatchers'][number]>,
  ): UrlMapEdit {
    return {
      ...edit,
      pathMatchers: edit.pathMatchers.map((m, i) =>
        i !== mi ? m : { ...m, ...patch },
      ),
    };
  },
  addMatcher(edit: UrlMapEdit, service: string): UrlMapEdit {
    const names = new Set(edit.pathMatchers.map(m => m.name));
    let n = edit.pathMatchers.length + 1;
    while (names.has(`path-matcher-${n}`)) n++;
    return {
      ...edit,
      pathMatchers: [
        ...edit.pathMatchers,
        {
          name: `path-matcher-${n}`,
          defaultService: service,
          pathRules: [],
          routeRules: [],
        },
      ],
    };
  },
  removeMatcher(edit: UrlMapEdit, mi: number): UrlMapEdit {
    return {
      ...edit,
      pathMatchers: edit.pathMatchers.filter((_, i) => i !== mi),
    };
  },
  setHostRule(
    edit: UrlMapEdit,
    hi: number,
    patch: Partial<UrlMapEdit['hostRules'][number]>,
  ): UrlMapEdit {
    return {
      ...edit,
      hostRules: edit.hostRules.map((h, i) =>
        i !== hi ? h : { ...h, ...patch },
      ),
    };
  },
  addHostRule(edit: UrlMapEdit): UrlMapEdit {
    return {
      ...edit,
      hostRules: [
        ...edit.hostRules,
        { hosts: [], pathMatcher: edit.pathMatchers[0]?.name ?? '' },
      ],
    };
  },
  removeHostRule(edit: UrlMapEdit, hi: number): UrlMapEdit {
    return { ...edit, hostRules: edit.hostRules.filter((_, i) => i !== hi) };
  },
};
