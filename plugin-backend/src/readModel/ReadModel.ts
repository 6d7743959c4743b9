import { randomUUID } from 'node:crypto';
import type { SnapshotMeta } from '@gcp-serverless/common';
import type { PluginLogger } from '../services/AuditLog';
import type { RefreshLeases } from './RefreshLeases';
import type { SnapshotCache } from './SnapshotCache';

/** What the cache holds under a key: one computed page and when it was computed. */
export interface Snapshot<T> {
  /** Unique per computation, so a replica waiting for another's result can tell it arrived. */
  id: string;
  /** Epoch ms of the backend's clock (the sandbox's in sandbox mode) when the computation started. */
  computedAtMs: number;
  value: T;
  /** Set when the last attempt to refresh this snapshot failed: it is served, marked stale. */
  failedAtMs?: number;
}

/** A page as served: its value with the snapshot's age at the top level. */
export type Served<T> = T & { snapshot: SnapshotMeta };

/** Timing of the read model, milliseconds. */
export interface ReadModelTiming {
  /** A snapshot younger than this is fresh (the refresh interval); 0 = always recompute. */
  freshForMs: number;
  /** A snapshot up to this age is served at once while it refreshes. */
  serveStaleForMs: number;
  /** Longest a computation may hold its lease (other replicas wait at most this long for it). */
  leaseMs: number;
}

/** A refresh that got fewer of Google's answers than the snapshot it would replace (see `refresh`). */
export class PartialRefreshError extends Error {
  constructor(key: string) {
    super(
      `refreshing ${key} got panel errors where the last snapshot had none; the last snapshot is kept`,
    );
    this.name = 'PartialRefreshError';
  }
}

const panelErrorCount = (value: unknown): number => {
  const errors = (value as { errors?: unknown } | null)?.errors;
  return Array.isArray(errors) ? errors.length : 0;
};

/** Whether `next` lacks answers `previous` had: a page with panel errors replacing one without. */
function lostAnswers(previous: unknown, next: unknown): boolean {
  return panelErrorCount(previous) === 0 && panelErrorCount(next) > 0;
}

const POLL_MS = 100;

/**
 * Snapshots of pages, computed once and served to every viewer (docs/architecture.md, "The read
 * model"). A fresh snapshot is served as it is; an older one is served at once, marked stale, while
 * one refresh runs behind it; a missing or too old one is waited for. However many viewers ask,
 * one computation per key runs: in this process through the map of computations in flight, across
 * replicas through a lease in the shared database — a replica that does not get the lease waits for
 * the holder's snapshot to appear in the shared cache instead of computing its own. A computation
 * that fails leaves the last good snapshot in place, served marked stale.
 */
export class ReadModel {
  private readonly cache: SnapshotCache;
  private readonly leases: RefreshLeases;
  private readonly now: () => number;
  private readonly timing: ReadModelTiming;
  private readonly logger: PluginLogger;
  private readonly holder = randomUUID();
  private readonly inFlight = new Map<string, Promise<Snapshot<unknown>>>();

  constructor(deps: {
    cache: SnapshotCache;
    leases: RefreshLeases;
    now: () => number;
    timing: ReadModelTiming;
    logger: PluginLogger;
  }) {
    this.cache = deps.cache;
    this.leases = deps.leases;
    this.now = deps.now;
    this.timing = deps.timing;
    this.logger = deps.logger;
  }

  /** The page under `key`, from its snapshot when there is a usable one, else computed (once). */
  async read<T extends object>(
    key: string,
    compute: () => Promise<T>,
  ): Promise<Served<T>> {
    const cached = await this.cached<T>(key);
    if (cached) {
      const age = this.now() - cached.computedAtMs;
      // A snapshot from the future (the clock moved back: a sandbox reset, a clock correction) is never
      // taken as fresh or servable-stale; it is recomputed, and only kept as the fallback below.
      const trusted = age >= 0;
      if (
        trusted &&
        age <= this.timing.freshForMs &&
        cached.failedAtMs === undefined
      )
        return this.serve(cached, false, this.inFlight.has(key));
      if (trusted && age <= this.timing.serveStaleForMs) {
        this.refreshInBackground(key, compute);
        return this.serve(cached, true, true);
      }
    }
    try {
      return this.serve(await this.refresh(key, compute), false, false);
    } catch (err) {
      // The last good snapshot, however old, beats an error page (the age says how old).
      if (cached) return this.serve(cached, true, false);
      throw err;
    }
  }

  /** The snapshot under `key` if there is one, without computing anything. */
  async peek<T>(key: string): Promise<Snapshot<T> | undefined> {
    return this.cached<T>(key);
  }

  /**
   * Recomputes `key` now, or joins the computation already running for it here or on another
   * replica. With `startedAfterMs` (this model's clock), a computation that started earlier is not
   * enough — an apply asks for one that sees its write. Rejects when the computation fails (the
   * previous snapshot stays, marked failed). A computation that answers with panel errors where the
   * previous snapshot had none counts as failed too: a complete page marked stale beats a newer one
   * with holes — unless `preferNewer` (after an apply, the editor must see the write).
   */
  async refresh<T>(
    key: string,
    compute: () => Promise<T>,
    options: { startedAfterMs?: number; preferNewer?: boolean } = {},
  ): Promise<Snapshot<T>> {
    const after = options.startedAfterMs;
    for (;;) {
      const running = this.inFlight.get(key) as
        | Promise<Snapshot<T>>
        | undefined;
      if (!running) break;
      const joined = await running.catch(() => undefined);
      if (joined && (after === undefined || joined.computedAtMs >= after))
        return joined;
      if (!joined && after === undefined) return running;
    }
    const started = this.computeOnce(
      key,
      compute,
      after,
      options.preferNewer,
    ).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, started);
    return started;
  }

  /** Whether a computation of `key` is running in this process. */
  isRefreshing(key: string): boolean {
    return this.inFlight.has(key);
  }

  private refreshInBackground<T>(key: string, compute: () => Promise<T>): void {
    this.refresh(key, compute).catch(err =>
      this.logger.warn(`gcp-serverless: refreshing ${key} failed`, {
        error: String(err),
      }),
    );
  }

  private async computeOnce<T>(
    key: string,
    compute: () => Promise<T>,
    startedAfterMs?: number,
    preferNewer = false,
  ): Promise<Snapshot<T>> {
    const before = await this.cached<T>(key);
    const deadline = Date.now() + this.timing.leaseMs;
    while (
      !(await this.leases.acquire(key, this.holder, this.timing.leaseMs))
    ) {
      // Another replica is computing this key: wait for its snapshot rather than compute a second.
      await new Promise(r => setTimeout(r, POLL_MS));
      const latest = await this.cached<T>(key);
      const usable =
        latest && latest.id !== before?.id && latest.failedAtMs === undefined;
      if (
        usable &&
        (startedAfterMs === undefined || latest.computedAtMs >= startedAfterMs)
      )
        return latest;
      if (Date.now() > deadline) break;
    }
    const computedAtMs = this.now();
    try {
      const snapshot: Snapshot<T> = {
        id: randomUUID(),
        computedAtMs,
        value: await compute(),
      };
      if (!preferNewer && before && lostAnswers(before.value, snapshot.value))
        throw new PartialRefreshError(key);
      await this.store(key, snapshot);
      return snapshot;
    } catch (err) {
      const last = await this.cached<T>(key);
      if (last) await this.store(key, { ...last, failedAtMs: computedAtMs });
      throw err;
    } finally {
      await this.leases.release(key, this.holder).catch(() => undefined);
    }
  }

  /** Snapshots outlive their serving window by a day, so a long outage still has a last good page. */
  private ttlMs(): number {
    return (
      Math.max(this.timing.serveStaleForMs, this.timing.freshForMs) +
      24 * 3600_000
    );
  }

  private async store<T>(key: string, snapshot: Snapshot<T>): Promise<void> {
    try {
      await this.cache.set(key, snapshot, { ttl: this.ttlMs() });
    } catch (err) {
      this.logger.warn(
        `gcp-serverless: writing snapshot ${key} to the cache failed`,
        { error: String(err) },
      );
    }
  }

  private async cached<T>(key: string): Promise<Snapshot<T> | undefined> {
    try {
      return (await this.cache.get(key)) as Snapshot<T> | undefined;
    } catch (err) {
      // A cache outage degrades to computing every read, it does not fail pages.
      this.logger.warn(
        `gcp-serverless: reading snapshot ${key} from the cache failed`,
        { error: String(err) },
      );
      return undefined;
    }
  }

  private serve<T extends object>(
    snapshot: Snapshot<T>,
    stale: boolean,
    refreshing: boolean,
  ): Served<T> {
    const failed = snapshot.failedAtMs !== undefined;
    return {
      ...snapshot.value,
      snapshot: {
        computedAt: new Date(snapshot.computedAtMs).toISOString(),
        stale: stale || failed,
        refreshing,
      },
    };
  }
}
