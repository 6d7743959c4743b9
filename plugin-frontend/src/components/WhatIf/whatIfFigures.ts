import {
  describeEpisode,
  formatCurrency,
  formatCurrencyChange,
  type WhatIfReport,
} from '@gcp-serverless/common';

/** One line of the what-if's figures: a label and what the change does to it. */
export interface WhatIfFigure {
  key: string;
  label: string;
  text: string;
}

const count = (n: number) =>
  Math.round(n).toLocaleString('en-US', { maximumFractionDigits: 0 });
const percent = (share: number) =>
  `${(share * 100).toLocaleString('en-US', { maximumFractionDigits: 1 })} %`;

/**
 * The headline of a what-if: the proposal's worst refusal episode ("Fri 18:00 peak: 4.2 % refused for
 * 14 min; +$120.00/month") in `timeZone`, or that the week fits.
 */
export function whatIfHeadline(
  report: WhatIfReport,
  timeZone?: string,
): string {
  const cost = `${formatCurrencyChange(
    report.change.monthlyCost,
    report.currency,
  )}/month`;
  const episode = report.proposed.worstEpisode;
  return episode
    ? `${describeEpisode(episode, timeZone)}; ${cost}`
    : `No 429s on last week's traffic; ${cost}`;
}

/** The figures of a what-if, current → proposed, as the preview dialog lists them. */
export function whatIfFigures(report: WhatIfReport): WhatIfFigure[] {
  const { current, proposed, measured } = report;
  return [
    {
      key: 'refused',
      label: '429s (refused)',
      text: `measured ${count(measured.refused)}; replayed ${count(
        current.totals.refused,
      )} → ${count(proposed.totals.refused)} (${percent(
        proposed.totals.refusedShare,
      )} of ${count(proposed.totals.requests)} requests)`,
    },
    {
      key: 'minutesAtMax',
      label: 'Minutes at max',
      text: `${count(current.totals.minutesAtMax)} → ${count(
        proposed.totals.minutesAtMax,
      )}`,
    },
    {
      key: 'coldStarts',
      label: 'Cold starts',
      text: `${count(current.totals.coldStarts)} → ${count(
        proposed.totals.coldStarts,
      )}`,
    },
    {
      key: 'instanceHours',
      label: 'Instance-hours',
      text: `${count(current.totals.instanceHours)} → ${count(
        proposed.totals.instanceHours,
      )} (measured ${count(measured.instanceHours)})`,
    },
    {
      key: 'monthlyCost',
      label: 'Cost per month',
      text: `${formatCurrency(
        current.cost.monthly,
        report.currency,
      )} → ${formatCurrency(
        proposed.cost.monthly,
        report.currency,
      )} (${formatCurrencyChange(report.change.monthlyCost, report.currency)})`,
    },
  ];
}

/** Caveats of this report the reader should see with the figures. */
export function whatIfNotes(report: WhatIfReport): string[] {
  const notes = [
    `Replays ${Math.round(
      report.window.minutes / 1440,
    )} days of measured traffic minute by minute (docs/what-if.md).`,
  ];
  if (report.demand === 'served')
    notes.push(
      'A queue retries this service’s 429s: the served requests stand for the demand.',
    );
  if (report.serviceTime.substitutedMinutes > 0)
    notes.push(
      `${count(
        report.serviceTime.substitutedMinutes,
      )} saturated minutes use the typical latency (${count(
        report.serviceTime.baselineMs ?? 0,
      )} ms) instead of their queued one.`,
    );
  return notes;
}
