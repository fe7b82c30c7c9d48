import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { OnlineStats } from './OnlineStats.js';

function twoPass(xs: readonly number[]): { mean: number; variance: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const ss = xs.reduce((a, x) => a + (x - mean) ** 2, 0);
  return { mean, variance: ss / (xs.length - 1) };
}

describe('OnlineStats', () => {
  it('matches hand-computed statistics', () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: sum 40, mean 5, squared deviations sum to 32,
    // sample variance 32 / 7, population variance 32 / 8 = 4.
    const s = new OnlineStats();
    for (const x of [2, 4, 4, 4, 5, 5, 7, 9]) s.add(x);
    expect(s.count).toBe(8);
    expect(s.sum).toBe(40);
    expect(s.mean).toBe(5);
    expect(s.variance).toBeCloseTo(32 / 7, 12);
    expect(s.populationVariance).toBeCloseTo(4, 12);
    expect(s.stddev).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(s.min).toBe(2);
    expect(s.max).toBe(9);
    expect(s.toJSON()).toEqual({ count: 8, mean: 5, stddev: s.stddev, min: 2, max: 9 });
  });

  it('agrees with a two-pass computation, even far from zero where summing squares fails', () => {
    // Values near 1e9 with spread ~1: the naive E[x²] - E[x]² loses every digit here.
    const xs = Array.from({ length: 1000 }, (_, i) => 1e9 + Math.sin(i) * 3 + (i % 7) / 10);
    const s = new OnlineStats();
    for (const x of xs) s.add(x);
    const ref = twoPass(xs);
    expect(Math.abs(s.mean - ref.mean) / ref.mean).toBeLessThan(1e-14);
    expect(Math.abs(s.variance - ref.variance) / ref.variance).toBeLessThan(1e-6);
    const naive = xs.reduce((a, x) => a + x * x, 0) / xs.length - ref.mean ** 2;
    expect(Math.abs(naive * (1000 / 999) - ref.variance) / ref.variance).toBeGreaterThan(1e-2);
  });

  it('reports NaN for statistics its count does not define', () => {
    const s = new OnlineStats();
    expect(s.count).toBe(0);
    expect(s.sum).toBe(0);
    for (const v of [s.mean, s.variance, s.populationVariance, s.stddev, s.min, s.max]) expect(v).toBeNaN();
    s.add(3);
    expect(s.mean).toBe(3);
    expect(s.populationVariance).toBe(0);
    expect(s.variance).toBeNaN();
    expect(s.min).toBe(3);
    expect(s.max).toBe(3);
  });

  it('merges with empty accumulators on either side and with itself', () => {
    const a = new OnlineStats();
    const b = new OnlineStats();
    a.merge(b);
    expect(a.count).toBe(0);
    b.add(1);
    b.add(3);
    a.merge(b);
    expect([a.count, a.mean, a.variance, a.min, a.max]).toEqual([2, 2, 2, 1, 3]);
    expect(b.count).toBe(2);
    // 1, 3, 1, 3: mean 2, squared deviations 4, sample variance 4 / 3.
    a.merge(a);
    expect(a.count).toBe(4);
    expect(a.mean).toBe(2);
    expect(a.variance).toBeCloseTo(4 / 3, 12);
  });

  it('reset forgets everything', () => {
    const s = new OnlineStats();
    s.add(5);
    s.add(-5);
    s.reset();
    expect(s.count).toBe(0);
    expect(s.mean).toBeNaN();
    s.add(1);
    expect([s.mean, s.min, s.max, s.sum]).toEqual([1, 1, 1, 1]);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('rejects add(%s)', (x) => {
    const s = new OnlineStats();
    expect(() => s.add(x)).toThrow(ConfigError);
    expect(() => s.add(x)).toThrow(/→ at x/);
    expect(s.count).toBe(0);
  });
});
