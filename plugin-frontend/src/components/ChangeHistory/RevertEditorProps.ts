import type { ChangeRecord } from '@gcp-serverless/common';

/** Props of an editor that reverts one history entry through that kind's normal preview/apply form. */
export interface RevertEditorProps {
  entry: ChangeRecord;
  /** Google confirmed the revert, with the message to show (the revert dialog closes). */
  onSucceeded: (message: string) => void;
  /** After a pending revert the user closed, or "Use current values" (the history reloads). */
  onChanged: () => void;
  /** The editor's own Cancel, where it has one (URL maps). */
  onCancel: () => void;
}
