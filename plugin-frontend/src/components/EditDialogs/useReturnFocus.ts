import { useEffect, useRef, type RefObject } from 'react';

/**
 * Puts the focus back on `target` (the button that started the edit) when `open` turns false, however
 * the dialog closed (Escape, Cancel, done). MUI's own restore goes to whatever had the focus when the
 * dialog opened, which is the page body when the trigger was disabled meanwhile or when one dialog
 * follows another (preview → conflict); dialogs using this set `disableRestoreFocus`.
 */
export function useReturnFocus(
  open: boolean,
  target: RefObject<HTMLElement | null>,
): void {
  const wasOpen = useRef(open);
  useEffect(() => {
    if (wasOpen.current && !open) target.current?.focus();
    wasOpen.current = open;
  }, [open, target]);
}
