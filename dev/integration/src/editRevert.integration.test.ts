import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apply,
  EDIT_TEST_SCENARIOS,
  historyOf,
  kindsUnderTest,
  previewEtag,
  SANDBOX_BILLING_ACCOUNT,
  type KindUnderTest,
} from './editKindsUnderTest';
import { startTestBackend, type TestBackend } from './startTestBackend';

// Issue 12 point 5: every kind's change is in the history of its project — budgets too, under the
// projects they cover — with the user as actor, and can be reverted: the entry's `before` turned
// into a change of its kind (URL maps and CDN policies included) goes through the same preview and
// apply, and the sandbox holds the old values again.

let backend: TestBackend;
let kinds: KindUnderTest[];

beforeAll(async () => {
  backend = await startTestBackend({
    scenarios: EDIT_TEST_SCENARIOS,
    config: () => ({ billing: { accountId: SANDBOX_BILLING_ACCOUNT } }),
  });
  kinds = await kindsUnderTest(backend);
});
afterAll(async () => backend?.close());

describe.each([
  'scaling',
  'queue',
  'redis',
  'url map',
  'cdn (backend service)',
  'cdn (backend bucket)',
  'budget',
])('%s', name => {
  it('is in its project history with the user as actor, and a revert restores the values', async () => {
    const k = kinds.find(x => x.name === name)!;
    expect(k).toBeDefined();
    const before = await k.settings();
    const change = await k.change(7);
    const applied = await apply(
      backend,
      k,
      change,
      await previewEtag(backend, k, change),
    );
    expect(applied.status).toBe(200);

    const [entry] = await historyOf(backend, k);
    expect(entry).toMatchObject({
      id: applied.body.change.id,
      actor: 'test-user',
      result: 'succeeded',
      resource: k.resource,
    });
    expect(entry!.projects).toContain(k.project);
    expect(await k.inForce(entry!.after)).toBe(true);

    const revert = k.revertOf(entry!.before);
    expect(revert).not.toBeNull();
    const reverted = await apply(
      backend,
      k,
      revert,
      await previewEtag(backend, k, revert),
    );
    expect(reverted.status).toBe(200);
    expect(await k.inForce(before)).toBe(true);
    const [last] = await historyOf(backend, k);
    expect(last).toMatchObject({
      id: reverted.body.change.id,
      result: 'succeeded',
    });
  });
});
