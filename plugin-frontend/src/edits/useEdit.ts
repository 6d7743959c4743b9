import {
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
  type RefObject,
} from 'react';
import { useGcpServerlessApi } from '../api/GcpServerlessApiContext';
import { EditMachine, type EditCallbacks } from './EditMachine';
import type { EditKind } from './EditKind';
import {
  canApply,
  isBusy,
  type EditPreviewBase,
  type EditState,
} from './editState';

/** What {@link useEdit} returns: the machine's state and actions, plus the ref of the button that opens the flow. */
export interface Edit<Ref, C, P extends EditPreviewBase, R, D> {
  kind: EditKind<Ref, C, P, R, D>;
  ref: Ref;
  state: EditState<C, P, R, D>;
  busy: boolean;
  canApply: boolean;
  /** Attach to the Preview button: focus returns to it when the dialogs close. */
  trigger: RefObject<HTMLButtonElement>;
  preview(change: C): void;
  acknowledge(code: string, checked: boolean): void;
  apply(): void;
  reset(): void;
  clearFieldErrors(path?: string): void;
}

/**
 * The edit flow of one resource of one kind, for a form: an {@link EditMachine} talking to the plugin's
 * API, re-rendering on each transition. The machine lives as long as the component; its answers are
 * dropped after unmount.
 */
export function useEdit<Ref, C, P extends EditPreviewBase, R, D>(
  kind: EditKind<Ref, C, P, R, D>,
  ref: Ref,
  callbacks: EditCallbacks<R> = {},
): Edit<Ref, C, P, R, D> {
  const api = useGcpServerlessApi();
  // The transport reads the latest api and ref, so a re-render with a new ref object needs no new machine.
  const latest = useRef({ api, ref });
  latest.current = { api, ref };
  const [machine] = useState(
    () =>
      new EditMachine<C, P, R, D>({
        preview: (change, signal) =>
          kind.preview(latest.current.api, latest.current.ref, change, {
            signal,
          }),
        apply: (request, signal) =>
          kind.apply(latest.current.api, latest.current.ref, request, {
            signal,
          }),
        isConflictDetails: kind.isConflictDetails,
      }),
  );
  useEffect(() => machine.setCallbacks(callbacks));
  useEffect(() => () => machine.dispose(), [machine]);
  const state = useSyncExternalStore(machine.subscribe, machine.getState);
  const trigger = useRef<HTMLButtonElement>(null);
  return {
    kind,
    ref,
    state,
    busy: isBusy(state),
    canApply: canApply(state),
    trigger,
    preview: change => machine.preview(change),
    acknowledge: (code, checked) => machine.acknowledge(code, checked),
    apply: () => machine.apply(),
    reset: () => machine.reset(),
    clearFieldErrors: path => machine.clearFieldErrors(path),
  };
}
