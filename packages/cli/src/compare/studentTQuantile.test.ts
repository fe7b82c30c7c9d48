import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { studentTQuantile } from './studentTQuantile.js';

describe('studentTQuantile', () => {
  // Published two-sided 95% critical values t(0.975, df) (NIST/SEMATECH e-Handbook, table 1.3.6.7.2),
  // and the 99% one for df = 1 whose tail the continued fraction finds hardest.
  it.each([
    [0.975, 1, 12.706204736],
    [0.975, 2, 4.30265273],
    [0.975, 5, 2.570581836],
    [0.975, 9, 2.262157163],
    [0.975, 29, 2.045229642],
    [0.975, 100, 1.983971519],
    [0.995, 1, 63.656741163],
    [0.95, 10, 1.812461123],
    [0.5, 7, 0],
  ])('t(%d, %d) = %d', (p, df, expected) => {
    expect(studentTQuantile(p, df)).toBeCloseTo(expected, 6);
  });

  it('approaches the normal quantile for many degrees of freedom', () => {
    expect(studentTQuantile(0.975, 1e6)).toBeCloseTo(1.959964, 5);
  });

  it('is antisymmetric and increasing in p', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 0.49, noNaN: true }), fc.integer({ min: 1, max: 200 }), (p, df) => {
        expect(studentTQuantile(p, df)).toBeCloseTo(-studentTQuantile(1 - p, df), 8);
        expect(studentTQuantile(p, df)).toBeLessThan(studentTQuantile(p + 0.005, df));
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('rejects a probability outside (0, 1) and degrees of freedom <= 0', () => {
    expect(() => studentTQuantile(1, 3)).toThrow('expected a probability in (0, 1), got 1');
    expect(() => studentTQuantile(0.9, 0)).toThrow('expected degrees of freedom > 0, got 0');
  });
});
