import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  projectDayCosts,
  skuFamilyOf,
  type CostBreakdown,
  type CostReportDays,
  type CostResourceDay,
  type CostResourceKind,
  type CostSkuDay,
  type CostSourceInfo,
  type ResourceHistory,
} from '@gcp-serverless/common';
import type {
  BillingExportGateway,
  ExportCostLine,
} from '../../gateways/billing/BillingExportGateway';
import type { CostSource, ProjectDailyCosts } from './CostSource';

/** What kind of resource a line is for, from its full resource name or, failing that, its service. */
export function resourceKindOf(
  line: Pick<ExportCostLine, 'service' | 'resourceGlobalName'>,
): CostResourceKind {
  const g = line.resourceGlobalName;
  if (g.startsWith('//run.googleapis.com/')) return 'cloud-run';
  if (/\/(backendServices|backendBuckets|urlMaps|forwardingRules)\//.test(g))
    return 'backend';
  if (g.startsWith('//cloudtasks.googleapis.com/')) return 'queue';
  if (g.startsWith('//redis.googleapis.com/')) return 'redis';
  const s = line.service.toLowerCase();
  if (s === 'cloud run') return 'cloud-run';
  if (s === 'cloud tasks') return 'queue';
  if (/memorystore|redis/.test(s)) return 'redis';
  return 'other';
}

/** Slices of the portal's thread the fold of a fleet's day × resource lines takes before it yields, ms. */
const SLICE_MS = 10;

/** The last segment of a resource name ("…/services/gryd-be" → "gryd-be"). */
const shortName = (name: string) => name.split('/').filter(Boolean).pop() ?? '';

/**
 * Billed cost from the Cloud Billing export to BigQuery: for a costs page three queries at the grains
 * it draws, for budgets one per project and day; BigQuery adds the lines up.
 */
export class BillingExportCostSource implements CostSource {
  readonly info: CostSourceInfo;
  private readonly gateway: BillingExportGateway;

  constructor(gateway: BillingExportGateway) {
    this.gateway = gateway;
    const t = gateway.table;
    this.info = {
      kind: 'billing-export',
      description: `Billed cost from the Cloud Billing export ${t.projectId}.${t.dataset}.${t.table} in BigQuery (credits shown apart; today is partial, the export lags by hours).`,
    };
  }

  async breakdown(
    projectId: string,
    days: CostReportDays,
    resource: string | null,
  ): Promise<CostBreakdown> {
    const lines = await this.gateway.breakdownLines(projectId, days, resource);
    const nameOf = (l: { resourceName: string; resourceGlobalName: string }) =>
      shortName(l.resourceName || l.resourceGlobalName) || '(unattributed)';
    // Several SKUs of one family (e.g. CPU tier 1 and idle CPU) make one day of the family.
    const skuDays = new Map<string, CostSkuDay>();
    for (const l of lines.skuDays) {
      const skuFamily = skuFamilyOf(l.service, l.sku);
      const key = `${l.day}|${skuFamily}`;
      const day = skuDays.get(key);
      if (day) {
        day.cost += l.cost;
        day.credits += l.credits;
      } else
        skuDays.set(key, {
          date: l.day,
          skuFamily,
          cost: l.cost,
          credits: l.credits,
        });
    }
    const resources = new Map<string, ResourceHistory>();
    for (const l of lines.resourcePeriods) {
      const name = nameOf(l);
      let r = resources.get(name);
      if (!r) {
        r = {
          resource: name,
          resourceKind: resourceKindOf(l),
          current: { cost: 0, credits: 0 },
          previous: { cost: 0, credits: 0 },
          firstDay: l.firstDay,
        };
        resources.set(name, r);
      }
      if (l.firstDay < r.firstDay) r.firstDay = l.firstDay;
      if (l.period !== 'earlier') {
        r[l.period].cost += l.cost;
        r[l.period].credits += l.credits;
      }
    }
    // Lines of one short name from several full names (regions) make one resource's day.
    const resourceDays = new Map<string, CostResourceDay>();
    let sliceStart = performance.now();
    for (const l of lines.resourceDays) {
      if (performance.now() - sliceStart > SLICE_MS) {
        await nextTurn();
        sliceStart = performance.now();
      }
      const name = shortName(l.resource) || '(unattributed)';
      if (resource !== null && name !== resource) continue;
      const key = `${l.day}|${name}`;
      const day = resourceDays.get(key);
      if (day) {
        day.cost += l.cost;
        day.credits += l.credits;
      } else
        resourceDays.set(key, {
          date: l.day,
          resource: name,
          cost: l.cost,
          credits: l.credits,
        });
    }
    return {
      currency:
        lines.resourcePeriods[0]?.currency ??
        lines.skuDays[0]?.currency ??
        'USD',
      skuDays: [...skuDays.values()],
      resources: [...resources.values()],
      resourceDays: [...resourceDays.values()],
    };
  }

  async projectDailyCosts(
    projectIds: readonly string[],
    fromDay: string,
    toDay: string,
  ): Promise<ProjectDailyCosts> {
    const lines = await this.gateway.projectDayLines(
      projectIds,
      fromDay,
      toDay,
    );
    // One line per (day, project, currency): an account bills in one currency, so one per day and project.
    return {
      rows: projectDayCosts(
        lines.map(l => ({
          date: l.day,
          projectId: l.projectId,
          cost: l.cost,
          credits: l.credits,
        })),
      ),
      currency: lines[0]?.currency ?? 'USD',
    };
  }
}
