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

const skusById = new Map<string, SandboxSku>(CATALOG_SKUS.map((s) => [s.skuId, s]));

/** Monthly free amount of a SKU (usage units) and the pool it draws from, or undefined when it has none. */
function freeTier(sku: SandboxSku): { pool: string; amount: number } | undefined {
  if (sku.tiers.length < 2 || sku.tiers[0]!.unitPrice !== 0) return undefined;
  // One pool per service and family: request-based CPU of tier 1 and tier 2 draw from the same 180,000 vCPU-s.
  return { pool: `${sku.serviceId}/${sku.family}`, amount: sku.tiers[1]!.startUsageAmount };
}

function monthOf(epochMs: number): string {
  const d = new Date(epochMs);
  return `${d.getUTCFullYear()}-${d.getUTCMonth()}`;
}

/** Export rows for usage lines already in time order (day, then project): free-tier credits applied. */
export function withCredits(lines: UsageLine[]): ExportRow[] {
  const remaining = new Map<string, number>();
  let month = '';
  return lines.map((line) => {
    const lineMonth = monthOf(line.startMs);
    if (lineMonth !== month) {
      month = lineMonth;
      remaining.clear();
    }
    const sku = skusById.get(line.skuId);
    const tier = sku ? freeTier(sku) : undefined;
    if (!sku || !tier || line.amount <= 0) return { ...line, credits: [] };
    const left = remaining.get(tier.pool) ?? tier.amount;
    const free = Math.min(left, line.amount);
    remaining.set(tier.pool, left - free);
    if (free <= 0) return { ...line, credits: [] };
    return {
      ...line,
      credits: [{
        name: 'Free tier', amount: -(line.cost * free) / line.amount, type: 'FREE_TIER',
        id: `FreeTier:${sku.skuId}`, fullName: `Free tier: ${sku.description}`,
      }],
    };
  });
}

/** The world's export cache, created on first use (a reset drops it with the billing state). */
export function exportCacheOf(world: SandboxWorld): ExportCache {
  const billing = billingOf(world);
  billing.exportCache ??= new ExportCache();
  return billing.exportCache;
}

/** Every export row of the sandbox billing account at sandbox time `nowMs`, oldest day first. */
export function exportRows(world: SandboxWorld, nowMs: number): ExportRow[] {
  const lines = exportCacheOf(world).linesBetween(world, exportStartMs(nowMs), nowMs);
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
