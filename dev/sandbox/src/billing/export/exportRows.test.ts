import { describe, expect, it } from 'vitest';
import { buildWorld } from '../../scenarios';
import { CLOUD_RUN_SERVICE_ID, skuByDescription } from '../catalog/skuTable';
import { DAY_MS, exportStartMs } from './exportCache';
import { exportCacheOf, exportRows, netCostPerDay } from './exportRows';

/** The billing-export generator on the avocano-shop scenario (one request-based Cloud Run service in us-central1, plus its LB, queue and Redis). */

const NOW = Date.parse('2026-03-03T12:00:00Z');
const world = () => buildWorld({ scenarios: ['avocano-shop'], now: NOW });

describe('billing export generator', () => {
  it('covers every UTC day from the month of now − 90 days to the last full hour, day totals = sum of their rows', () => {
    const rows = exportRows(world(), NOW);
    const perDay = netCostPerDay(rows);
    const first = exportStartMs(NOW);
    expect(first).toBe(Date.parse('2025-12-01T00:00:00Z'));
    expect([...perDay.keys()]).toEqual(
      Array.from(
        { length: (Date.parse('2026-03-03') - first) / DAY_MS + 1 },
        (_, i) => first + i * DAY_MS,
      ),
    );
    const feb10 = Date.parse('2026-02-10T00:00:00Z');
    const byHand = rows
      .filter(r => r.startMs === feb10)
      .reduce(
        (s, r) => s + r.cost + r.credits.reduce((c, x) => c + x.amount, 0),
        0,
      );
    expect(perDay.get(feb10)).toBeCloseTo(byHand, 9);
    const today = rows.filter(
      r => r.startMs === Date.parse('2026-03-03T00:00:00Z'),
    );
    expect(new Set(today.map(r => r.endMs))).toEqual(
      new Set([Date.parse('2026-03-03T12:00:00Z')]),
    );
  });

  it('prices usage with the catalog: cost = amount × paid rate, request-based SKUs for a cpuIdle service', () => {
    const rows = exportRows(world(), NOW).filter(
      r =>
        r.startMs === Date.parse('2026-02-10T00:00:00Z') &&
        r.serviceId === CLOUD_RUN_SERVICE_ID,
    );
    // Min 1 and traffic all day: the one warm instance is always busy, so no idle min-instance time.
    expect(rows.map(r => skuByDescription_(r.skuId)).sort()).toEqual([
      'CPU Allocation Time (request-based billing) Tier 1',
      'Memory Allocation Time (request-based billing) Tier 1',
      'Requests',
    ]);
    const requests = rows.find(
      r => r.skuId === skuByDescription('Requests').skuId,
    )!;
    expect(requests.cost).toBeCloseTo(requests.amount * 0.0000004, 12);
    // ~30 rps on average: between 1 M and 5 M requests a day.
    expect(requests.amount).toBeGreaterThan(1e6);
    expect(requests.amount).toBeLessThan(5e6);
  });

  it('applies the monthly free tier as FREE_TIER credits from the first of each month, never more than the tier', () => {
    const rows = exportRows(world(), NOW);
    const cpu = skuByDescription(
      'CPU Allocation Time (request-based billing) Tier 1',
    );
    const febCpu = rows.filter(
      r =>
        r.skuId === cpu.skuId &&
        r.startMs >= Date.parse('2026-02-01') &&
        r.startMs < Date.parse('2026-03-01'),
    );
    const freeUnits = febCpu.reduce(
      (s, r) =>
        s + r.credits.reduce((c, x) => c - (x.amount / r.cost) * r.amount, 0),
      0,
    );
    expect(freeUnits).toBeCloseTo(180_000, 3);
    expect(febCpu[0]!.credits[0]).toMatchObject({
      type: 'FREE_TIER',
      name: 'Free tier',
    });
    expect(febCpu.at(-1)!.credits).toEqual([]);
  });

  it('moves cost when scaling moves: min instances 1 → 5 raises the following days only; the cache regenerates only those', () => {
    const w = world();
    const before = netCostPerDay(exportRows(w, NOW));
    const cache = exportCacheOf(w);
    const generated = cache.generated;
    exportRows(w, NOW);
    expect(cache.generated).toBe(generated); // all cached
    const service = w.projects
      .get('avocano-shop')!
      .services.get('avocano-api')!;
    service.history.push({
      effectiveFrom: Date.parse('2026-03-01T00:00:00Z'),
      config: { ...service.history.at(-1)!.config, minInstances: 5 },
    });
    const after = netCostPerDay(exportRows(w, NOW));
    expect(cache.generated - generated).toBe(3); // Mar 1, 2 and 3
    expect(after.get(Date.parse('2026-02-28'))).toBe(
      before.get(Date.parse('2026-02-28')),
    );
    // 4 more warm instances × 86,400 s × (idle vCPU $0.0000025 + 0.5 GiB × $0.0000025) ≈ $1.30 a day, less the busy share.
    expect(
      after.get(Date.parse('2026-03-02'))! -
        before.get(Date.parse('2026-03-02'))!,
    ).toBeGreaterThan(1);
    expect(
      after.get(Date.parse('2026-03-02'))! -
        before.get(Date.parse('2026-03-02'))!,
    ).toBeLessThan(1.3);
  });

  it('adds forwarding-rule hours, Cloud Tasks operations and Redis GiB-hours for the resources the project has', () => {
    const w = world();
    const project = w.projects.get('avocano-shop')! as unknown as {
      compute?: { loadBalancers: unknown[] };
      backing?: {
        queues: Map<string, unknown>;
        redisInstances: Map<string, { history: { memorySizeGb: number }[] }>;
      };
    };
    const day = exportRows(w, NOW).filter(
      r => r.startMs === Date.parse('2026-02-10T00:00:00Z'),
    );
    const lb = day.filter(
      r =>
        r.skuId ===
        skuByDescription(
          'Global External Application Load Balancer Forwarding Rule',
        ).skuId,
    );
    expect(lb.map(r => r.amount)).toEqual(
      (project.compute?.loadBalancers ?? []).map(() => 24),
    );
    const redis = day.filter(r =>
      r.resourceGlobalName.startsWith('//redis.googleapis.com/'),
    );
    expect(redis.map(r => r.amount)).toEqual(
      [...(project.backing?.redisInstances.values() ?? [])].map(
        i => i.history.at(-1)!.memorySizeGb * 24,
      ),
    );
    for (const row of [...lb, ...redis]) expect(row.cost).toBeGreaterThan(0);
  });

  it('prices Cloud CDN from the load-balancer model: lookups for every cacheable request, egress for hits, fill for misses', () => {
    const day = exportRows(world(), NOW).filter(
      r => r.startMs === Date.parse('2026-02-10T00:00:00Z'),
    );
    const of = (description: string) =>
      day.find(r => r.skuId === skuByDescription(description).skuId);
    const lookups = of('Cloud CDN Cache Lookup Requests')!;
    const egress = of('Cloud CDN Cache Egress North America and Europe')!; // us-central1 users
    const fill = of('Cloud CDN Cache Fill')!;
    expect(lookups.amount).toBeGreaterThan(1e6);
    // Egress + fill are the bytes of every looked-up response, 4–20 KiB each.
    const gib = (egress.amount + fill.amount) * 2 ** 30;
    expect(gib / lookups.amount).toBeGreaterThanOrEqual(4 * 1024 - 1);
    expect(gib / lookups.amount).toBeLessThanOrEqual(20 * 1024 + 1);
    expect(egress.amount).toBeGreaterThan(fill.amount); // the static assets mostly hit
    expect(lookups.cost).toBeCloseTo(lookups.amount * 0.00000075, 9);
  });

  it('switches to instance-based SKUs when cpuIdle is turned off', () => {
    const w = world();
    const service = w.projects
      .get('avocano-shop')!
      .services.get('avocano-api')!;
    service.history.push({
      effectiveFrom: Date.parse('2026-03-02T00:00:00Z'),
      config: { ...service.history.at(-1)!.config, cpuIdle: false },
    });
    const day = exportRows(w, NOW).filter(
      r =>
        r.startMs === Date.parse('2026-03-02T00:00:00Z') &&
        r.serviceId === CLOUD_RUN_SERVICE_ID,
    );
    expect(day.map(r => skuByDescription_(r.skuId)).sort()).toEqual([
      'CPU Allocation Time (instance-based billing) Tier 1',
      'Memory Allocation Time (instance-based billing) Tier 1',
    ]);
  });
});

function skuByDescription_(skuId: string): string {
  return (
    [
      'CPU Allocation Time (request-based billing) Tier 1',
      'Idle Min-Instance CPU Allocation Time Tier 1',
      'Memory Allocation Time (request-based billing) Tier 1',
      'Requests',
      'CPU Allocation Time (instance-based billing) Tier 1',
      'Memory Allocation Time (instance-based billing) Tier 1',
    ].find(d => skuByDescription(d).skuId === skuId) ?? skuId
  );
}
