import type { EditPreviewBase } from '../../edits/editState';
import type { Edit } from '../../edits/useEdit';
import { EditConflictDialog } from './EditConflictDialog';
import { EditPreviewDialog } from './EditPreviewDialog';
import { EditSucceededSnackbar } from './EditSucceededSnackbar';

/** Props of {@link EditFlowDialogs}. */
export interface EditFlowDialogsProps<Ref, C, P extends EditPreviewBase, R, D> {
  edit: Edit<Ref, C, P, R, D>;
  /** After a conflict: load the resource as it is now into the form. */
  onUseCurrent: (details: D) => void;
  /** The user closed the dialog of a pending outcome. */
  onDone?: () => void;
  /** False when the form goes away on success and its page says so instead (the budget dialog). */
  showSucceeded?: boolean;
}

/** Everything an edit form shows beside its fields: the preview dialog, the conflict dialog and the success notice. */
export function EditFlowDialogs<Ref, C, P extends EditPreviewBase, R, D>({
  edit,
  onUseCurrent,
  onDone,
  showSucceeded = true,
}: EditFlowDialogsProps<Ref, C, P, R, D>) {
  const { state, kind } = edit;
  return (
    <>
      <EditPreviewDialog edit={edit} onDone={onDone} />
      <EditConflictDialog edit={edit} onUseCurrent={onUseCurrent} />
      {showSucceeded && (
        <EditSucceededSnackbar
          message={
            state.status === 'succeeded'
              ? kind.succeededMessage(state.result, edit.ref)
              : undefined
          }
          testId={kind.testId}
          onClose={edit.reset}
        />
      )}
    </>
  );
}
