import { cloneElement, type ReactElement } from 'react';
import { ResponsiveContainer } from 'recharts';

/** Width used where the browser cannot measure the container (no ResizeObserver, e.g. jsdom in tests). */
export const FALLBACK_CHART_WIDTH = 640;

/** Props of {@link ChartFrame}. */
export interface ChartFrameProps {
  /** Chart height in px. */
  height?: number;
  /** A recharts chart (AreaChart, LineChart, …) that takes `width` and `height`. */
  children: ReactElement<{ width?: number; height?: number }>;
}

/**
 * Sizes a recharts chart to its container's width. Without ResizeObserver (jsdom) it draws at a fixed
 * width instead of measuring 0 × 0 and drawing nothing, so component tests see the chart's SVG.
 */
export function ChartFrame({ height = 240, children }: ChartFrameProps) {
  if (typeof ResizeObserver === 'undefined') {
    return cloneElement(children, { width: FALLBACK_CHART_WIDTH, height });
  }
  return (
    <ResponsiveContainer width="100%" height={height}>
      {children}
    </ResponsiveContainer>
  );
}
