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

/**
 * A palette for stacked series (resources or SKU families) built from the theme, so it reads on
 * light and dark backgrounds; repeats after its length.
 */
export function stackColors(theme: Theme): string[] {
  const p = theme.palette;
  return [p.primary.main, p.secondary.main, p.success.main, p.warning.main, p.info.main, p.error.main,
    p.primary.light, p.secondary.light, p.success.dark, p.warning.dark, p.info.dark, p.error.light];
}
