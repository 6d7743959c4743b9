import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildWorld } from '../../scenarios';
import type { SandboxWorld } from '../../world';
import { billingOf } from '../billingState';
import { exportTableNames } from './sql/exportSchema';
import { readQueryParameters } from './queryParameters';
import {
  BILLING_EXPORT_DATASET,
  BILLING_EXPORT_PROJECT,
  runQuery,
} from './runQuery';

/**
 * The export engine keeps its database between queries and finds it current before it gathers the
 * export's rows again (exportEngine.ts `loadExport`, docs/sandbox.md). These tests compare the kept
 * database's answers with a fresh world's, which gathers and loads everything: they must be the same
 * after any mix of waiting and writes.
 */

const NOW = Date.parse('2026-03-03T12:20:00Z');
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

const world = () => buildWorld({ scenarios: ['gryyd-web'], now: NOW });

/** The overview's query (common's `exportCostQuery`, per project and day), as the portal sends it. */
function dailyCosts(w: SandboxWorld, nowMs: number) {
  const table = exportTableNames(billingOf(w).accountId).resource;
  const day = (ms: number) =>
    new Date(ms).toISOString().slice(0, 10) + ' 00:00:00';
  return runQuery(
    w,
    nowMs,
    `SELECT FORMAT_DATE("%Y-%m-%d", DATE(usage_start_time)) AS day, project.id AS project_id, currency,
       SUM(cost) AS cost, SUM(IFNULL((SELECT SUM(c.amount) FROM UNNEST(credits) AS c), 0)) AS credits
     FROM \`${BILLING_EXPORT_PROJECT}.${BILLING_EXPORT_DATASET}.${table}\`
     WHERE project.id IN UNNEST(@projects) AND usage_start_time >= TIMESTAMP(@from_day)
       AND usage_start_time < TIMESTAMP(@to_day)
     GROUP BY day, project_id, currency ORDER BY day, project_id`,
    {
      jobProject: BILLING_EXPORT_PROJECT,
      params: readQueryParameters(
        [
          {
            name: 'projects',
            parameterType: { type: 'ARRAY', arrayType: { type: 'STRING' } },
            parameterValue: { arrayValues: [{ value: 'gryyd-web' }] },
          },
          {
            name: 'from_day',
            parameterType: { type: 'STRING' },
            parameterValue: { value: day(nowMs - 10 * 86_400_000) },
          },
          {
            name: 'to_day',
            parameterType: { type: 'STRING' },
            parameterValue: { value: day(nowMs + 86_400_000) },
          },
        ],
        'NAMED',
      ),
    },
  ).then(result => result.rows);
}

/** A write to the world: an edit of one service's configuration (its vCPU) in force from `agoHours` before now. */
interface Edit {
  service: number;
  agoHours: number;
  cpu: number;
}

function applyEdit(w: SandboxWorld, edit: Edit, nowMs: number): void {
  const services = [...w.projects.get('gryyd-web')!.services.values()];
  const service = services[edit.service % services.length]!;
  const current = service.history[service.history.length - 1]!;
  const effectiveFrom = Math.max(
    current.effectiveFrom + MINUTE_MS,
    nowMs - edit.agoHours * HOUR_MS,
  );
  service.history.push({
    ...current,
    effectiveFrom,
    config: {
      ...current.config,
      cpu: edit.cpu,
    },
  });
}

describe('export engine: the kept database', () => {
  it('answers as a fresh load does after waiting in the hour, after a write in the hour and after the hour turns', async () => {
    const kept = world();
    const first = await dailyCosts(kept, NOW);
    expect(first.length).toBeGreaterThan(5);
    // Same hour, nothing written: the kept database answers, as a fresh one would.
    expect(await dailyCosts(kept, NOW + 5 * MINUTE_MS)).toEqual(
      await dailyCosts(world(), NOW + 5 * MINUTE_MS),
    );
    // A write in the same hour that changes past days (4 vCPU from two days back) shows at once.
    const edit = { service: 0, agoHours: 48, cpu: 4 };
    applyEdit(kept, edit, NOW);
    const fresh = world();
    applyEdit(fresh, edit, NOW);
    const afterEdit = await dailyCosts(kept, NOW + 6 * MINUTE_MS);
    expect(afterEdit).not.toEqual(first);
    expect(afterEdit).toEqual(await dailyCosts(fresh, NOW + 6 * MINUTE_MS));
    // The next hour adds its usage.
    const nextHour = NOW + HOUR_MS;
    expect(await dailyCosts(kept, nextHour)).toEqual(
      await dailyCosts(fresh, nextHour),
    );
  }, 60_000);

  it('any mix of waiting and writes: the kept database answers as a fresh load of the same world', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.record({ waitMinutes: fc.integer({ min: 0, max: 90 }) }),
            fc.record({
              service: fc.nat(10),
              agoHours: fc.integer({ min: 0, max: 72 }),
              cpu: fc.constantFrom(0.5, 2, 4, 8),
            }),
          ),
          { minLength: 1, maxLength: 4 },
        ),
        async steps => {
          const kept = world();
          let now = NOW;
          await dailyCosts(kept, now);
          const edits: Array<{ edit: Edit; at: number }> = [];
          for (const step of steps) {
            if ('waitMinutes' in step) now += step.waitMinutes * MINUTE_MS;
            else {
              applyEdit(kept, step, now);
              edits.push({ edit: step, at: now });
            }
            const fresh = world();
            for (const { edit, at } of edits) applyEdit(fresh, edit, at);
            expect(await dailyCosts(kept, now)).toEqual(
              await dailyCosts(fresh, now),
            );
          }
        },
      ),
      { numRuns: 6 },
    );
  }, 120_000);
});
