import { formatNumber } from '../format/numberFormat';
import {
  REDIS_MAX_CONNECTED_CLIENTS,
  type ConnectionsSource,
  type RedisConnectionBudget,
  type RedisConnectionTerm,
} from '../types/capacity';

/**
 * Connections per instance assumed when neither config, label nor metrics tell: one client
 * connection per container (a single shared connection, the usual redis-py / ioredis default).
 */
export const DEFAULT_REDIS_CONNECTIONS_PER_INSTANCE = 1;

/** A Cloud Run service wired to a Redis instance, with what it contributes at its max instances. */
export interface RedisWiredService {
  service: string;
  maxInstances: number;
  connectionsPerInstance: number;
  connectionsSource: ConnectionsSource;
}

/**
 * Estimates connections per container from metrics: peak connected clients ÷ the Cloud Run instances
 * running at that moment (all services wired to the instance together). Rounded up, since a worst
 * case must not be understated. Null when there is nothing to divide by.
 */
export function estimateConnectionsPerInstance(
  connectedClients: number | null,
  concurrentInstances: number | null,
): number | null {
  if (connectedClients === null || concurrentInstances === null) return null;
  if (!(concurrentInstances > 0) || !(connectedClients > 0)) return null;
  // Tolerance: a ratio of 2.0000001 from float sums of per-minute means is 2, not 3.
  return Math.max(1, Math.ceil(connectedClients / concurrentInstances - 1e-6));
}

/**
 * Picks the connections-per-instance figure for a service: config beats a label beats the metric
 * estimate beats the default — an operator who knows the pool size overrides what metrics suggest.
 */
export function resolveConnectionsPerInstance(options: {
  config?: number | null;
  label?: string | null;
  estimated?: number | null;
}): { connectionsPerInstance: number; connectionsSource: ConnectionsSource } {
  const config = options.config ?? 0;
  if (config > 0)
    return {
      connectionsPerInstance: config,
      connectionsSource: 'config',
    };
  const fromLabel = Number(options.label ?? NaN);
  if (Number.isInteger(fromLabel) && fromLabel > 0)
    return { connectionsPerInstance: fromLabel, connectionsSource: 'label' };
  const estimated = options.estimated ?? 0;
  if (estimated > 0)
    return {
      connectionsPerInstance: estimated,
      connectionsSource: 'metrics',
    };
  return {
    connectionsPerInstance: DEFAULT_REDIS_CONNECTIONS_PER_INSTANCE,
    connectionsSource: 'default',
  };
}

/**
 * Worst-case connected clients of a Redis instance: Σ over the services wired to it of max instances
 * × connections per instance, against the 65,000 limit (docs/google-apis.md §5). Past the limit Redis
 * refuses new connections ("max number of clients reached") while Cloud Run keeps scaling.
 */
export function redisConnectionBudget(
  instance: string,
  services: readonly RedisWiredService[],
  limit: number = REDIS_MAX_CONNECTED_CLIENTS,
): RedisConnectionBudget {
  const terms: RedisConnectionTerm[] = services.map(s => ({
    service: s.service,
    maxInstances: s.maxInstances,
    connectionsPerInstance: s.connectionsPerInstance,
    connectionsSource: s.connectionsSource,
    connections: s.maxInstances * s.connectionsPerInstance,
  }));
  const worstCase = terms.reduce((sum, t) => sum + t.connections, 0);
  return { instance, terms, worstCase, limit, exceedsLimit: worstCase > limit };
}

const n = (value: number) => formatNumber(value);

/** "max 1,000 × 2 connections = 2,000" for one service. */
export function formatRedisTerm(term: RedisConnectionTerm): string {
  return `${term.service} max ${n(term.maxInstances)} × ${n(
    term.connectionsPerInstance,
  )} connections = ${n(term.connections)}`;
}

/**
 * "chat-redis: chatservice max 1,000 × 2 connections = 2,000 of 65,000" (terms joined with " + "
 * and their sum when several services share the instance).
 */
export function formatRedisBudget(budget: RedisConnectionBudget): string {
  const terms = budget.terms.map(formatRedisTerm).join(' + ');
  const total = budget.terms.length > 1 ? ` = ${n(budget.worstCase)}` : '';
  return `${budget.instance}: ${terms || 'no services'}${total} of ${n(
    budget.limit,
  )}`;
}
