import type { Theme } from '@mui/material/styles';

/** Colours of the month-to-date chart: actual line, forecast line, budget and threshold lines. */
export interface MonthToDateColors {
  actual: string;
  forecast: string;
  budget: string;
  threshold: string;
}

export function monthToDateColors(theme: Theme): MonthToDateColors {
  return {
    actual: theme.palette.primary.main,
    forecast: theme.palette.secondary.main,
    budget: theme.palette.error.main,
    threshold: theme.palette.warning.main,
  };
}

/** Series a stacked cost chart shows on their own; the rest are summed as "other". */
export const STACK_TOP_N = 8;

/**
 * Distinct colours for stacked series (resources or SKU families): ten hues that differ from one another
 * on light and dark backgrounds (Tableau 10, and its brighter variant for dark mode). With at most
 * {@link STACK_TOP_N} series and "other" in grey, no two series share a colour.
 */
export function stackColors(theme: Theme): string[] {
  return theme.palette.mode === 'dark'
    ? [
        '#6cb4ee',
        '#ffa64d',
        '#ff7b7e',
        '#8fd6d1',
        '#7fcf6e',
        '#f5d76e',
        '#d8a1c4',
        '#ffb3bd',
        '#c4a484',
        '#cfcfcf',
      ]
    : [
        '#4e79a7',
        '#f28e2b',
        '#e15759',
        '#76b7b2',
        '#59a14f',
        '#edc948',
        '#b07aa1',
        '#ff9da7',
        '#9c755f',
        '#6b6b6b',
      ];
}

/** The colour of "other": the theme's neutral grey. */
export function otherColor(theme: Theme): string {
  return theme.palette.grey[theme.palette.mode === 'dark' ? 600 : 400];
}
