import { useState } from 'react';
import type { UrlMapEdit } from '@gcp-serverless/common';
import { urlMapEdit } from '../../edits/kinds/urlMapEdit';
import { useEdit } from '../../edits/useEdit';
import { EditFlowDialogs } from '../EditDialogs/EditFlowDialogs';
import { UrlMapEditor } from './UrlMapEditor';
import { initialEdit, type BackendOption } from './urlMapEditorModel';

/** Props of {@link UrlMapEditForm}. */
export interface UrlMapEditFormProps {
  projectId: string;
  urlMap: string;
  /** The routes to start from: the map as loaded, or a change history entry's `before`. */
  initial: UrlMapEdit;
  options: BackendOption[];
  /** Google confirmed the apply, with the message to show; the caller closes the form. */
  onSucceeded: (message: string) => void;
  /** After a pending apply the user closed, or "Use current values": reload. */
  onChanged: () => void;
  onCancel: () => void;
}

/** The routes editor of one URL map through the edit flow of `urlMapEdit` (preview with urlMaps.validate, apply, outcome, conflict). */
export function UrlMapEditForm({
  projectId,
  urlMap,
  initial,
  options,
  onSucceeded,
  onChanged,
  onCancel,
}: UrlMapEditFormProps) {
  const ref = { projectId, urlMap };
  // "Use current values" restarts the editor (a new key) from the map as it is now.
  const [startFrom, setStartFrom] = useState({ edit: initial, version: 0 });
  const edit = useEdit(urlMapEdit, ref, {
    onSucceeded: result =>
      onSucceeded(urlMapEdit.succeededMessage(result, ref)),
  });
  return (
    <>
      <UrlMapEditor
        key={startFrom.version}
        initial={startFrom.edit}
        options={options}
        serverErrors={
          edit.state.status === 'idle' ? edit.state.fieldErrors : []
        }
        busy={edit.busy}
        previewRef={edit.trigger}
        onPreview={edit.preview}
        onCancel={onCancel}
      />
      <EditFlowDialogs
        edit={edit}
        showSucceeded={false}
        onDone={onChanged}
        onUseCurrent={details => {
          setStartFrom(prev => ({
            edit: initialEdit(projectId, details.current.spec),
            version: prev.version + 1,
          }));
          onChanged();
        }}
      />
    </>
  );
}
