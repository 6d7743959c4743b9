/**
 * `POST /_sandbox/warm` for the last hour's queries: computes, ahead of the first read, the recent
 * minutes of every Cloud Run service of every project whose demand does not follow load balancers or
 * queues — each minute from {@link BACK_MINUTES} before sandbox now to {@link AHEAD_MINUTES} after it,
 * and the sampled minutes (the middle of every 10, weighted 10: a 1 h period's) from an hour before —
 * and keeps them as one short plan's columns whose rows later plans copy (minuteColumns.ts,
 * `rowsByWeight`). A portal's last-hour and last-5-minutes reads end at its own now, after the warmed
 * week's last hour, so without these rows its cold overview waits for the model to compute them
 * (docs/performance.md, "Session 9, the sandbox's cold answers").
 *
 * Minutes after now are computed as the configuration in force now makes them: an edit appends to the
 * service's history, which drops its kept columns (the edit shows in the next answer); minutes past
 * the window are computed by the query that asks for them, as before.
 */
import type { SandboxWorld } from '../../world';
import type { AlignmentPlan } from '../aggregation/alignmentPlan';
import { keptRowCount, MAX_KEPT_ROWS, minuteColumns } from './minuteColumns';

const MINUTE_MS = 60_000;
/** Minutes before now warmed one by one (a 5-minute period's and a little more). */
export const BACK_MINUTES = 10;
/** Minutes after now warmed: a benchmark's cold reads come within them after the warm-up. */
export const AHEAD_MINUTES = 15;
/**
 * Rows the kept columns may hold after this warm-up: 400,000 stay free for the plans of the pages'
 * own queries (past the bound the store starts over, the warmed week with it). With the week of
 * 10,000 services (1.68 M rows, warmWeekColumns.ts) all 10,000 are warmed here too (~34 rows each).
 */
const KEPT_ROWS_AFTER = MAX_KEPT_ROWS - 400_000;
/** The sampling of a 1 h period (alignmentPlan.ts `samplingStepMinutes(3600)`): one minute in 10, the 6th. */
const HOUR_STEP = 10;
const HOUR_OFFSET = 5;

/** Services computed between two turns of the event loop (other calls are answered meanwhile). */
const SERVICES_PER_TURN = 100;

/** The minutes warmed at sandbox time `nowMs`, as a plan of two periods (weight 1, then weight 10). */
export function recentMinutesPlan(nowMs: number): AlignmentPlan {
  const minute = Math.floor(nowMs / MINUTE_MS);
  const single: number[] = [];
  for (let i = minute - BACK_MINUTES; i <= minute + AHEAD_MINUTES; i++)
    single.push(i * MINUTE_MS);
  const sampled: number[] = [];
  const from = minute - 60;
  for (
    let i =
      Math.ceil((from - HOUR_OFFSET) / HOUR_STEP) * HOUR_STEP + HOUR_OFFSET;
    i <= minute + AHEAD_MINUTES;
    i += HOUR_STEP
  )
    sampled.push(i * MINUTE_MS);
  return {
    periodSeconds: 60,
    periods: [
      {
        startMs: single[0]!,
        endMs: single[single.length - 1]! + MINUTE_MS,
        minuteStarts: single,
        weight: 1,
      },
      {
        startMs: sampled[0]!,
        endMs: sampled[sampled.length - 1]! + MINUTE_MS,
        minuteStarts: sampled,
        weight: HOUR_STEP,
      },
    ],
  };
}

/** Computes and keeps the recent minutes; resolves to the number of services warmed. */
export async function warmRecentColumns(
  world: SandboxWorld,
  nowMs: number,
): Promise<number> {
  const plan = recentMinutesPlan(nowMs);
  const rowsPerService =
    plan.periods[0]!.minuteStarts.length + plan.periods[1]!.minuteStarts.length;
  let warmed = 0;
  for (const project of world.projects.values()) {
    if (project.demandSources?.length) continue;
    for (const service of project.services.values()) {
      // Leave room for the queries' own plans: past the bound the kept columns start over.
      if (keptRowCount() + rowsPerService > KEPT_ROWS_AFTER) return warmed;
      minuteColumns(project, service, plan, true);
      warmed++;
      if (warmed % SERVICES_PER_TURN === 0)
        await new Promise(resolve => setImmediate(resolve));
    }
  }
  return warmed;
}
