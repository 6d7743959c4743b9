import type { SandboxWorld } from '../../world';
import { billingOf } from '../billingState';
import { CATALOG_SKUS, type SandboxSku } from '../catalog/skuTable';
import { DAY_MS, ExportCache, exportStartMs } from './exportCache';
import type { ExportRow, UsageLine } from './exportTypes';

/**
 * The billing export of the sandbox account at sandbox time `now`: every usage line since
 * exportStartMs(now), with the monthly free tiers of the account applied as FREE_TIER credits. Free
 * tiers (a first price tier of 0 in the catalog) are shared by every project of the account and
 * consumed in time order from the first of each UTC month, so they show as credits on the first days
 * of a month (Google's exact allocation across projects and hours is unverified).
 */

const skusById = new Map<string, SandboxSku>(
  CATALOG_SKUS.map(s => [s.skuId, s]),
);

/** Monthly free amount of a SKU (usage units) and the pool it draws from, or undefined when it has none. */
function freeTier(
  sku: SandboxSku,
): { pool: string; amount: number } | undefined {
  if (sku.tiers.length < 2 || sku.tiers[0]!.unitPrice !== 0) return undefined;
  // One pool per service and family: request-based CPU of tier 1 and tier 2 draw from the same 180,000 vCPU-s.
  return {
    pool: `${sku.serviceId}/${sku.family}`,
    amount: sku.tiers[1]!.startUsageAmount,
  };
}

function monthOf(epochMs: number): string {
  const d = new Date(epochMs);
  return `${d.getUTCFullYear()}-${d.getUTCMonth()}`;
}

const freeTiers = new Map(CATALOG_SKUS.map(s => [s.skuId, freeTier(s)]));

/** The credits of a row without any: one frozen array shared by them all (a fleet has millions of rows). */
const NO_CREDITS = Object.freeze([]) as unknown as ExportRow['credits'];

/**
 * Export rows for usage lines already in time order (day, then project): free-tier credits applied.
 * The credits are assigned onto the (cached) line objects themselves, which become the rows: copying
 * ~50,000 lines per query cost more than the query. Every call reassigns every line's credits.
 */
export function withCredits(lines: UsageLine[]): ExportRow[] {
  const remaining = new Map<string, number>();
  let month = '';
  let monthDay = -1;
  const rows: ExportRow[] = new Array(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const row = line as ExportRow;
    if (line.startMs !== monthDay) {
      monthDay = line.startMs;
      const lineMonth = monthOf(line.startMs);
      if (lineMonth !== month) {
        month = lineMonth;
        remaining.clear();
      }
    }
    rows[i] = row;
    const tier = freeTiers.get(line.skuId);
    if (!tier || line.amount <= 0) {
      row.credits = NO_CREDITS;
      continue;
    }
    const left = remaining.get(tier.pool) ?? tier.amount;
    const free = Math.min(left, line.amount);
    remaining.set(tier.pool, left - free);
    const sku = skusById.get(line.skuId)!;
    row.credits =
      free <= 0
        ? NO_CREDITS
        : [
            {
              name: 'Free tier',
              amount: -(line.cost * free) / line.amount,
              type: 'FREE_TIER',
              id: `FreeTier:${sku.skuId}`,
              fullName: `Free tier: ${sku.description}`,
            },
          ];
  }
  return rows;
}

/** The world's export cache, created on first use (a reset drops it with the billing state). */
export function exportCacheOf(world: SandboxWorld): ExportCache {
  const billing = billingOf(world);
  billing.exportCache ??= new ExportCache();
  return billing.exportCache;
}

/** Every export row of the sandbox billing account at sandbox time `nowMs`, oldest day first. */
export function exportRows(world: SandboxWorld, nowMs: number): ExportRow[] {
  const lines = exportCacheOf(world).linesBetween(
    world,
    exportStartMs(nowMs),
    nowMs,
  );
  return withCredits(lines);
}

/** {@link exportRows}, generated in chunks that leave the event loop free between them. */
export async function exportRowsInChunks(
  world: SandboxWorld,
  nowMs: number,
): Promise<ExportRow[]> {
  const lines = await exportCacheOf(world).linesBetweenInChunks(
    world,
    exportStartMs(nowMs),
    nowMs,
  );
  return withCredits(lines);
}

/** Sum of `cost + credits` of rows per UTC day (epoch ms of the day start), for tests and docs. */
export function netCostPerDay(rows: ExportRow[]): Map<number, number> {
  const totals = new Map<number, number>();
  for (const row of rows) {
    const day = Math.floor(row.startMs / DAY_MS) * DAY_MS;
    const net = row.cost + row.credits.reduce((sum, c) => sum + c.amount, 0);
    totals.set(day, (totals.get(day) ?? 0) + net);
  }
  return totals;
}
