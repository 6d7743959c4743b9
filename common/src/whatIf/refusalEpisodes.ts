/**
 * Episodes of refused requests in a replay: runs of minutes with 429s, so that a preview can say
 * "Fri 18:00 peak: 4.2 % refused for 14 min" instead of a week's average (docs/what-if.md).
 */
import type { ReplayMinute } from './replay';

/** A run of minutes with refused requests (gaps of up to {@link EPISODE_GAP_MINUTES} joined). */
export interface RefusalEpisode {
  /** Start of the first minute with refusals, epoch ms. */
  startMs: number;
  /** End of the last minute with refusals, epoch ms. */
  endMs: number;
  /** Length, minutes (endMs − startMs). */
  minutes: number;
  requests: number;
  refused: number;
  /** refused ÷ requests over the episode. */
  refusedShare: number;
}

/** Minutes without refusals that still belong to the same episode (a peak's noisy edges). */
export const EPISODE_GAP_MINUTES = 5;

/** Refusals below this many requests in a minute are noise of the expected counts, not an episode. */
const MIN_REFUSED_PER_MINUTE = 0.5;

/** The episodes of `minutes` (oldest first), most refused requests first. */
export function refusalEpisodes(
  minutes: readonly ReplayMinute[],
): RefusalEpisode[] {
  const episodes: RefusalEpisode[] = [];
  let current: RefusalEpisode | null = null;
  let pending = { requests: 0, refused: 0 };
  let lastRefusingIndex = -Infinity;
  for (let i = 0; i < minutes.length; i++) {
    const m = minutes[i]!;
    const refusing = m.refused >= MIN_REFUSED_PER_MINUTE;
    if (current && !refusing && i - lastRefusingIndex > EPISODE_GAP_MINUTES) {
      episodes.push(current);
      current = null;
      pending = { requests: 0, refused: 0 };
    }
    if (!refusing) {
      if (current) {
        pending.requests += m.requests;
        pending.refused += m.refused;
      }
      continue;
    }
    if (!current) {
      current = {
        startMs: m.startMs,
        endMs: m.startMs + 60_000,
        minutes: 0,
        requests: 0,
        refused: 0,
        refusedShare: 0,
      };
    }
    current.requests += pending.requests + m.requests;
    current.refused += pending.refused + m.refused;
    pending = { requests: 0, refused: 0 };
    current.endMs = m.startMs + 60_000;
    lastRefusingIndex = i;
  }
  if (current) episodes.push(current);
  for (const e of episodes) {
    e.minutes = Math.round((e.endMs - e.startMs) / 60_000);
    e.refusedShare = e.requests > 0 ? e.refused / e.requests : 0;
  }
  return episodes.sort((a, b) => b.refused - a.refused);
}

/**
 * "Fri 18:00 peak: 4.2 % refused for 14 min" in `timeZone` (IANA, default UTC); Intl works in
 * browsers and Node alike.
 */
export function describeEpisode(
  episode: RefusalEpisode,
  timeZone = 'UTC',
): string {
  const when = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(episode.startMs));
  const share = formatShare(episode.refusedShare * 100);
  return `${when.replace(',', '')} peak: ${share} % refused for ${
    episode.minutes
  } min`;
}

/** A percentage with the digits that matter: "42", "4.2", "<0.1". */
function formatShare(percent: number): string {
  if (percent >= 10) return percent.toFixed(0);
  if (percent >= 0.1) return percent.toFixed(1);
  return '<0.1';
}
