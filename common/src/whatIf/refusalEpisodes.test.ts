import { describe, expect, it } from 'vitest';
import type { ReplayMinute } from './replay';
import { describeEpisode, refusalEpisodes } from './refusalEpisodes';

// Fri 5 Dec 2025 18:00 UTC.
const FRIDAY_18 = Date.UTC(2025, 11, 5, 18, 0);

const minute = (
  i: number,
  requests: number,
  refused: number,
): ReplayMinute => ({
  startMs: FRIDAY_18 + i * 60_000,
  requests,
  inFlight: 0,
  instances: 0,
  refused,
  coldStarts: 0,
  atMax: refused > 0,
  busyInstanceSeconds: 0,
  idleInstanceSeconds: 0,
});

describe('refusal episodes', () => {
  it('joins refusing minutes across short gaps, counts the gap’s requests, and sorts by refused', () => {
    const minutes = [
      minute(0, 1000, 100),
      minute(1, 1000, 0),
      minute(2, 1000, 0),
      minute(3, 1000, 20),
      // A gap of 6 quiet minutes ends the episode.
      ...[4, 5, 6, 7, 8, 9].map(i => minute(i, 1000, 0)),
      minute(10, 1000, 300),
      // Below half a request a minute is noise of the expected counts.
      minute(11, 1000, 0.2),
    ];
    const episodes = refusalEpisodes(minutes);
    expect(episodes).toHaveLength(2);
    expect(episodes[0]).toMatchObject({
      startMs: FRIDAY_18 + 10 * 60_000,
      minutes: 1,
      refused: 300,
      requests: 1000,
    });
    expect(episodes[1]).toMatchObject({
      startMs: FRIDAY_18,
      endMs: FRIDAY_18 + 4 * 60_000,
      minutes: 4,
      requests: 4000,
      refused: 120,
      refusedShare: 0.03,
    });
  });

  it('reads as "Fri 18:00 peak: 3.0 % refused for 4 min" in the chosen time zone', () => {
    const [episode] = refusalEpisodes([
      minute(0, 1000, 100),
      minute(1, 1000, 0),
      minute(2, 1000, 0),
      minute(3, 1000, 20),
    ]);
    expect(describeEpisode(episode!)).toBe(
      'Fri 18:00 peak: 3.0 % refused for 4 min',
    );
    expect(describeEpisode(episode!, 'Asia/Seoul')).toBe(
      'Sat 03:00 peak: 3.0 % refused for 4 min',
    );
  });
});
