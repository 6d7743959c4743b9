import { useMemo, useState } from 'react';
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
  type CdnConflictDetails,
  type CdnPolicyApplyResult,
  type CdnPolicyChange,
  type CdnPolicyPreview,
  type FieldError,
} from '@gcp-serverless/common';
import { useGcpServerlessApi } from '../../api/GcpServerlessApiContext';
import { useChangePermission } from '../../hooks/useChangePermission';
import { useFingerprintEdit } from '../../hooks/useFingerprintEdit';
import { ChangePermissionNotice } from '../ChangePermission/ChangePermissionNotice';
import { CdnConflictDialog, CdnPreviewDialog } from './CdnPreviewDialog';

/** Props of {@link CdnPolicyForm}. */
export interface CdnPolicyFormProps {
  projectId: string;
  backend: CdnBackend;
  /** After a successful apply. */
  onApplied(): void;
}

type Draft = Record<keyof CdnPolicyChange, string | boolean>;
const TTL_FIELDS = ['defaultTtl', 'maxTtl', 'clientTtl', 'serveWhileStale'] as const;

const toDraft = (p: CdnPolicyChange): Draft => ({
  ...p,
  defaultTtl: p.defaultTtl?.toString() ?? '',
  maxTtl: p.maxTtl?.toString() ?? '',
  clientTtl: p.clientTtl?.toString() ?? '',
  serveWhileStale: p.serveWhileStale?.toString() ?? '',
});

/** Blank number fields mean "not set" (null); anything else is sent as typed so the schema can name it. */
function fromDraft(d: Draft): Record<string, unknown> {
  const out: Record<string, unknown> = { enableCdn: d.enableCdn, cacheMode: d.cacheMode, negativeCaching: d.negativeCaching };
  for (const f of TTL_FIELDS) out[f] = d[f] === '' ? null : Number(d[f]);
  return out;
}

const isConflict = (d: unknown): d is CdnConflictDetails => typeof d === 'object' && d !== null && 'current' in d && 'backend' in d;

/**
 * The cache policy of one backend: enable CDN, cache mode, TTLs (seconds), negative caching, serve
 * while stale. Checked with the shared schema (docs/google-apis.md §2 rules) as the user types; preview,
 * then a fingerprint-guarded apply.
 */
export function CdnPolicyForm({ projectId, backend, onApplied }: CdnPolicyFormProps) {
  const api = useGcpServerlessApi();
  const [draft, setDraft] = useState<Draft>(() => toDraft(backend.policy));
  const parsed = useMemo(() => cdnPolicyChangeSchema.safeParse(fromDraft(draft)), [draft]);
  const errors: FieldError[] = parsed.success ? [] : zodFieldErrors(parsed.error);
  const ref = { projectId, kind: backend.kind, name: backend.name };
  const flow = useFingerprintEdit<CdnPolicyChange, CdnPolicyPreview, CdnPolicyApplyResult, CdnConflictDetails>({
    preview: change => api.previewCdnPolicy(ref, change),
    apply: (change, fingerprint) => api.applyCdnPolicy(ref, { change, fingerprint }),
    isConflictDetails: isConflict,
    onApplied,
  });
  const errorOf = (field: string) => [...errors, ...flow.serverErrors.map(e => ({ ...e, path: e.path.replace(/^change\./, '') }))].find(e => e.path === field)?.message;
  const originHeaders = draft.cacheMode === 'USE_ORIGIN_HEADERS';
  const permission = useChangePermission('cdn');
  return (
    <Stack spacing={1.5} data-testid="cdn-policy-form">
      {flow.applied && (
        <Alert severity="success" onClose={flow.dismissApplied} data-testid="cdn-applied">
          Cache policy of {backend.name} updated (operation {flow.applied.operation}).
        </Alert>
      )}
      <ChangePermissionNotice permission={permission} what="the cache policy" />
      <Stack direction="row" spacing={2} flexWrap="wrap" useFlexGap alignItems="center">
        <FormControlLabel
          control={<Checkbox checked={draft.enableCdn === true} onChange={e => setDraft({ ...draft, enableCdn: e.target.checked })} inputProps={{ 'aria-label': CDN_FIELD_LABELS.enableCdn }} />}
          label={CDN_FIELD_LABELS.enableCdn}
        />
        <TextField
          select
          size="small"
          label={CDN_FIELD_LABELS.cacheMode}
          value={draft.cacheMode}
          SelectProps={{ native: true }}
          inputProps={{ 'data-testid': 'cdn-cache-mode' }}
          onChange={e => {
            const mode = e.target.value;
            // USE_ORIGIN_HEADERS takes no TTL overrides: clear them rather than let the user trip on the rule.
            setDraft(mode === 'USE_ORIGIN_HEADERS' ? { ...draft, cacheMode: mode, defaultTtl: '', maxTtl: '', clientTtl: '' } : { ...draft, cacheMode: mode });
          }}
        >
          {CDN_CACHE_MODES.map(m => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </TextField>
        <FormControlLabel
          control={<Checkbox checked={draft.negativeCaching === true} onChange={e => setDraft({ ...draft, negativeCaching: e.target.checked })} />}
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
      <Stack direction="row" spacing={1}>
        <Button variant="contained" disabled={!parsed.success || flow.busy || !permission.allowed} onClick={() => parsed.success && flow.start(parsed.data)} data-testid="cdn-preview">
          Preview
        </Button>
        <Button onClick={() => setDraft(toDraft(backend.policy))} disabled={flow.busy}>
          Reset
        </Button>
      </Stack>
      <CdnPreviewDialog flow={flow} backendName={backend.name} />
      <CdnConflictDialog
        details={flow.step.kind === 'conflict' ? flow.step.details : undefined}
        onCancel={flow.close}
        onUseCurrent={details => {
          setDraft(toDraft(details.current));
          flow.close();
          onApplied();
        }}
      />
    </Stack>
  );
}
