/**
 * `POST /_sandbox/warm` for Monitoring: computes, ahead of the first read, the minute columns
 * (minuteColumns.ts) of the week a portal's long-window reads ask for — 7 days at 1 h alignment
 * ending at the current hour, every Cloud Run service of every project whose demand does not follow
 * load balancers or queues — so that a benchmark's cold overview measures the portal, not the
 * emulator computing a week of a fleet (Cloud Monitoring has those points stored). Each project's
 * week is planned as a query over all its services is, with the sampling that query's budget allows
 * (a minute in 10 up to ~2,000 services, one an hour at 10,000: docs/sandbox.md, "Fleet scale"): a
 * plan that differed would key other columns, and the query would read none of the warmed ones. At
 * most as many rows as one query may evaluate are warmed; a query over other services computes them
 * as usual, and a query after the hour has turned computes its own week.
 */
import type { SandboxWorld } from '../../world';
import {
  MINUTE_BUDGET,
  minutesPerSource,
  planAlignedWithinBudget,
} from '../aggregation/alignmentPlan';
import { minuteColumns } from './minuteColumns';

const HOUR_MS = 3_600_000;
const WEEK_MS = 7 * 24 * HOUR_MS;

/** Services computed between two turns of the event loop (other calls are answered meanwhile). */
const SERVICES_PER_TURN = 50;

/**
 * Rows warmed at most: a whole fleet's week at its budget step (at most about {@link MINUTE_BUDGET}
 * rows), so that the kept columns (`MAX_KEPT_ROWS`, 2.5 M) keep room for the plans of the pages'
 * other reads (a few rows per service each) before they start over.
 */
const WARMED_ROWS_AT_MOST = MINUTE_BUDGET;

/**
 * The plan of a query over the week ending at the current hour of `services` Cloud Run services
 * (one resource each, cloudRunMetrics.ts): the same periods and sampled minutes, hence the same key.
 */
export function weekPlanOf(services: number, nowMs: number) {
  const end = Math.floor(nowMs / HOUR_MS) * HOUR_MS;
  return planAlignedWithinBudget(end - WEEK_MS, end, nowMs, 3600, services);
}

/** Computes and keeps the week's columns; resolves to the number of services warmed. */
export async function warmWeekColumns(
  world: SandboxWorld,
  nowMs: number,
): Promise<number> {
  let warmed = 0;
  let rows = 0;
  for (const project of world.projects.values()) {
    if (project.demandSources?.length) continue;
    const plan = weekPlanOf(project.services.size, nowMs);
    const rowsPerService = minutesPerSource(plan);
    for (const service of project.services.values()) {
      if (rows + rowsPerService > WARMED_ROWS_AT_MOST) return warmed;
      minuteColumns(project, service, plan, true);
      rows += rowsPerService;
      warmed++;
      if (warmed % SERVICES_PER_TURN === 0)
        await new Promise(resolve => setImmediate(resolve));
    }
  }
  return warmed;
}
