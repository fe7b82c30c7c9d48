import { describe, expect, it } from 'vitest';
import { meanConfidenceInterval } from './meanConfidenceInterval.js';

describe('meanConfidenceInterval', () => {
  it('is mean ± t(0.975, n−1)·s/√n', () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squares 32, s = √(32/7) = 2.138090, t(0.975, 7) = 2.364624;
    // half-width 2.364624 × 2.138090 / √8 = 1.787492.
    const ci = meanConfidenceInterval([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(ci.n).toBe(8);
    expect(ci.mean).toBe(5);
    expect(ci.sd).toBeCloseTo(2.13809, 5);
    expect(ci.halfWidth).toBeCloseTo(1.787492, 5);
  });

  it('has no interval below two values, and no mean for none', () => {
    expect(meanConfidenceInterval([3])).toEqual({ n: 1, mean: 3, sd: null, halfWidth: null });
    expect(meanConfidenceInterval([])).toEqual({ n: 0, mean: Number.NaN, sd: null, halfWidth: null });
  });

  it('is zero wide when every value is the same', () => {
    expect(meanConfidenceInterval([4, 4, 4])).toEqual({ n: 3, mean: 4, sd: 0, halfWidth: 0 });
  });
});
