import { describe, expect, it } from 'vitest';
import {
  approvalPolicyActive,
  approvalPolicySchema,
  approvalReasons,
  changeFactsOf,
} from './approvalPolicy';

const preview = {
  service: { labels: { env: 'production', app: 'shop' } },
  cost: {
    currency: 'USD',
    figures: [
      { key: 'minInstancesMonthly', per: 'month', change: 73 },
      { key: 'maxInstancesHourly', per: 'hour', change: 1.5 },
    ],
  },
  warnings: [
    { code: 'INFO_ONLY', requiresAcknowledgement: false },
    { code: 'REDIS_CONNECTIONS_OVER_LIMIT', requiresAcknowledgement: true },
  ],
};

describe('approval policy', () => {
  it('reads cost per hour (monthly / 730), guardrail warnings and labels from any preview', () => {
    expect(changeFactsOf(preview)).toEqual({
      costIncreasePerHour: 1.6,
      currency: 'USD',
      guardrailWarnings: ['REDIS_CONNECTIONS_OVER_LIMIT'],
      labels: { env: 'production', app: 'shop' },
    });
    expect(changeFactsOf({})).toEqual({
      costIncreasePerHour: null,
      currency: null,
      guardrailWarnings: [],
      labels: {},
    });
  });

  it('gives one reason per rule that holds', () => {
    const policy = approvalPolicySchema.parse({
      costIncreasePerHourOver: 1,
      guardrailExceeded: true,
      labels: { env: 'production' },
      kinds: ['budget'],
    });
    expect(approvalReasons(policy, 'scaling', changeFactsOf(preview))).toEqual([
      'worst-case cost up $1.60/hour, over the $1.00/hour that needs approval',
      'a guardrail is exceeded (REDIS_CONNECTIONS_OVER_LIMIT)',
      'the resource is labelled env=production',
    ]);
    expect(approvalReasons(policy, 'budget', changeFactsOf({}))).toEqual([
      'every budget change needs approval',
    ]);
  });

  it('asks nothing under the threshold, for a cost decrease, or without a policy', () => {
    const policy = approvalPolicySchema.parse({ costIncreasePerHourOver: 2 });
    expect(approvalReasons(policy, 'scaling', changeFactsOf(preview))).toEqual(
      [],
    );
    expect(
      approvalReasons(
        policy,
        'scaling',
        changeFactsOf({
          cost: { figures: [{ per: 'hour', change: -50 }] },
        }),
      ),
    ).toEqual([]);
    expect(
      approvalReasons(undefined, 'scaling', changeFactsOf(preview)),
    ).toEqual([]);
    expect(approvalPolicyActive(undefined)).toBe(false);
    expect(approvalPolicyActive({})).toBe(false);
    expect(approvalPolicyActive(policy)).toBe(true);
  });

  it('refuses unknown keys and negative thresholds', () => {
    expect(approvalPolicySchema.safeParse({ costOver: 1 }).success).toBe(false);
    expect(
      approvalPolicySchema.safeParse({ costIncreasePerHourOver: -1 }).success,
    ).toBe(false);
  });
});
