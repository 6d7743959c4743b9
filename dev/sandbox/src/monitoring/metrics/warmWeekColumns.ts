/**
 * `POST /_sandbox/warm` for Monitoring: computes, ahead of the first read, the minute columns
 * (minuteColumns.ts) of the week a portal's long-window reads ask for — 7 days at 1 h alignment
 * ending at the current hour, every Cloud Run service of every project whose demand does not follow
 * load balancers or queues — so that a benchmark's cold overview measures the portal, not the
 * emulator computing a week of a fleet (Cloud Monitoring has those points stored). Only as many
 * services as the kept columns can hold are warmed; a query over others computes them as usual, and a
 * query after the hour has turned computes its own week.
 */
import type { SandboxWorld } from '../../world';
import { planAligned } from '../aggregation/alignmentPlan';
import { MAX_KEPT_ROWS, minuteColumns } from './minuteColumns';

const HOUR_MS = 3_600_000;
const WEEK_MS = 7 * 24 * HOUR_MS;

/** Services computed between two turns of the event loop (other calls are answered meanwhile). */
const SERVICES_PER_TURN = 50;

/** Computes and keeps the week's columns; resolves to the number of services warmed. */
export async function warmWeekColumns(
  world: SandboxWorld,
  nowMs: number,
): Promise<number> {
  const end = Math.floor(nowMs / HOUR_MS) * HOUR_MS;
  // The plan of a query over that week (the same periods and sampled minutes, hence the same key).
  const plan = planAligned(end - WEEK_MS, end, nowMs, 3600);
  const rowsPerService = plan.periods.reduce(
    (sum, period) => sum + period.minuteStarts.length,
    0,
  );
  let warmed = 0;
  for (const project of world.projects.values()) {
    if (project.demandSources?.length) continue;
    for (const service of project.services.values()) {
      // Leave room: past the bound the kept columns start over.
      if ((warmed + 1) * rowsPerService > MAX_KEPT_ROWS / 2) return warmed;
      minuteColumns(project, service, plan, true);
      warmed++;
      if (warmed % SERVICES_PER_TURN === 0)
        await new Promise(resolve => setImmediate(resolve));
    }
  }
  return warmed;
}
