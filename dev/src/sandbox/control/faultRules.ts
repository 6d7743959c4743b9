import { randomUUID } from 'node:crypto';

/** A fault to inject into matching Google API requests (not into `/_sandbox/` requests). */
export interface FaultSpec {
  /** API name of the route (`run`, `monitoring`) or `*` for all. */
  api: string;
  /** Exact method key, e.g. `run.services.list`; omitted = every method of `api`. */
  method?: string;
  /** HTTP status to answer with Google's error JSON, e.g. 503, 429, 500; omitted = serve normally. */
  status?: number;
  /** Delay before answering, ms. */
  latencyMs?: number;
  /** Probability that a matching request is faulted, 0..1 (default 1). */
  rate?: number;
  /** How many matching requests to fault before the rule expires (default unlimited). */
  times?: number;
  /** Error message of the injected error (default names the fault). */
  message?: string;
}

/** A registered fault with its id and remaining uses. */
export interface FaultRule extends FaultSpec {
  id: string;
  /** Faulted requests so far. */
  hits: number;
}

/** Thrown for a fault spec that would never do anything or is out of range. */
export class FaultSpecError extends Error {}

/**
 * Fault injection rules: added through `POST /_sandbox/faults` or in-process. The first rule that
 * matches a request (and wins its `rate` draw) is applied.
 */
export class FaultRules {
  private rules: FaultRule[] = [];

  constructor(private readonly random: () => number = Math.random) {}

  /** Registers a fault; returns its id. Throws FaultSpecError for an invalid spec. */
  add(spec: FaultSpec): string {
    validateSpec(spec);
    const rule: FaultRule = { ...spec, id: randomUUID(), hits: 0 };
    this.rules.push(rule);
    return rule.id;
  }

  /** The active rules, oldest first. */
  list(): FaultRule[] {
    return this.rules.map((rule) => ({ ...rule }));
  }

  /** Removes one rule; false if it did not exist. */
  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((rule) => rule.id !== id);
    return this.rules.length < before;
  }

  /** Removes every rule. */
  clear(): void {
    this.rules = [];
  }

  /** The rule to apply to a request of `api`/`method`, consuming one of its `times`; undefined = none. */
  take(api: string, method: string): FaultRule | undefined {
    for (const rule of this.rules) {
      if (rule.api !== '*' && rule.api !== api) continue;
      if (rule.method !== undefined && rule.method !== method) continue;
      if (this.random() >= (rule.rate ?? 1)) continue;
      rule.hits += 1;
      if (rule.times !== undefined && rule.hits >= rule.times) this.remove(rule.id);
      return { ...rule };
    }
    return undefined;
  }
}

function validateSpec(spec: FaultSpec): void {
  if (typeof spec.api !== 'string' || spec.api === '') throw new FaultSpecError('api is required: "run", "monitoring" or "*"');
  if (spec.method !== undefined && typeof spec.method !== 'string') throw new FaultSpecError('method must be a method key string');
  if (spec.status === undefined && spec.latencyMs === undefined) throw new FaultSpecError('a fault needs status and/or latencyMs');
  if (spec.status !== undefined && !(Number.isInteger(spec.status) && spec.status >= 400 && spec.status <= 599)) {
    throw new FaultSpecError('status must be an HTTP error status 400..599');
  }
  if (spec.latencyMs !== undefined && !(Number.isFinite(spec.latencyMs) && spec.latencyMs >= 0)) {
    throw new FaultSpecError('latencyMs must be a number ≥ 0');
  }
  if (spec.rate !== undefined && !(typeof spec.rate === 'number' && spec.rate >= 0 && spec.rate <= 1)) {
    throw new FaultSpecError('rate must be between 0 and 1');
  }
  if (spec.times !== undefined && !(Number.isInteger(spec.times) && spec.times >= 1)) {
    throw new FaultSpecError('times must be an integer ≥ 1');
  }
  if (spec.message !== undefined && typeof spec.message !== 'string') throw new FaultSpecError('message must be a string');
}
