import { useEffect, useMemo, useRef, useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import {
  CDN_CACHE_MODES,
  CDN_FIELD_LABELS,
  cdnPolicyChangeSchema,
  zodFieldErrors,
  type CdnBackend,
  type CdnPolicyChange,
  type FieldError,
} from '@gcp-serverless/common';
import { cdnPolicyEdit } from '../../edits/kinds/cdnPolicyEdit';
import { useEdit } from '../../edits/useEdit';
import { useChangePermission } from '../../hooks/useChangePermission';
import { ChangePermissionNotice } from '../ChangePermission/ChangePermissionNotice';
import { EditFlowDialogs } from '../EditDialogs/EditFlowDialogs';

/** Props of {@link CdnPolicyForm}. */
export interface CdnPolicyFormProps {
  projectId: string;
  backend: CdnBackend;
  /** After a successful apply, a pending one the user closed, or "Use current values": reload the page. */
  onApplied(): void;
  /** Values to start from instead of the backend's (a revert from the change history). */
  initialValues?: CdnPolicyChange;
  /** When given, the success message goes here (e.g. a revert dialog that closes) instead of the form's own notice. */
  onSucceeded?: (message: string) => void;
}

type Draft = Record<keyof CdnPolicyChange, string | boolean>;
const TTL_FIELDS = [
  'defaultTtl',
  'maxTtl',
  'clientTtl',
  'serveWhileStale',
] as const;

const toDraft = (p: CdnPolicyChange): Draft => ({
  ...p,
  defaultTtl: p.defaultTtl?.toString() ?? '',
  maxTtl: p.maxTtl?.toString() ?? '',
  clientTtl: p.clientTtl?.toString() ?? '',
  serveWhileStale: p.serveWhileStale?.toString() ?? '',
});

const sameDraft = (a: Draft, b: Draft) =>
  JSON.stringify(a, Object.keys(a).sort()) ===
  JSON.stringify(b, Object.keys(b).sort());

/** Blank number fields mean "not set" (null); anything else is sent as typed so the schema can name it. */
function fromDraft(d: Draft): Record<string, unknown> {
  const out: Record<string, unknown> = {
    enableCdn: d.enableCdn,
    cacheMode: d.cacheMode,
    negativeCaching: d.negativeCaching,
  };
  for (const f of TTL_FIELDS) out[f] = d[f] === '' ? null : Number(d[f]);
  return out;
}

/**
 * The cache policy of one backend: enable CDN, cache mode, TTLs (seconds), negative caching, serve
 * while stale. Checked with the shared schema (docs/google-apis.md §2 rules) as the user types, then
 * the edit flow of `cdnPolicyEdit` (preview, fingerprint-guarded apply, outcome, conflict).
 */
export function CdnPolicyForm({
  projectId,
  backend,
  onApplied,
  initialValues,
  onSucceeded,
}: CdnPolicyFormProps) {
  const [draft, setDraft] = useState<Draft>(() =>
    toDraft(initialValues ?? backend.policy),
  );
  const parsed = useMemo(
    () => cdnPolicyChangeSchema.safeParse(fromDraft(draft)),
    [draft],
  );
  const errors: FieldError[] = parsed.success
    ? []
    : zodFieldErrors(parsed.error);
  const ref = { projectId, kind: backend.kind, name: backend.name };
  const baseline = useRef(backend.policy);
  const edit = useEdit(cdnPolicyEdit, ref, {
    onSucceeded: result => {
      baseline.current = result.backend.policy;
      setDraft(toDraft(result.backend.policy));
      onApplied();
      onSucceeded?.(cdnPolicyEdit.succeededMessage(result, ref));
    },
  });
  // New data from the server (our apply, a reload): follow it unless the user is editing other values.
  useEffect(() => {
    setDraft(prev =>
      sameDraft(prev, toDraft(baseline.current))
        ? toDraft(backend.policy)
        : prev,
    );
    baseline.current = backend.policy;
  }, [backend.fingerprint, backend.policy]);
  const serverErrors =
    edit.state.status === 'idle' ? edit.state.fieldErrors : [];
  const allErrors = [
    ...errors,
    ...serverErrors.map(e => ({
      ...e,
      path: e.path.replace(/^change\./, ''),
    })),
  ];
  const errorOf = (field: string) =>
    allErrors.find(e => e.path === field)?.message;
  // Errors no field shows (e.g. on the checkboxes, or the whole policy) still say what is wrong, in words.
  const shownAtField = new Set<string>(['cacheMode', ...TTL_FIELDS]);
  const otherErrors = allErrors.filter(e => !shownAtField.has(e.path));
  const originHeaders = draft.cacheMode === 'USE_ORIGIN_HEADERS';
  const permission = useChangePermission('cdn');
  return (
    <Stack spacing={1.5} data-testid="cdn-policy-form">
      <ChangePermissionNotice permission={permission} what="the cache policy" />
      <Stack
        direction="row"
        spacing={2}
        flexWrap="wrap"
        useFlexGap
        alignItems="center"
      >
        <FormControlLabel
          control={
            <Checkbox
              checked={draft.enableCdn === true}
              onChange={e =>
                setDraft({ ...draft, enableCdn: e.target.checked })
              }
              inputProps={{ 'aria-label': CDN_FIELD_LABELS.enableCdn }}
            />
          }
          label={CDN_FIELD_LABELS.enableCdn}
        />
        <TextField
          select
          size="small"
          label={CDN_FIELD_LABELS.cacheMode}
          value={draft.cacheMode}
          SelectProps={{ native: true }}
          inputProps={{ 'data-testid': 'cdn-cache-mode' }}
          error={!!errorOf('cacheMode')}
          helperText={errorOf('cacheMode')}
          onChange={e => {
            const mode = e.target.value;
            // USE_ORIGIN_HEADERS takes no TTL overrides: clear them rather than let the user trip on the rule.
            setDraft(
              mode === 'USE_ORIGIN_HEADERS'
                ? {
                    ...draft,
                    cacheMode: mode,
                    defaultTtl: '',
                    maxTtl: '',
                    clientTtl: '',
                  }
                : { ...draft, cacheMode: mode },
            );
          }}
        >
          {CDN_CACHE_MODES.map(m => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </TextField>
        <FormControlLabel
          control={
            <Checkbox
              checked={draft.negativeCaching === true}
              onChange={e =>
                setDraft({ ...draft, negativeCaching: e.target.checked })
              }
            />
          }
          label={CDN_FIELD_LABELS.negativeCaching}
        />
      </Stack>
      <Stack direction="row" spacing={2} flexWrap="wrap" useFlexGap>
        {TTL_FIELDS.map(f => (
          <TextField
            key={f}
            size="small"
            type="number"
            label={CDN_FIELD_LABELS[f]}
            value={draft[f]}
            disabled={originHeaders && f !== 'serveWhileStale'}
            placeholder="not set"
            onChange={e => setDraft({ ...draft, [f]: e.target.value })}
            error={!!errorOf(f)}
            helperText={errorOf(f)}
            inputProps={{ 'data-testid': `cdn-${f}`, min: 0 }}
          />
        ))}
      </Stack>
      {otherErrors.length > 0 && (
        <Alert severity="error" data-testid="cdn-policy-errors">
          {otherErrors.map(e => (
            <div key={`${e.path}:${e.message}`}>
              {CDN_FIELD_LABELS[e.path as keyof typeof CDN_FIELD_LABELS] ??
                'Cache policy'}
              : {e.message}
            </div>
          ))}
        </Alert>
      )}
      <Stack direction="row" spacing={1}>
        <Button
          variant="contained"
          ref={edit.trigger}
          disabled={!parsed.success || !permission.allowed}
          onClick={() =>
            parsed.success && !edit.busy && edit.preview(parsed.data)
          }
          data-testid="cdn-preview"
        >
          Preview
        </Button>
        <Button onClick={() => setDraft(toDraft(backend.policy))}>Reset</Button>
      </Stack>
      <EditFlowDialogs
        edit={edit}
        showSucceeded={!onSucceeded}
        onDone={onApplied}
        onUseCurrent={details => {
          setDraft(toDraft(details.current));
          onApplied();
        }}
      />
    </Stack>
  );
}
