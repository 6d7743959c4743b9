import {
  TIME_WINDOW_SECONDS,
  TIME_WINDOW_STEP_SECONDS,
  type NamedSeries,
  type RouteTraffic,
  type SeriesPoint,
  type TimeWindow,
} from '@gcp-serverless/common';
import {
  quoteFilterValue,
  type MonitoringGateway,
} from '../gateways/MonitoringGateway';

/** Load balancer metric and resource names (docs/google-apis.md §7). */
export const LB_RESOURCE = 'https_lb_rule';
export const LB_REQUEST_COUNT =
  'loadbalancing.googleapis.com/https/request_count';
const URL_MAP = 'resource.labels.url_map_name';
const PATH_RULE = 'resource.labels.matched_url_path_rule';
const TARGET = 'resource.labels.backend_target_name';
const CODE_CLASS = 'metric.labels.response_code_class';
const CACHE_RESULT = 'metric.labels.cache_result';

/** The load balancer labels response_code_class as an integer (500); accept Cloud Run's "5xx" form too. */
const is5xx = (value: string | undefined) => value === '500' || value === '5xx';

/** Requests by cache result over the window of one URL map path rule on one backend target. */
export interface CdnRouteCounts {
  urlMap: string;
  /** `matched_url_path_rule`: `/images/*`, `UNMATCHED` (a default), `route_rules/10`. */
  pathRule: string;
  backendTarget: string;
  /** cache_result → requests over the window. */
  counts: Map<string, number>;
}

/** Per backend target and per path rule: requests by cache result over the window, and series per step. */
export interface CdnFigures {
  /** backend_target_name → cache_result → requests over the window. */
  totals: Map<string, Map<string, number>>;
  /** backend_target_name → series hitRatio (0..1), served (req/s from cache), fill (req/s from origin). */
  series: Map<string, NamedSeries[]>;
  /** Per URL map × path rule × backend target (the load balancer labels each request with its matched rule). */
  routes: CdnRouteCounts[];
}

/**
 * Load balancer figures from Cloud Monitoring: one call per question, grouped by label, whatever the
 * number of routes or backends (docs/architecture.md).
 */
export class LoadBalancerMetrics {
  private readonly monitoring: MonitoringGateway;

  constructor(monitoring: MonitoringGateway) {
    this.monitoring = monitoring;
  }

  private filter(): string {
    return `metric.type = ${quoteFilterValue(
      LB_REQUEST_COUNT,
    )} AND resource.type = ${quoteFilterValue(LB_RESOURCE)}`;
  }

  /** Requests/s and 5xx ratio per URL map × matched path rule × backend target over the window: 1 call. */
  async routeTraffic(
    projectId: string,
    window: TimeWindow,
    endMs: number,
  ): Promise<RouteTraffic[]> {
    const seconds = TIME_WINDOW_SECONDS[window];
    const series = await this.monitoring.query({
      projectId,
      filter: this.filter(),
      startMs: endMs - seconds * 1000,
      endMs,
      alignmentPeriodSeconds: seconds,
      aligner: 'ALIGN_RATE',
      reducer: 'REDUCE_SUM',
      groupByFields: [URL_MAP, PATH_RULE, TARGET, CODE_CLASS],
      purpose: `load balancer request rates of ${projectId}`,
    });
    const routes = new Map<string, RouteTraffic & { fiveXx: number }>();
    for (const s of series) {
      const key = [
        s.labels[URL_MAP],
        s.labels[PATH_RULE],
        s.labels[TARGET],
      ].join('\u0000');
      const rate = s.points.at(-1)?.value ?? 0;
      const route = routes.get(key) ?? {
        urlMap: s.labels[URL_MAP] ?? '',
        matchedUrlPathRule: s.labels[PATH_RULE] ?? '',
        backendTarget: s.labels[TARGET] ?? '',
        requestsPerSecond: 0,
        errorRatio5xx: 0,
        fiveXx: 0,
      };
      route.requestsPerSecond += rate;
      if (is5xx(s.labels[CODE_CLASS])) route.fiveXx += rate;
      routes.set(key, route);
    }
    return [...routes.values()].map(({ fiveXx, ...r }) => ({
      ...r,
      errorRatio5xx: r.requestsPerSecond > 0 ? fiveXx / r.requestsPerSecond : 0,
    }));
  }

  /**
   * Cache results per backend target and per path rule over the window, and per target per step: 1 call
   * (ALIGN_DELTA per step, summed by URL map, matched path rule, target and cache_result). Window totals
   * are the sums of the steps.
   */
  async cdnFigures(
    projectId: string,
    window: TimeWindow,
    endMs: number,
  ): Promise<CdnFigures> {
    const step = TIME_WINDOW_STEP_SECONDS[window];
    const series = await this.monitoring.query({
      projectId,
      filter: this.filter(),
      startMs: endMs - TIME_WINDOW_SECONDS[window] * 1000,
      endMs,
      alignmentPeriodSeconds: step,
      aligner: 'ALIGN_DELTA',
      reducer: 'REDUCE_SUM',
      groupByFields: [URL_MAP, PATH_RULE, TARGET, CACHE_RESULT],
      purpose: `CDN cache results of ${projectId}`,
    });
    const totals = new Map<string, Map<string, number>>();
    const perStep = new Map<string, Map<string, Map<string, number>>>();
    const routes = new Map<string, CdnRouteCounts>();
    for (const s of series) {
      const target = s.labels[TARGET] ?? '';
      const result = s.labels[CACHE_RESULT] ?? 'UNKNOWN';
      const routeKey = [s.labels[URL_MAP], s.labels[PATH_RULE], target].join(
        '\u0000',
      );
      const route = routes.get(routeKey) ?? {
        urlMap: s.labels[URL_MAP] ?? '',
        pathRule: s.labels[PATH_RULE] ?? '',
        backendTarget: target,
        counts: new Map<string, number>(),
      };
      const t = totals.get(target) ?? new Map<string, number>();
      const steps =
        perStep.get(target) ?? new Map<string, Map<string, number>>();
      for (const p of s.points) {
        t.set(result, (t.get(result) ?? 0) + p.value);
        route.counts.set(result, (route.counts.get(result) ?? 0) + p.value);
        const atTime = steps.get(p.time) ?? new Map<string, number>();
        atTime.set(result, (atTime.get(result) ?? 0) + p.value);
        steps.set(p.time, atTime);
      }
      totals.set(target, t);
      perStep.set(target, steps);
      routes.set(routeKey, route);
    }
    const out = new Map<string, NamedSeries[]>();
    for (const [target, steps] of perStep) {
      const times = [...steps.keys()].sort();
      const hitRatio: SeriesPoint[] = [];
      const served: SeriesPoint[] = [];
      const fill: SeriesPoint[] = [];
      for (const time of times) {
        const c = steps.get(time)!;
        const ratio = hitRatioOf(c);
        if (ratio !== null) hitRatio.push({ time, value: ratio });
        served.push({
          time,
          value: ((c.get('HIT') ?? 0) + (c.get('PARTIAL_HIT') ?? 0)) / step,
        });
        fill.push({ time, value: (c.get('MISS') ?? 0) / step });
      }
      out.set(target, [
        { key: 'hitRatio', points: hitRatio },
        { key: 'served', points: served },
        { key: 'fill', points: fill },
      ]);
    }
    return { totals, series: out, routes: [...routes.values()] };
  }
}

/** HIT ÷ (HIT + MISS + PARTIAL_HIT) (docs/google-apis.md §7); null without cacheable requests. */
export function hitRatioOf(
  counts: Map<string, number> | undefined,
): number | null {
  if (!counts) return null;
  const hit = counts.get('HIT') ?? 0;
  const denominator =
    hit + (counts.get('MISS') ?? 0) + (counts.get('PARTIAL_HIT') ?? 0);
  return denominator > 0 ? hit / denominator : null;
}
