import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from './LatencyHistogram.js';

/** Values spread over nine decades (1 µs .. 1000 s in ms), as latencies are. */
const latency = fc
  .tuple(fc.double({ min: 0, max: 10, noNaN: true }), fc.integer({ min: -3, max: 5 }))
  .map(([m, e]) => m * 10 ** e);

/** Nearest-rank percentile of sorted values: the smallest with at least p% at or below it. */
function exactPercentile(sorted: readonly number[], thousandths: number): number {
  // p × n / 100 in integer arithmetic, so the rank is not off by one from rounding.
  const rank = Math.max(1, Math.ceil((thousandths * sorted.length) / 100_000));
  return sorted[rank - 1] ?? Number.NaN;
}

describe('LatencyHistogram properties', () => {
  it('percentiles are within v × 10^-digits + lowest of the exact sorted-array percentile', () => {
    fc.assert(
      fc.property(
        fc.array(latency, { minLength: 1, maxLength: 200 }),
        fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 10 }),
        fc.constantFrom(1, 2, 3, 4),
        fc.constantFrom(0.001, 0.01, 1),
        (values, ps, digits, lowest) => {
          const h = new LatencyHistogram({ significantDigits: digits, lowest, highest: 1000 });
          for (const v of values) h.record(v);
          const sorted = [...values].sort((a, b) => a - b);
          for (const k of ps) {
            const exact = exactPercentile(sorted, k);
            const got = h.percentile(k / 1000);
            const bound = exact * 10 ** -digits + lowest;
            if (!(Math.abs(got - exact) <= bound)) {
              throw new Error(`p${k / 1000}: got ${got}, exact ${exact}, allowed error ${bound}`);
            }
          }
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });

  it('merging equals recording everything in one histogram', () => {
    fc.assert(
      fc.property(fc.array(latency, { maxLength: 80 }), fc.array(latency, { maxLength: 80 }), (xs, ys) => {
        const a = new LatencyHistogram();
        const b = new LatencyHistogram({ highest: 1e6 });
        const all = new LatencyHistogram();
        for (const x of xs) a.record(x);
        for (const y of ys) b.record(y);
        for (const v of [...xs, ...ys]) all.record(v);
        a.merge(b);
        expect(a.count).toBe(all.count);
        for (const p of [0, 25, 50, 90, 99, 99.9, 100]) expect(a.percentile(p)).toBe(all.percentile(p));
      }),
      { seed: 1234, numRuns: 150 },
    );
  });
});
