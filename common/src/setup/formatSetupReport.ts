import type { ApiStatus, SetupCheck, SetupReport } from './setupReport';

const MARK: Record<SetupCheck['status'], string> = {
  ok: 'ok  ',
  missing: 'MISS',
  error: 'ERR ',
  skipped: 'skip',
};

function apiLine(api: ApiStatus): SetupCheck {
  const name = `${api.title} (${api.service})`;
  if (api.state === 'enabled')
    return { status: 'ok', message: `${name} enabled` };
  if (api.state === 'disabled')
    return {
      status: 'missing',
      message: `${name} disabled`,
      fix: `enable it at ${api.activationUrl}`,
    };
  return {
    status: 'error',
    message: `${name} unknown${api.problem ? `: ${api.problem}` : ''}`,
  };
}

/** The doctor's report as plain text lines (CLI output and the start-up log); every problem names its fix. */
export function formatSetupReport(report: SetupReport): string[] {
  const lines: string[] = [];
  const line = (indent: string, check: SetupCheck) =>
    lines.push(
      `${indent}[${MARK[check.status]}] ${check.message}${
        check.fix ? `\n${indent}       fix: ${check.fix}` : ''
      }`,
    );
  lines.push(
    `gcp-serverless doctor (${report.mode} mode, ${report.checkedAt})`,
  );
  line('', {
    ...report.credentials,
    message: `credentials: ${report.credentials.message}`,
  });
  for (const p of report.projects) {
    lines.push(`project ${p.projectId} (${p.regions.join(', ')})`);
    line('  ', p.project);
    for (const api of p.apis) {
      line('  ', apiLine(api));
    }
    line('  ', p.permissions);
    for (const f of p.features) {
      line(
        '  ',
        f.available
          ? { status: 'ok', message: `feature: ${f.title}` }
          : {
              status: 'missing',
              message: `feature: ${f.title} ${
                f.kind === 'edit' ? '(change) not possible' : 'unavailable'
              }: ${f.reason}`,
            },
      );
    }
  }
  line('', {
    ...report.billing.budgets,
    message: `budgets: ${report.billing.budgets.message}`,
  });
  line('', {
    ...report.billing.export,
    message: `billing export: ${report.billing.export.message}`,
  });
  lines.push(
    report.ok
      ? 'Everything the configured features need is in place.'
      : `${report.problems.length} problem(s):`,
  );
  for (const problem of report.problems) lines.push(`  - ${problem}`);
  return lines;
}
