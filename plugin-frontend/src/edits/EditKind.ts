import type {
  ApplyAnswer,
  CapacityImpact,
  ChangeKind,
  CostImpact,
  UrlMapFinding,
  WhatIfReport,
} from '@gcp-serverless/common';
import type { GcpServerlessApi, RequestOptions } from '../api/GcpServerlessApi';
import type { EditPreviewBase } from './editState';

/** One row of the conflict dialog: a field, its value now and the user's. */
export interface ConflictRow {
  field: string;
  label: string;
  now: string;
  yours: string;
}

/** The kind-specific parts of a preview the one preview dialog knows how to show. */
export interface PreviewSections {
  /** Queues and Redis behind the change, before → after. */
  impacts?: readonly CapacityImpact[];
  cost?: CostImpact;
  /** Why a change that has a diff has no cost estimate. */
  costUnavailable?: string;
  /** URL map findings with sample URLs. */
  findings?: readonly UrlMapFinding[];
  /** A scaling change replayed on the last 7 days (docs/what-if.md). */
  whatIf?: WhatIfReport;
  /** Why a change that has a diff has no what-if. */
  whatIfUnavailable?: string;
}

/**
 * Everything the generic edit flow needs to know about one kind of change (scaling, queue, Redis, URL
 * map, CDN policy, budget): how to preview and apply it on a resource `Ref`, with which guard, how to
 * read its 409, and the words the dialogs use. No React: a kind is plain data and functions. A new
 * kind is one file in `edits/kinds/` plus its form.
 */
export interface EditKind<Ref, C, P extends EditPreviewBase, R, D> {
  /** The permission kind, also shown in the change history. */
  kind: ChangeKind;
  /** Prefix of the dialogs' test ids and element ids, e.g. "scaling" → `scaling-preview-dialog`. */
  testId: string;
  /** Title of the preview dialog, e.g. "Preview scaling of gryd-be". */
  title(ref: Ref): string;
  /** Name of the resource in sentences, e.g. "gryd-be". */
  resourceName(ref: Ref): string;
  /** Who validates and applies the change, e.g. "Cloud Run", "the compute operation". */
  upstream: string;
  preview(
    api: GcpServerlessApi,
    ref: Ref,
    change: C,
    options: RequestOptions,
  ): Promise<P>;
  /** Applies with the guard (etag or fingerprint) the preview was made against. */
  apply(
    api: GcpServerlessApi,
    ref: Ref,
    request: { change: C; preview: P; acknowledgedWarnings: string[] },
    options: RequestOptions,
  ): Promise<ApplyAnswer<R>>;
  isConflictDetails(details: unknown): details is D;
  /** Rows of the conflict dialog: the resource now against what the user wanted. */
  conflictRows(details: D, wanted: C, preview: P): ConflictRow[];
  /** The success notice, e.g. "Scaling of gryd-be updated: min 1, max 5, concurrency 80." */
  succeededMessage(result: R, ref: Ref): string;
  /** The label of the dialog's apply button, e.g. "Schedule"; default "Apply". */
  applyLabel?: string;
  /** Capacity, cost and findings of the preview, when the kind has any. */
  sections?(preview: P): PreviewSections;
}
