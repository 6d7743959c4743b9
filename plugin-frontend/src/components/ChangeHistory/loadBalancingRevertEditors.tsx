import Alert from '@mui/material/Alert';
import CircularProgress from '@mui/material/CircularProgress';
import type { CdnPolicyChange, UrlMapSpec } from '@gcp-serverless/common';
import { useCdnQuery, useRoutingQuery } from '../../queries/reads';
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
  const ref = globalRefOf(entry.resource);
  // The routing overview is the one read that lists the map together with the backends the editor offers.
  const isUrlMap = ref?.collection === 'urlMaps';
  const routing = useRoutingQuery(ref?.projectId ?? '', '1h', {
    enabled: isUrlMap,
  });
  if (!ref || !isUrlMap)
    return <Alert severity="error">Not a URL map: {entry.resource}</Alert>;
  if (routing.error)
    return (
      <Alert severity="error">
        Could not load the URL map: {routing.error.message}
      </Alert>
    );
  if (!routing.data)
    return <CircularProgress aria-label="Loading the URL map" />;
  const map = routing.data.urlMaps.find(m => m.name === ref.name);
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
        routing.data.backendServices,
        routing.data.backendBuckets,
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
  const ref = globalRefOf(entry.resource);
  const isBackend = ref !== undefined && ref.collection !== 'urlMaps';
  const cdn = useCdnQuery(ref?.projectId ?? '', '1h', { enabled: isBackend });
  if (!ref || !isBackend)
    return <Alert severity="error">Not a CDN backend: {entry.resource}</Alert>;
  if (cdn.error)
    return (
      <Alert severity="error">
        Could not load the backend: {cdn.error.message}
      </Alert>
    );
  if (!cdn.data) return <CircularProgress aria-label="Loading the backend" />;
  const backend = cdn.data.backends.find(
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
