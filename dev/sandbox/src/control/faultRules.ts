import { randomUUID } from 'node:crypto';
import type { FieldViolation } from '../googleError';
import { faultSpecSchema, faultSpecViolations } from './faultSpecSchema';

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

/** Thrown for a fault spec that is not an object, has unknown fields, would never do anything or is out of range. */
export class FaultSpecError extends Error {
  readonly violations: FieldViolation[];

  constructor(
    message: string,
    /** One entry per problem, `field` naming the spec field (`body` for the whole spec). */
    violations: FieldViolation[] = [],
  ) {
    super(message);
    this.violations = violations;
  }
}

/**
 * Fault injection rules: added through `POST /_sandbox/faults` or in-process. The first rule that
 * matches a request (and wins its `rate` draw) is applied.
 */
export class FaultRules {
  private rules: FaultRule[] = [];
  private readonly random: () => number;

  constructor(random: () => number = Math.random) {
    this.random = random;
  }

  /** Registers a fault; returns its id. Throws FaultSpecError for an invalid spec (checked at run time too). */
  add(spec: FaultSpec): string {
    const rule: FaultRule = {
      ...validateSpec(spec),
      id: randomUUID(),
      hits: 0,
    };
    this.rules.push(rule);
    return rule.id;
  }

  /** The active rules, oldest first. */
  list(): FaultRule[] {
    return this.rules.map(rule => ({ ...rule }));
  }

  /** Removes one rule; false if it did not exist. */
  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter(rule => rule.id !== id);
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
      if (rule.times !== undefined && rule.hits >= rule.times)
        this.remove(rule.id);
      return { ...rule };
    }
    return undefined;
  }
}

/** Parses a spec with the zod schema; throws FaultSpecError naming every bad or unknown field. */
function validateSpec(spec: unknown): FaultSpec {
  const parsed = faultSpecSchema.safeParse(spec);
  if (parsed.success) return parsed.data;
  const violations = faultSpecViolations(parsed.error);
  throw new FaultSpecError(
    violations.map(v => `${v.field}: ${v.description}`).join('; '),
    violations,
  );
}
