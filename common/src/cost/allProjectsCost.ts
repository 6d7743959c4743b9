import type { BudgetWithSpend } from '../types/budgets';
import type { ProjectDayCost } from '../types/costs';
import type {
  AllProjectsMonthCost,
  ProjectMonthCost,
} from '../types/monthCost';
import { dailyNet, totalsOf } from './aggregate';
import { addDays, daysInMonthOf, monthStartOf } from './dates';
import { forecastPeriodEnd } from './forecast';

/**
 * Month to date and forecast per project and across all projects, from the same daily rows and
 * forecast as the budgets (net of credits, run rate of the last 7 complete days). The total forecast
 * is the sum of the projects' forecasts, so the table adds up to the total on screen.
 */
export function allProjectsMonthCost(
  rows: readonly ProjectDayCost[],
  projectIds: readonly string[],
  today: string,
  budgets: readonly BudgetWithSpend[],
  currency: string,
): AllProjectsMonthCost {
  const monthStart = monthStartOf(today);
  const next = addDays(monthStart, daysInMonthOf(today));
  const projects = projectIds.map(projectId => {
    const own = rows.filter(r => r.projectId === projectId);
    const month = own.filter(r => r.date >= monthStart && r.date <= today);
    const f = forecastPeriodEnd(
      dailyNet(own.filter(r => r.date <= today)),
      today,
      monthStart,
      next,
    );
    return { projectId, monthToDate: totalsOf(month), forecast: f.forecast };
  });
  const monthly = budgets.filter(
    b => b.period === 'MONTH' && b.amount !== null,
  );
  const sum = (f: (p: ProjectMonthCost) => number) =>
    projects.reduce((s, p) => s + f(p), 0);
  return {
    monthStart,
    currency,
    projects,
    total: {
      monthToDate: {
        cost: sum(p => p.monthToDate.cost),
        credits: sum(p => p.monthToDate.credits),
        net: sum(p => p.monthToDate.net),
      },
      forecast: sum(p => p.forecast),
      budget:
        monthly.length > 0 ? monthly.reduce((s, b) => s + b.amount!, 0) : null,
    },
  };
}
