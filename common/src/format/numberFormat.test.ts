import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNumber } from './numberFormat';

describe('formatNumber', () => {
  it('writes the same text as toLocaleString in US English, for any digits', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e12, max: 1e12, noNaN: true }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 4 }),
        (value, a, b) => {
          const digits = {
            minimumFractionDigits: Math.min(a, b),
            maximumFractionDigits: Math.max(a, b),
          };
          expect(formatNumber(value, digits)).toBe(
            value.toLocaleString('en-US', digits),
          );
          expect(formatNumber(value)).toBe(value.toLocaleString('en-US'));
        },
      ),
    );
  });

  it('keeps each set of digits apart', () => {
    expect(formatNumber(1234.5678, { maximumFractionDigits: 0 })).toBe('1,235');
    expect(formatNumber(1234.5678, { maximumFractionDigits: 2 })).toBe(
      '1,234.57',
    );
    expect(formatNumber(0.5, { minimumFractionDigits: 2 })).toBe('0.50');
    expect(formatNumber(1234.5678, { maximumFractionDigits: 0 })).toBe('1,235');
  });
});
