import {
  FEATURE_REQUIREMENTS,
  GcpServerlessError,
  apisOf,
  permissionsOf,
  projectFeatures,
  type ApiStatus,
  type FeatureStatus,
  type MissingPermission,
  type ProjectSetup,
  type SetupCheck,
  type SetupReport,
} from '@gcp-serverless/common';
import type { GcpServerlessConfig } from '../../config/config';
import type { GoogleCredentials } from '../../gateways/credentials/GoogleCredentials';
import type { ProjectIamGateway } from '../../gateways/ProjectIamGateway';
import type { ServiceUsageGateway } from '../../gateways/ServiceUsageGateway';
import type { BudgetsGateway } from '../../gateways/billing/BudgetsGateway';
import type { BillingExportGateway } from '../../gateways/billing/BillingExportGateway';
import { disabledApiOf } from '../../gateways/googleErrors';

export interface SetupDoctorDeps {
  config: GcpServerlessConfig;
  credentials: GoogleCredentials;
  projects: ProjectIamGateway;
  serviceUsage: ServiceUsageGateway;
  budgets?: BudgetsGateway;
  billingExport?: BillingExportGateway;
  now: () => number;
}

/** The console page that enables an API in a project (the URL Google's SERVICE_DISABLED error carries). */
export function activationUrl(service: string, projectId: string): string {
  return `https://console.developers.google.com/apis/api/${service}/overview?project=${projectId}`;
}

const messageOf = (err: unknown) =>
  err instanceof Error ? err.message : String(err);

/**
 * The doctor: with the credentials the plugin runs as, checks per configured project that the
 * project is visible, that each Google API the features use is enabled (Service Usage) and that
 * each IAM permission they need is held (`testIamPermissions` on the project), then the billing
 * account's budgets and the billing export table. The lists of APIs and permissions come from
 * FEATURE_REQUIREMENTS in common, the same list the docs' role tables are made from.
 */
export class SetupDoctor {
  private readonly deps: SetupDoctorDeps;

  constructor(deps: SetupDoctorDeps) {
    this.deps = deps;
  }

  async check(): Promise<SetupReport> {
    const { config, credentials, now } = this.deps;
    const who = await credentials.describe();
    const credentialsCheck: SetupReport['credentials'] = who.found
      ? {
          status: who.problem ? 'error' : 'ok',
          message: `${who.kind ?? 'credentials'} found${
            who.principal ? `: ${who.principal}` : ''
          }${who.problem ? ` (${who.problem})` : ''}`,
          ...(who.principal ? { principal: who.principal } : {}),
          ...(who.kind ? { kind: who.kind } : {}),
        }
      : {
          status: 'missing',
          message: 'no Application Default Credentials found',
          fix: 'run `gcloud auth application-default login`, or attach a service account to where the portal runs',
        };
    const skipped = (message: string): SetupCheck => ({
      status: 'skipped',
      message,
    });
    const projects = who.found
      ? await Promise.all(
          config.projects.map(p => this.checkProject(p.projectId, p.regions)),
        )
      : config.projects.map(p => ({
          projectId: p.projectId,
          regions: p.regions,
          project: skipped('not checked: no credentials'),
          apis: [],
          permissions: skipped('not checked: no credentials'),
          features: [],
        }));
    const billing = who.found
      ? await this.checkBilling()
      : {
          budgets: skipped('not checked: no credentials'),
          export: skipped('not checked: no credentials'),
        };
    const problems = problemLines(credentialsCheck, projects, billing);
    return {
      mode: config.mode,
      checkedAt: new Date(now()).toISOString(),
      credentials: credentialsCheck,
      projects,
      billing,
      ok: problems.length === 0,
      problems,
    };
  }

  private async checkProject(
    projectId: string,
    regions: string[],
  ): Promise<ProjectSetup> {
    const features = projectFeatures();
    const wanted = permissionsOf(features);
    const apis = apisOf(features);
    const [project, apiStates, held] = await Promise.all([
      this.deps.projects.getProject(projectId).then(
        info =>
          ({
            status: 'ok',
            message: `project ${info.projectId} found${
              info.displayName ? ` (${info.displayName})` : ''
            }`,
          } as SetupCheck),
        err =>
          ({
            status: 'missing',
            message: `project ${projectId} was not found, or these credentials cannot see it: ${messageOf(
              err,
            )}`,
            fix: `check the project id in gcpServerless.projects, and grant roles/browser on ${projectId}`,
          } as SetupCheck),
      ),
      this.deps.serviceUsage
        .apiStates(
          projectId,
          apis.map(a => a.service),
        )
        .then(
          states => ({ states }),
          err => ({ error: err as unknown }),
        ),
      this.deps.projects.heldPermissions(projectId, wanted).then(
        list => ({ held: new Set(list) }),
        err => ({ error: err as unknown }),
      ),
    ]);
    if (project.status !== 'ok') {
      // Nothing else can be told about a project Google does not show: one problem, not thirty.
      const reason = `project ${projectId} not found or not visible to these credentials`;
      return {
        projectId,
        regions,
        project,
        apis: [],
        permissions: {
          status: 'skipped',
          message: 'not checked: the project is not visible',
        },
        features: features.map(f => ({
          id: f.id,
          title: f.title,
          kind: f.kind,
          available: false,
          reason,
          missingPermissions: [],
          disabledApis: [],
        })),
      };
    }
    const apiStatus: ApiStatus[] = apis.map(api => {
      if ('error' in apiStates) {
        const disabled = disabledApiOf(apiStates.error);
        if (disabled?.service === api.service)
          return {
            ...api,
            state: 'disabled',
            activationUrl:
              disabled.activationUrl ?? activationUrl(api.service, projectId),
          };
        return {
          ...api,
          state: 'unknown',
          problem: messageOf(apiStates.error),
        };
      }
      const state = apiStates.states.get(api.service) ?? 'unknown';
      return {
        ...api,
        state,
        ...(state === 'disabled'
          ? { activationUrl: activationUrl(api.service, projectId) }
          : {}),
      };
    });
    let permissions: SetupCheck;
    let missing: MissingPermission[] = [];
    if ('error' in held) {
      permissions = {
        status: 'error',
        message: `could not test IAM permissions on ${projectId}: ${messageOf(
          held.error,
        )}`,
      };
    } else {
      missing = features
        .flatMap(f => f.permissions)
        .filter(
          (p, i, all) =>
            !held.held.has(p.permission) &&
            all.findIndex(q => q.permission === p.permission) === i,
        );
      permissions =
        missing.length === 0
          ? { status: 'ok', message: `all ${wanted.length} permissions held` }
          : {
              status: 'missing',
              message: `${missing.length} of ${
                wanted.length
              } permissions missing: ${missing
                .map(m => m.permission)
                .join(', ')}`,
              fix: grantFix(missing, projectId),
            };
    }
    const disabledServices = new Set(
      apiStatus.filter(a => a.state === 'disabled').map(a => a.service),
    );
    const featureStatus: FeatureStatus[] = features.map(f => {
      const featureMissing =
        'error' in held
          ? []
          : f.permissions.filter(p => !held.held.has(p.permission));
      const disabledApis = f.apis
        .map(a => a.service)
        .filter(s => disabledServices.has(s));
      const reasons = [
        ...disabledApis.map(
          s => `${s} is disabled (enable it at ${activationUrl(s, projectId)})`,
        ),
        ...(featureMissing.length
          ? [
              `missing ${featureMissing
                .map(p => `${p.permission} (${p.role})`)
                .join(', ')}`,
            ]
          : []),
      ];
      return {
        id: f.id,
        title: f.title,
        kind: f.kind,
        available: reasons.length === 0,
        ...(reasons.length ? { reason: reasons.join('; ') } : {}),
        missingPermissions: featureMissing,
        disabledApis,
      };
    });
    return {
      projectId,
      regions,
      project,
      apis: apiStatus,
      permissions,
      features: featureStatus,
    };
  }

  private async checkBilling(): Promise<SetupReport['billing']> {
    const { config, budgets, billingExport, now } = this.deps;
    const budgetsCheck: Promise<SetupCheck> = budgets
      ? budgets.listBudgets().then(
          list => ({
            status: 'ok',
            message: `billing account ${budgets.accountId}: ${list.length} budget(s) readable`,
          }),
          err => ({
            status: 'missing',
            message: `budgets of billing account ${
              budgets.accountId
            } are not readable: ${messageOf(err)}`,
            fix: requirementFix('budgets'),
          }),
        )
      : Promise.resolve({
          status: 'skipped',
          message:
            'no billing account configured (gcpServerless.billing.accountId): budgets are off',
        });
    const exportCheck: Promise<SetupCheck> = billingExport
      ? billingExport
          .costLines(
            config.projects.map(p => p.projectId),
            today(now),
            today(now),
          )
          .then(
            () => ({
              status: 'ok',
              message: `billing export table ${billingExport.table.projectId}.${billingExport.table.dataset}.${billingExport.table.table} is readable`,
            }),
            err => ({
              status: 'missing',
              message: `billing export table ${billingExport.table.projectId}.${
                billingExport.table.dataset
              }.${billingExport.table.table} is not readable: ${messageOf(
                err,
              )}`,
              fix:
                err instanceof GcpServerlessError &&
                err.name === 'NotFoundError'
                  ? 'check gcpServerless.billing.export (project, dataset, table) against Billing → Billing export'
                  : `${requirementFix(
                      'costs',
                    )}, and roles/bigquery.dataViewer on the dataset ${
                      billingExport.table.dataset
                    }`,
            }),
          )
      : Promise.resolve({
          status: 'skipped',
          message:
            'no billing export configured (gcpServerless.billing.export): costs are estimated from Monitoring × Catalog prices',
        });
    const [b, e] = await Promise.all([budgetsCheck, exportCheck]);
    return { budgets: b, export: e };
  }
}

function today(now: () => number): string {
  return new Date(now()).toISOString().slice(0, 10);
}

/** "grant roles/x (a, b) and roles/y (c) on P" for a list of missing permissions. */
function grantFix(missing: MissingPermission[], projectId: string): string {
  const byRole = new Map<string, string[]>();
  for (const m of missing)
    byRole.set(m.role, [...(byRole.get(m.role) ?? []), m.permission]);
  return `grant ${[...byRole]
    .map(([role, perms]) => `${role} (${perms.join(', ')})`)
    .join(', ')} on ${projectId}`;
}

function requirementFix(featureId: string): string {
  const feature = FEATURE_REQUIREMENTS.find(f => f.id === featureId);
  const roles = [...new Set(feature?.permissions.map(p => p.role) ?? [])];
  return `grant ${roles.join(', ')}`;
}

/** One line per problem, each naming its fix. */
function problemLines(
  credentials: SetupCheck,
  projects: ProjectSetup[],
  billing: SetupReport['billing'],
): string[] {
  const lines: string[] = [];
  const add = (where: string, check: SetupCheck) => {
    if (check.status === 'missing' || check.status === 'error')
      lines.push(
        `${where}: ${check.message}${check.fix ? ` → ${check.fix}` : ''}`,
      );
  };
  add('credentials', credentials);
  for (const p of projects) {
    add(p.projectId, p.project);
    for (const api of p.apis.filter(a => a.state === 'disabled'))
      lines.push(
        `${p.projectId}: ${api.title} (${api.service}) is disabled → enable it at ${api.activationUrl}`,
      );
    if (p.permissions.status === 'missing') {
      for (const f of p.features.filter(
        feature => feature.missingPermissions.length > 0,
      )) {
        lines.push(
          `${p.projectId}: ${f.title} ${
            f.kind === 'edit' ? 'cannot be used' : 'is unavailable'
          }: missing ${f.missingPermissions
            .map(m => `${m.permission} → grant ${m.role}`)
            .join(', ')}`,
        );
      }
    } else add(p.projectId, p.permissions);
  }
  add('budgets', billing.budgets);
  add('billing export', billing.export);
  return lines;
}

/** How long a report is reused before the next page load checks again, ms. */
const REPORT_TTL_MS = 60_000;

/** The doctor's last report, reused for a minute so that every page load does not re-run it. */
export class CachedSetupReport {
  private readonly doctor: SetupDoctor;
  private readonly now: () => number;
  private last?: { at: number; report: Promise<SetupReport> };

  constructor(doctor: SetupDoctor, now: () => number = Date.now) {
    this.doctor = doctor;
    this.now = now;
  }

  report(refresh = false): Promise<SetupReport> {
    if (refresh || !this.last || this.now() - this.last.at > REPORT_TTL_MS) {
      const report = this.doctor.check();
      this.last = { at: this.now(), report };
      report.catch(() => {
        if (this.last?.report === report) this.last = undefined;
      });
    }
    return this.last.report;
  }
}
