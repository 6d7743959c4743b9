/** The time windows the UI offers; each maps to a look-back and a Monitoring alignment period. */
export const TIME_WINDOWS = ['1h', '6h', '24h', '7d'] as const;
export type TimeWindow = (typeof TIME_WINDOWS)[number];

/** Look-back of each window in seconds. */
export const TIME_WINDOW_SECONDS: Record<TimeWindow, number> = {
  '1h': 3600,
  '6h': 6 * 3600,
  '24h': 24 * 3600,
  '7d': 7 * 24 * 3600,
};

/**
 * Alignment period (seconds) used for charts of each window: keeps every chart near 60–170 points,
 * well under Monitoring's per-call point budget even for a fleet.
 */
export const TIME_WINDOW_STEP_SECONDS: Record<TimeWindow, number> = {
  '1h': 60,
  '6h': 300,
  '24h': 900,
  '7d': 3600,
};

export const DEFAULT_TIME_WINDOW: TimeWindow = '1h';
