import GlobalStyles from '@mui/material/GlobalStyles';

/**
 * Styles the plugin needs to stay accessible under MUI's defaults, global while the plugin is on screen
 * because dialogs, menus and popovers render in portals outside the page's element:
 * - a clear keyboard focus ring on every control (WCAG 2.4.7) — MUI's own is a faint ripple on buttons
 *   and tabs; `:focus-visible` only, so mouse clicks draw none;
 * - links in a selected table row in the primary colour's dark shade: the light one on the selected
 *   row's tint falls under 4.5:1 (WCAG 1.4.3);
 * - links inside an alert in the alert's own text colour, underlined: the primary colour on an alert's
 *   tint falls under 4.5:1 too (the setup link of "no billing account configured", on the info tint).
 */
export function AccessibilityStyles() {
  return (
    <GlobalStyles
      styles={theme => ({
        [[
          '.MuiButtonBase-root.Mui-focusVisible',
          '.MuiButtonBase-root:focus-visible',
          '.MuiLink-root:focus-visible',
          'a:focus-visible',
          '[role="button"]:focus-visible',
          '[tabindex]:not([tabindex="-1"]):focus-visible',
        ].join(', ')]: {
          outline: `3px solid ${theme.palette.primary.main}`,
          outlineOffset: 2,
        },
        // Inside a tab strip the outline would be cut by its scroller: draw it inside the tab.
        '.MuiTab-root.Mui-focusVisible, .MuiTab-root:focus-visible': {
          outlineOffset: -3,
        },
        '.MuiAlert-message .MuiLink-root': {
          color: 'inherit',
          textDecorationColor: 'currentColor',
        },
        '.MuiTableRow-root.Mui-selected .MuiLink-root, .MuiTableRow-root:hover .MuiLink-root':
          {
            color:
              theme.palette.mode === 'light'
                ? theme.palette.primary.dark
                : theme.palette.primary.light,
          },
      })}
    />
  );
}
