import { describe, expect, it } from 'vitest';
import { ServiceUnavailableError, UpstreamError } from '@gcp-serverless/common';
import { recordRetryAfter } from '../api/retryAfter';
import {
  computingRetryDelayMs,
  DEFAULT_COMPUTING_RETRY_AFTER_SECONDS,
  isComputingSnapshot,
} from './computingSnapshot';

const computing = () =>
  new ServiceUnavailableError('still being computed', {
    details: { computing: true },
  });

describe('a snapshot still being computed', () => {
  it('is the 503 that says so, not any unavailable answer', () => {
    expect(isComputingSnapshot(computing())).toBe(true);
    expect(
      isComputingSnapshot(new ServiceUnavailableError('Google is down')),
    ).toBe(false);
    expect(
      isComputingSnapshot(
        new UpstreamError('no', { details: { computing: true } }),
      ),
    ).toBe(false);
    expect(isComputingSnapshot(null)).toBe(false);
  });

  it("is asked again after the answer's Retry-After, else the body's retryAfterSeconds, else after 5 s", () => {
    const told = computing();
    recordRetryAfter(told, 7);
    expect(computingRetryDelayMs(told)).toBe(7_000);
    const inBody = new ServiceUnavailableError('still being computed', {
      details: { computing: true, retryAfterSeconds: 3 },
    });
    expect(computingRetryDelayMs(inBody)).toBe(3_000);
    expect(computingRetryDelayMs(computing())).toBe(
      DEFAULT_COMPUTING_RETRY_AFTER_SECONDS * 1000,
    );
    expect(DEFAULT_COMPUTING_RETRY_AFTER_SECONDS).toBe(5);
  });
});
