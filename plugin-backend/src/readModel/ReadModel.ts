import { randomUUID } from 'node:crypto';
import {
  ServiceUnavailableError,
  type PanelError,
  type SnapshotMeta,
} from '@gcp-serverless/common';
import type { PluginLogger } from '../services/AuditLog';
import type { RefreshLeases } from './RefreshLeases';
import type { SnapshotCache } from './SnapshotCache';
import { computeAfterWrites } from './computeThread/afterWrites';
import {
  errorOfFailure,
  failedComputation,
  failureOf,
  PartialRefreshError,
  type FailedComputation,
} from './computationFailure';

export { PartialRefreshError } from './computationFailure';

/** What the cache holds under a key: one computed page and when it was computed. */
export interface Snapshot<T> {
  /** Unique per computation, so a replica waiting for another's result can tell it arrived. */
  id: string;
  /** Epoch ms of the backend's clock (the sandbox's in sandbox mode) when the computation started. */
  computedAtMs: number;
  /**
   * Epoch ms (same clock) when the computation finished and was stored: freshness counts from here,
   * so a computation longer than the refresh interval is not stale on arrival (absent in snapshots
   * stored before this field: then `computedAtMs`).
   */
  storedAtMs?: number;
  value: T;
  /** Set when the last attempt to refresh this snapshot failed (when it started): it is served, marked stale. */
  failedAtMs?: number;
  /** Why that attempt failed, one entry per panel without an answer; served beside the age. */
  failure?: PanelError[];
}

/** A cache entry: a snapshot, or only the failure of a key that never computed (remembered one interval). */
type Entry<T> = Snapshot<T> | FailedComputation;

const isSnapshot = <T>(e: Entry<T> | undefined): e is Snapshot<T> =>
  e !== undefined && 'value' in e;

/** A snapshot without its value: stored beside it, a few hundred bytes to read where the value may be megabytes. */
type SnapshotHead = Omit<Snapshot<unknown>, 'value'>;

/** Where a snapshot's head is stored (no snapshot key contains a colon). */
const headKeyOf = (key: string) => `head:${key}`;

function headOf(snapshot: Snapshot<unknown>): SnapshotHead {
  const { value: _value, ...head } = snapshot;
  return head;
}

/** A page as served: its value with the snapshot's age at the top level. */
export type Served<T> = T & { snapshot: SnapshotMeta };

/** A snapshot as one read serves it: the snapshot itself and its age as served now. */
export interface ServedSnapshot<T> {
  snapshot: Snapshot<T>;
  meta: SnapshotMeta;
}

/** How long a viewer told "still being computed" is asked to wait before asking again (`Retry-After`). */
export const RETRY_COMPUTING_AFTER_SECONDS = 5;

/** The age that decides freshness: since the snapshot was stored (its computation finished). */
const freshnessAgeOf = (snapshot: Snapshot<unknown>, nowMs: number) =>
  nowMs - (snapshot.storedAtMs ?? snapshot.computedAtMs);

/** Timing of the read model, milliseconds. */
export interface ReadModelTiming {
  /** A snapshot younger than this is fresh (the refresh interval); 0 = always recompute. */
  freshForMs: number;
  /**
   * How long a failed computation is remembered: no read starts another before it has passed
   * (default `freshForMs`; 0 = never remembered).
   */
  retryFailedAfterMs?: number;
  /** A snapshot up to this age is served at once while it refreshes. */
  serveStaleForMs: number;
  /** Longest a computation may hold its lease (other replicas wait at most this long for it). */
  leaseMs: number;
  /**
   * Longest a viewer waits for a computation (one it joined or started); the computation runs on
   * after that under its own deadlines, and serves everyone once done. Default: no bound.
   */
  viewerWaitMs?: number;
}

/** Runs one computation: the wiring gives computations their own (longer) Google read deadline. */
export type ComputationRunner = <T>(work: () => Promise<T>) => Promise<T>;

const panelErrorsOf = (value: unknown): PanelError[] => {
  const errors = (value as { errors?: unknown } | null)?.errors;
  return Array.isArray(errors) ? (errors as PanelError[]) : [];
};

/** Whether `next` lacks answers `previous` had: a page with panel errors replacing one without. */
function lostAnswers(previous: unknown, next: unknown): boolean {
  return panelErrorsOf(previous).length === 0 && panelErrorsOf(next).length > 0;
}

const POLL_MS = 100;
const WAITED_TOO_LONG = Symbol('waited too long');

/**
 * Snapshots of pages, computed once and served to every viewer (docs/architecture.md, "The read
 * model"). A fresh snapshot is served as it is; an older one is served at once, marked stale, while
 * one refresh runs behind it; a missing or too old one is waited for, at most `viewerWaitMs`.
 * However many viewers ask, one computation per key runs: in this process through the map of
 * computations in flight, across replicas through a lease in the shared database — a replica that
 * does not get the lease waits for the holder's snapshot to appear in the shared cache instead of
 * computing its own. A computation that fails leaves the last good snapshot in place, served marked
 * stale with the failure's reasons; a failure (with or without a snapshot) is remembered for one
 * refresh interval, during which reads answer from it at once and start no computation.
 */
export class ReadModel {
  private readonly cache: SnapshotCache;
  private readonly leases: RefreshLeases;
  private readonly now: () => number;
  private readonly timing: ReadModelTiming;
  private readonly logger: PluginLogger;
  private readonly runComputation: ComputationRunner;
  private readonly holder = randomUUID();
  private readonly inFlight = new Map<string, Promise<Snapshot<unknown>>>();
  /** The value of the last snapshot this process read or stored per key, by its id. */
  private readonly values = new Map<string, { id: string; value: unknown }>();

  constructor(deps: {
    cache: SnapshotCache;
    leases: RefreshLeases;
    now: () => number;
    timing: ReadModelTiming;
    logger: PluginLogger;
    /** Wraps every computation (default: runs it as it is). */
    runComputation?: ComputationRunner;
  }) {
    this.cache = deps.cache;
    this.leases = deps.leases;
    this.now = deps.now;
    this.timing = deps.timing;
    this.logger = deps.logger;
    this.runComputation = deps.runComputation ?? (work => work());
  }

  /** The page under `key`, from its snapshot when there is a usable one, else computed (once). */
  async read<T extends object>(
    key: string,
    compute: () => Promise<T>,
  ): Promise<Served<T>> {
    const { snapshot, meta } = await this.readSnapshot(key, compute);
    return { ...snapshot.value, snapshot: meta };
  }

  /**
   * As `read`, the snapshot itself with its served age: a route that sends the page as JSON keeps
   * the snapshot's serialized text by its id (PageBodies) instead of serializing it per request.
   */
  async readSnapshot<T extends object>(
    key: string,
    compute: () => Promise<T>,
  ): Promise<ServedSnapshot<T>> {
    const entry = await this.cached<T>(key);
    const cached = isSnapshot(entry) ? entry : undefined;
    // A key that never computed and failed less than an interval ago: the same answer, at once.
    if (entry && !isSnapshot(entry) && this.remembered(entry.failedAtMs))
      throw errorOfFailure(entry);
    if (cached) {
      const now = this.now();
      const age = freshnessAgeOf(cached, now);
      // A snapshot from the future (the clock moved back: a sandbox reset, a clock correction) is never
      // taken as fresh or servable-stale; it is recomputed, and only kept as the fallback below.
      const trusted = now - cached.computedAtMs >= 0 && age >= 0;
      const failed = cached.failedAtMs !== undefined;
      if (trusted && age <= this.timing.freshForMs && !failed)
        return this.serve(cached, false, this.inFlight.has(key));
      // Its last refresh failed less than an interval ago: no retry before the interval is over.
      if (trusted && failed && this.remembered(cached.failedAtMs!))
        return this.serve(cached, true, this.inFlight.has(key));
      if (trusted && age <= this.timing.serveStaleForMs) {
        this.refreshInBackground(key, compute);
        return this.serve(cached, true, true);
      }
    }
    const computation = this.refresh(key, compute);
    // Past the viewer's wait the computation runs on; its outcome is logged, never unhandled.
    computation.catch(err =>
      this.logger.warn(`gcp-serverless: computing ${key} failed`, {
        error: String(err),
      }),
    );
    try {
      const result = await this.waitAtMost(computation);
      if (result !== WAITED_TOO_LONG) return this.serve(result, false, false);
      if (cached) return this.serve(cached, true, true);
      throw new ServiceUnavailableError(
        `${key} is still being computed: its first figures are being read from Google and will be served as soon as they are in; try again in ${RETRY_COMPUTING_AFTER_SECONDS} s`,
        {
          details: {
            computing: true,
            retryAfterSeconds: RETRY_COMPUTING_AFTER_SECONDS,
          },
        },
      );
    } catch (err) {
      // The last good snapshot, however old, beats an error page (the age says how old).
      if (cached) {
        const latest = await this.cached<T>(key);
        return this.serve(isSnapshot(latest) ? latest : cached, true, false);
      }
      throw err;
    }
  }

  /** The snapshot under `key` if there is one, without computing anything. */
  async peek<T>(key: string): Promise<Snapshot<T> | undefined> {
    const entry = await this.cached<T>(key);
    return isSnapshot(entry) ? entry : undefined;
  }

  /**
   * Recomputes `key` now, or joins the computation already running for it here or on another
   * replica. With `startedAfterMs` (this model's clock), a computation that started earlier is not
   * enough — an apply asks for one that sees its write. Rejects when the computation fails (the
   * previous snapshot stays, marked failed). A computation that answers with panel errors where the
   * previous snapshot had none counts as failed too: a complete page marked stale beats a newer one
   * with holes — unless `preferNewer` (after an apply, the editor must see the write). With
   * `skipYoungerThanMs`, a good snapshot younger than that is kept as it is.
   */
  async refresh<T>(
    key: string,
    compute: () => Promise<T>,
    options: {
      startedAfterMs?: number;
      preferNewer?: boolean;
      skipYoungerThanMs?: number;
    } = {},
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
    // The background run keeps what a viewer's read computed moments ago (no second computation).
    if (options.skipYoungerThanMs !== undefined) {
      const entry = await this.cached<T>(key);
      const age = isSnapshot(entry) ? freshnessAgeOf(entry, this.now()) : -1;
      if (
        isSnapshot(entry) &&
        entry.failedAtMs === undefined &&
        age >= 0 &&
        age < options.skipYoungerThanMs
      )
        return entry;
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

  private retryAfterMs(): number {
    return this.timing.retryFailedAfterMs ?? this.timing.freshForMs;
  }

  /** Whether a failure at `failedAtMs` is younger than the retry interval (one refresh interval). */
  private remembered(failedAtMs: number): boolean {
    const age = this.now() - failedAtMs;
    return age >= 0 && age < this.retryAfterMs();
  }

  private async waitAtMost<T>(
    work: Promise<T>,
  ): Promise<T | typeof WAITED_TOO_LONG> {
    const waitMs = this.timing.viewerWaitMs;
    if (waitMs === undefined) return work;
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        work,
        new Promise<typeof WAITED_TOO_LONG>(resolve => {
          timer = setTimeout(() => resolve(WAITED_TOO_LONG), waitMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
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
    // Whether `latest` is another computation's outcome stored since `before`, recent enough.
    const arrivedSinceBefore = (
      latest: Entry<T> | undefined,
    ): latest is Entry<T> =>
      latest !== undefined &&
      (latest.id !== before?.id || latest.failedAtMs !== before?.failedAtMs) &&
      (startedAfterMs === undefined ||
        (isSnapshot(latest) ? latest.computedAtMs : latest.failedAtMs) >=
          startedAfterMs);
    const deadline = Date.now() + this.timing.leaseMs;
    let waited = false;
    while (
      !(await this.leases.acquire(key, this.holder, this.timing.leaseMs))
    ) {
      // Another replica is computing this key: wait for its snapshot rather than compute a second.
      waited = true;
      await new Promise(r => setTimeout(r, POLL_MS));
      const latest = await this.cached<T>(key);
      if (arrivedSinceBefore(latest)) {
        // Its computation failed: the same failure here, not a second attempt at once.
        if (!isSnapshot(latest)) throw errorOfFailure(latest);
        if (latest.failedAtMs !== undefined)
          throw new ServiceUnavailableError(
            latest.failure?.map(f => f.message).join('; ') ??
              `refreshing ${key} failed`,
          );
        return latest;
      }
      if (Date.now() > deadline) break;
    }
    if (waited) {
      // The holder may have stored its snapshot and released the lease between this replica's last
      // look and its claim: take that snapshot rather than compute the page a second time.
      const latest = await this.cached<T>(key);
      if (
        arrivedSinceBefore(latest) &&
        isSnapshot(latest) &&
        latest.failedAtMs === undefined
      ) {
        await this.leases.release(key, this.holder).catch(() => undefined);
        return latest;
      }
    }
    const computedAtMs = this.now();
    try {
      const value = await this.runComputation(
        startedAfterMs === undefined
          ? compute
          : () => computeAfterWrites(startedAfterMs, compute),
      );
      const snapshot: Snapshot<T> = {
        id: randomUUID(),
        computedAtMs,
        storedAtMs: Math.max(computedAtMs, this.now()),
        value,
      };
      if (
        !preferNewer &&
        isSnapshot(before) &&
        lostAnswers(before.value, snapshot.value)
      )
        throw new PartialRefreshError(key, panelErrorsOf(snapshot.value));
      await this.store(key, snapshot);
      return snapshot;
    } catch (err) {
      const failure = failureOf(key, err);
      const last = await this.cached<T>(key);
      if (isSnapshot(last))
        await this.store(key, { ...last, failedAtMs: computedAtMs, failure });
      else if (this.retryAfterMs() > 0)
        await this.store(key, failedComputation(computedAtMs, failure, err), {
          ttl: Math.max(1_000, this.retryAfterMs()),
        });
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

  /**
   * Stores `entry` under `key` and, for a snapshot, its head beside it (after it: a head always
   * names a value that is stored); a failure without a snapshot removes the head.
   */
  private async store<T>(
    key: string,
    entry: Entry<T>,
    options: { ttl?: number } = {},
  ): Promise<void> {
    try {
      const ttl = options.ttl ?? this.ttlMs();
      await this.cache.set(key, entry, { ttl });
      if (isSnapshot(entry)) {
        this.values.set(key, { id: entry.id, value: entry.value });
        await this.cache.set(headKeyOf(key), headOf(entry), { ttl });
      } else await this.cache.delete(headKeyOf(key));
    } catch (err) {
      this.logger.warn(
        `gcp-serverless: writing snapshot ${key} to the cache failed`,
        { error: String(err) },
      );
    }
  }

  /**
   * The entry under `key`. When this process holds the value of the snapshot the stored head names,
   * only the head is read: a shared cache (Redis, Valkey) parses a few hundred bytes per read
   * instead of the whole page (docs/architecture.md, "The read model").
   */
  private async cached<T>(key: string): Promise<Entry<T> | undefined> {
    try {
      const kept = this.values.get(key);
      if (kept) {
        const head = (await this.cache.get(headKeyOf(key))) as
          | SnapshotHead
          | undefined;
        if (head?.id === kept.id)
          return { ...head, value: kept.value as T } satisfies Snapshot<T>;
      }
      const entry = (await this.cache.get(key)) as Entry<T> | undefined;
      if (isSnapshot(entry))
        this.values.set(key, { id: entry.id, value: entry.value });
      return entry;
    } catch (err) {
      // A cache outage degrades to computing every read, it does not fail pages.
      this.logger.warn(
        `gcp-serverless: reading snapshot ${key} from the cache failed`,
        { error: String(err) },
      );
      return undefined;
    }
  }

  private serve<T>(
    snapshot: Snapshot<T>,
    stale: boolean,
    refreshing: boolean,
  ): ServedSnapshot<T> {
    return { snapshot, meta: snapshotMetaOf(snapshot, { stale, refreshing }) };
  }
}

/** The served age of a snapshot; a failed last refresh makes it stale and is named with its reasons. */
export function snapshotMetaOf(
  snapshot: Snapshot<unknown>,
  state: { stale: boolean; refreshing: boolean },
): SnapshotMeta {
  const failedAtMs = snapshot.failedAtMs;
  return {
    computedAt: new Date(snapshot.computedAtMs).toISOString(),
    stale: state.stale || failedAtMs !== undefined,
    refreshing: state.refreshing,
    ...(failedAtMs !== undefined
      ? {
          lastRefreshFailure: {
            at: new Date(failedAtMs).toISOString(),
            errors: snapshot.failure ?? [],
          },
        }
      : {}),
  };
}
