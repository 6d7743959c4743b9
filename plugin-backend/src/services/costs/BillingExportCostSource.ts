import {
  projectDayCosts,
  skuFamilyOf,
  type CostResourceKind,
  type CostRow,
  type CostSourceInfo,
} from '@gcp-serverless/common';
import type {
  BillingExportGateway,
  ExportCostLine,
} from '../../gateways/billing/BillingExportGateway';
import type { CostSource, DailyCosts, ProjectDailyCosts } from './CostSource';

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

/** The last segment of a resource name ("…/services/gryd-be" → "gryd-be"). */
const shortName = (name: string) => name.split('/').filter(Boolean).pop() ?? '';

/** Billed cost from the Cloud Billing export to BigQuery: one query for all projects and days asked. */
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

  async dailyCosts(
    projectIds: readonly string[],
    fromDay: string,
    toDay: string,
  ): Promise<DailyCosts> {
    const lines = await this.gateway.costLines(projectIds, fromDay, toDay);
    // Same (day, project, resource, family) from several SKUs (e.g. tier 1 and idle CPU) merge into one row.
    const rows = new Map<string, CostRow>();
    for (const line of lines) {
      const resource =
        shortName(line.resourceName || line.resourceGlobalName) ||
        '(unattributed)';
      const skuFamily = skuFamilyOf(line.service, line.sku);
      const key = `${line.day}|${line.projectId}|${resource}|${skuFamily}`;
      const row = rows.get(key);
      if (row) {
        row.cost += line.cost;
        row.credits += line.credits;
      } else {
        rows.set(key, {
          date: line.day,
          projectId: line.projectId,
          resource,
          resourceKind: resourceKindOf(line),
          skuFamily,
          cost: line.cost,
          credits: line.credits,
        });
      }
    }
    return { rows: [...rows.values()], currency: lines[0]?.currency ?? 'USD' };
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
