import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OnlineStats } from './OnlineStats.js';

const value = fc.double({ min: -1e6, max: 1e6, noNaN: true });
const values = fc.array(value, { maxLength: 60 });

function of(xs: readonly number[]): OnlineStats {
  const s = new OnlineStats();
  for (const x of xs) s.add(x);
  return s;
}

/** Equal within floating-point noise proportional to the magnitude of the data. */
function close(a: number, b: number, scale: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  return Math.abs(a - b) <= 1e-9 * Math.max(1, scale);
}

describe('OnlineStats properties', () => {
  it('merging two accumulators equals adding every value to one', () => {
    fc.assert(
      fc.property(values, values, (xs, ys) => {
        const merged = of(xs);
        merged.merge(of(ys));
        const all = of([...xs, ...ys]);
        const mag = Math.max(1, ...[...xs, ...ys].map(Math.abs));
        expect(merged.count).toBe(all.count);
        expect(merged.min).toBe(all.min);
        expect(merged.max).toBe(all.max);
        expect(close(merged.mean, all.mean, mag)).toBe(true);
        expect(close(merged.variance, all.variance, mag * mag)).toBe(true);
        expect(close(merged.sum, all.sum, mag * all.count)).toBe(true);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('agrees with a two-pass mean and sample variance', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 2, maxLength: 60 }), (xs) => {
        const s = of(xs);
        const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
        const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1);
        const mag = Math.max(1, ...xs.map(Math.abs));
        expect(close(s.mean, mean, mag)).toBe(true);
        expect(close(s.variance, variance, mag * mag)).toBe(true);
        expect(s.min).toBe(Math.min(...xs));
        expect(s.max).toBe(Math.max(...xs));
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
