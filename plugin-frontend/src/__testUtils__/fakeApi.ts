import { vi, type Mock } from 'vitest';
import { CHANGE_KINDS, type AccessSummary } from '@gcp-serverless/common';
import type { GcpServerlessApi } from '../api/GcpServerlessApi';
import { historyOf } from './fakeHistory';

/** A {@link GcpServerlessApi} whose every method is a vitest mock (each rejects until given an implementation). */
export type FakeGcpServerlessApi = {
  [K in keyof GcpServerlessApi]: Mock<GcpServerlessApi[K]>;
};

/** A fake API; pass implementations for the methods a test uses. */
export function fakeApi(
  overrides: Partial<GcpServerlessApi> = {},
): FakeGcpServerlessApi {
  const unexpected = (name: string) => () =>
    Promise.reject(new Error(`unexpected call to ${name}`));
  return {
    listProjects: vi.fn(overrides.listProjects ?? unexpected('listProjects')),
    listServices: vi.fn(overrides.listServices ?? unexpected('listServices')),
    getService: vi.fn(overrides.getService ?? unexpected('getService')),
    previewScaling: vi.fn(
      overrides.previewScaling ?? unexpected('previewScaling'),
    ),
    applyScaling: vi.fn(overrides.applyScaling ?? unexpected('applyScaling')),
    listQueues: vi.fn(overrides.listQueues ?? unexpected('listQueues')),
    previewQueue: vi.fn(overrides.previewQueue ?? unexpected('previewQueue')),
    applyQueue: vi.fn(overrides.applyQueue ?? unexpected('applyQueue')),
    pauseQueue: vi.fn(overrides.pauseQueue ?? unexpected('pauseQueue')),
    resumeQueue: vi.fn(overrides.resumeQueue ?? unexpected('resumeQueue')),
    purgeQueue: vi.fn(overrides.purgeQueue ?? unexpected('purgeQueue')),
    listRedis: vi.fn(overrides.listRedis ?? unexpected('listRedis')),
    previewRedis: vi.fn(overrides.previewRedis ?? unexpected('previewRedis')),
    applyRedis: vi.fn(overrides.applyRedis ?? unexpected('applyRedis')),
    getRouting: vi.fn(overrides.getRouting ?? unexpected('getRouting')),
    previewUrlMap: vi.fn(
      overrides.previewUrlMap ?? unexpected('previewUrlMap'),
    ),
    applyUrlMap: vi.fn(overrides.applyUrlMap ?? unexpected('applyUrlMap')),
    getCdn: vi.fn(overrides.getCdn ?? unexpected('getCdn')),
    previewCdnPolicy: vi.fn(
      overrides.previewCdnPolicy ?? unexpected('previewCdnPolicy'),
    ),
    applyCdnPolicy: vi.fn(
      overrides.applyCdnPolicy ?? unexpected('applyCdnPolicy'),
    ),
    getRecentErrors: vi.fn(
      overrides.getRecentErrors ?? unexpected('getRecentErrors'),
    ),
    getTopology: vi.fn(overrides.getTopology ?? unexpected('getTopology')),
    getOverview: vi.fn(overrides.getOverview ?? unexpected('getOverview')),
    getRecommendations: vi.fn(
      overrides.getRecommendations ?? unexpected('getRecommendations'),
    ),
    getProjectOverview: vi.fn(
      overrides.getProjectOverview ?? unexpected('getProjectOverview'),
    ),
    refreshProject: vi.fn(
      overrides.refreshProject ?? unexpected('refreshProject'),
    ),
    // The setup banner asks on every page; rejecting keeps it silent unless a test gives a report.
    getSetup: vi.fn(overrides.getSetup ?? unexpected('getSetup')),
    getCosts: vi.fn(overrides.getCosts ?? unexpected('getCosts')),
    listChangeRequests: vi.fn(
      overrides.listChangeRequests ?? unexpected('listChangeRequests'),
    ),
    getChangeRequest: vi.fn(
      overrides.getChangeRequest ?? unexpected('getChangeRequest'),
    ),
    approveChangeRequest: vi.fn(
      overrides.approveChangeRequest ?? unexpected('approveChangeRequest'),
    ),
    rejectChangeRequest: vi.fn(
      overrides.rejectChangeRequest ?? unexpected('rejectChangeRequest'),
    ),
    listScheduledChanges: vi.fn(
      overrides.listScheduledChanges ?? unexpected('listScheduledChanges'),
    ),
    scheduleScaling: vi.fn(
      overrides.scheduleScaling ?? unexpected('scheduleScaling'),
    ),
    cancelScheduledChange: vi.fn(
      overrides.cancelScheduledChange ?? unexpected('cancelScheduledChange'),
    ),
    listBudgets: vi.fn(overrides.listBudgets ?? unexpected('listBudgets')),
    previewBudget: vi.fn(
      overrides.previewBudget ?? unexpected('previewBudget'),
    ),
    applyBudget: vi.fn(overrides.applyBudget ?? unexpected('applyBudget')),
    // Access defaults to "may change everything" so pages that ask for it render their forms enabled.
    getAccess: vi.fn(
      overrides.getAccess ?? (() => Promise.resolve(allowAllAccess())),
    ),
    listHistory: vi.fn(overrides.listHistory ?? historyOf([])),
  };
}

/** A promise with its resolve/reject exposed, to hold a call in flight during a test. */
export function deferred<T>(): {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
} {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** An access summary in which the user may read and change every kind. */
export function allowAllAccess(): AccessSummary {
  return {
    system: 'standalone',
    user: 'test-user',
    roles: ['editor', 'finance'],
    read: { verdict: 'allow' },
    changes: Object.fromEntries(
      CHANGE_KINDS.map(k => [k, { verdict: 'allow' }]),
    ) as AccessSummary['changes'],
  };
}
