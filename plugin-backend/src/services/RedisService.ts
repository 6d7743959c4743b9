import {
  TIME_WINDOW_SECONDS,
  TIME_WINDOW_STEP_SECONDS,
  type NamedSeries,
  type RedisListResponse,
  type RedisLiveSummary,
  type TimeWindow,
} from '@gcp-serverless/common';
import type { RedisGateway } from '../gateways/RedisGateway';
import { redisBudgetOf, redisWiring } from './CapacityGuardrails';
import type { CapacityContextLoader } from './CapacityContextLoader';
import type { CapacityMetrics } from './CapacityMetrics';
import { settlePanels } from './panelErrors';
import type { ProjectAccess } from './ProjectAccess';
import type { Clock } from './ServiceCatalogService';

const pointsOf = (s: NamedSeries[] | undefined, key: string) =>
  s?.find(x => x.key === key)?.points ?? [];

/**
 * The Redis page: every Memorystore instance of a project with tier, memory size and usage, connected
 * clients against 65,000, rejected connections, the Cloud Run services wired to it and its worst-case
 * connection budget. Memorystore failing fails the page; Monitoring and the guardrail inputs are best
 * effort (null figures and PanelErrors).
 */
export class RedisService {
  private readonly deps: {
    access: ProjectAccess;
    redis: RedisGateway;
    metrics: CapacityMetrics;
    capacity: CapacityContextLoader;
    now: Clock;
  };

  constructor(deps: {
    access: ProjectAccess;
    redis: RedisGateway;
    metrics: CapacityMetrics;
    capacity: CapacityContextLoader;
    now: Clock;
  }) {
    this.deps = deps;
  }

  async listInstances(
    projectId: string,
    window: TimeWindow,
  ): Promise<RedisListResponse> {
    const project = this.deps.access.project(projectId);
    const endMs = this.deps.now();
    const stepSeconds = TIME_WINDOW_STEP_SECONDS[window];
    const w = {
      projectId,
      startMs: endMs - TIME_WINDOW_SECONDS[window] * 1000,
      endMs,
      stepSeconds,
    };
    const [instances, panels, capacity] = await Promise.all([
      Promise.all(
        project.regions.map(r => this.deps.redis.listInstances(projectId, r)),
      ).then(l => l.flat()),
      settlePanels({
        connected: this.deps.metrics.redisConnected(w),
        memory: this.deps.metrics.redisMemory(w),
        rejected: this.deps.metrics.redisRejected(w),
      }),
      this.deps.capacity.loadForRedisBudgets(project, endMs),
    ]);
    const { values } = panels;
    const errors = [
      ...panels.errors,
      ...capacity.errors
        .filter(e => e.source !== 'redis')
        .map(e => ({ ...e, source: `wiring.${e.source}` })),
    ];
    const series: Record<string, NamedSeries[]> = {};
    const out = instances
      .sort((a, b) => a.name.localeCompare(b.name))
      .map(instance => {
        const s = [
          ...(values.connected?.get(instance.name) ?? []),
          ...(values.memory?.get(instance.name) ?? []),
          ...(values.rejected?.get(instance.name) ?? []),
        ];
        series[instance.name] = s;
        const connected = pointsOf(s, 'connected');
        const summary: RedisLiveSummary = {
          connectedClients: values.connected
            ? connected.at(-1)?.value ?? 0
            : null,
          peakConnectedClients: values.connected
            ? connected.reduce((m, p) => Math.max(m, p.value), 0)
            : null,
          memoryUsageRatio: values.memory
            ? pointsOf(s, 'memory').at(-1)?.value ?? null
            : null,
          rejectedConnections: values.rejected
            ? pointsOf(s, 'rejected').reduce((sum, p) => sum + p.value, 0)
            : null,
        };
        const services = redisWiring(capacity.context, instance);
        return {
          ...instance,
          summary,
          services,
          budget:
            services.length > 0
              ? redisBudgetOf(capacity.context, instance)
              : null,
        };
      });
    return {
      projectId,
      window,
      asOf: new Date(endMs).toISOString(),
      stepSeconds,
      instances: out,
      series,
      errors,
    };
  }
}
