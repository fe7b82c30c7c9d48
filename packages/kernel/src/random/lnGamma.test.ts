import { describe, expect, it } from 'vitest';
import { gamma, lnGamma } from './lnGamma.js';

describe('lnGamma', () => {
  it.each([
    // [x, ln Γ(x)] — factorials and the half-integer values Γ(1/2) = √π, Γ(3/2) = √π/2
    [1, 0],
    [2, 0],
    [5, Math.log(24)],
    [11, Math.log(3_628_800)],
    [0.5, 0.5 * Math.log(Math.PI)],
    [1.5, Math.log(Math.sqrt(Math.PI) / 2)],
    [0.1, Math.log(9.513507698668732)],
    [101, 363.73937555556347], // ln 100!
  ])('lnGamma(%d) = %d', (x, expected) => {
    expect(lnGamma(x)).toBeCloseTo(expected, 12);
  });

  it('gamma is exp(lnGamma): Γ(1 + 2/3) for the Weibull mean', () => {
    expect(gamma(5 / 3)).toBeCloseTo(0.9027452929509336, 13);
    expect(gamma(4)).toBeCloseTo(6, 12);
  });
});
