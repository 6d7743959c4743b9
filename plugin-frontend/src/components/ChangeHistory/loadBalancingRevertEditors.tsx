import Alert from '@mui/material/Alert';
import CircularProgress from '@mui/material/CircularProgress';
import type { CdnPolicyChange, UrlMapSpec } from '@gcp-serverless/common';
import { useGcpServerlessApi } from '../../api/GcpServerlessApiContext';
import { useAsyncData } from '../../hooks/useAsyncData';
import { CdnPolicyForm } from '../CdnPolicyForm/CdnPolicyForm';
import { UrlMapEditForm } from '../UrlMapEditor/UrlMapEditForm';
import { backendOptions, initialEdit } from '../UrlMapEditor/urlMapEditorModel';
import type { RevertEditorProps } from './RevertEditorProps';

/** `projects/P/global/<collection>/N` → its parts, or undefined. */
function globalRefOf(resource: string) {
  const m =
    /^projects\/([^/]+)\/global\/(urlMaps|backendServices|backendBuckets)\/([^/]+)$/.exec(
      resource,
    );
  return m ? { projectId: m[1]!, collection: m[2]!, name: m[3]! } : undefined;
}

/** URL map: the routes editor, started from the routes the map had before the entry's change. */
export function UrlMapRevertEditor({
  entry,
  onSucceeded,
  onChanged,
  onCancel,
}: RevertEditorProps) {
  const api = useGcpServerlessApi();
  const ref = globalRefOf(entry.resource);
  // The routing overview is the one read that lists the map together with the backends the editor offers.
  const routing = useAsyncData(
    signal =>
      ref?.collection === 'urlMaps'
        ? api.getRouting(ref.projectId, '1h', { signal })
        : Promise.reject(new Error(`Not a URL map: ${entry.resource}`)),
    [entry.resource],
  );
  if (routing.error)
    return (
      <Alert severity="error">
        Could not load the URL map: {routing.error.message}
      </Alert>
    );
  if (!routing.value || !ref)
    return <CircularProgress aria-label="Loading the URL map" />;
  const map = routing.value.urlMaps.find(m => m.name === ref.name);
  if (!map)
    return (
      <Alert severity="warning">URL map {ref.name} no longer exists.</Alert>
    );
  return (
    <UrlMapEditForm
      projectId={ref.projectId}
      urlMap={map.name}
      initial={initialEdit(ref.projectId, entry.before as UrlMapSpec)}
      options={backendOptions(
        ref.projectId,
        routing.value.backendServices,
        routing.value.backendBuckets,
      )}
      onSucceeded={onSucceeded}
      onChanged={onChanged}
      onCancel={onCancel}
    />
  );
}

/** CDN: the cache policy form of the backend, started from the policy it had before the entry's change. */
export function CdnRevertEditor({
  entry,
  onSucceeded,
  onChanged,
}: RevertEditorProps) {
  const api = useGcpServerlessApi();
  const ref = globalRefOf(entry.resource);
  const cdn = useAsyncData(
    signal =>
      ref && ref.collection !== 'urlMaps'
        ? api.getCdn(ref.projectId, '1h', { signal })
        : Promise.reject(new Error(`Not a CDN backend: ${entry.resource}`)),
    [entry.resource],
  );
  if (cdn.error)
    return (
      <Alert severity="error">
        Could not load the backend: {cdn.error.message}
      </Alert>
    );
  if (!cdn.value || !ref)
    return <CircularProgress aria-label="Loading the backend" />;
  const backend = cdn.value.backends.find(
    b => b.kind === ref.collection && b.name === ref.name,
  );
  if (!backend)
    return (
      <Alert severity="warning">Backend {ref.name} no longer exists.</Alert>
    );
  return (
    <CdnPolicyForm
      projectId={ref.projectId}
      backend={backend}
      initialValues={entry.before as CdnPolicyChange}
      onApplied={onChanged}
      onSucceeded={onSucceeded}
    />
  );
}
