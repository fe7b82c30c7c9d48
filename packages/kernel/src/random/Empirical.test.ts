import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { createRandom } from './createRandom.js';
import type { Distribution } from './distributions.js';
import { empiricalFromPercentiles, empiricalFromSamples } from './Empirical.js';

const N = 100_000;

function draws(d: Distribution, name: string, n = N): number[] {
  const s = createRandom(42).stream(name);
  return Array.from({ length: n }, () => d.sample(s));
}

/** Fraction of xs that are <= x. */
function cdfAt(xs: ReadonlyArray<number>, x: number): number {
  let count = 0;
  for (const v of xs) if (v <= x) count++;
  return count / xs.length;
}

// Binomial sd of an observed fraction near p is √(p(1-p)/N) ≤ 0.0016; 5 sd = 0.008.
const CDF_TOLERANCE = 0.008;

describe('empiricalFromPercentiles', () => {
  // Shaped like a function's duration percentiles in the Azure Functions 2019 trace (ms).
  const points = [
    { p: 0, value: 3 },
    { p: 0.01, value: 5 },
    { p: 0.25, value: 40 },
    { p: 0.5, value: 120 },
    { p: 0.75, value: 300 },
    { p: 0.99, value: 2_000 },
    { p: 1, value: 9_000 },
  ];

  it('reproduces the given percentiles and stays within [min, max]', () => {
    const d = empiricalFromPercentiles(points);
    expect(d.name).toBe('empirical');
    const xs = draws(d, 'percentiles');
    for (const { p, value } of points) expect(Math.abs(cdfAt(xs, value) - p)).toBeLessThan(CDF_TOLERANCE);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(3);
    expect(Math.max(...xs)).toBeLessThanOrEqual(9_000);
  });

  it('interpolates linearly between the points: half way in p is half way in value', () => {
    const xs = draws(empiricalFromPercentiles(points), 'between');
    // P(X <= 70) = 0.25 + 0.25 · (70 - 40)/(120 - 40) = 0.34375
    expect(Math.abs(cdfAt(xs, 70) - 0.34375)).toBeLessThan(CDF_TOLERANCE);
  });

  it('declares the mean of the piecewise-linear inverse CDF', () => {
    // Σ Δp·(v_i + v_{i+1})/2 = 0.01·4 + 0.24·22.5 + 0.25·80 + 0.25·210 + 0.24·1150 + 0.01·5500 = 408.94
    const d = empiricalFromPercentiles(points);
    expect(d.mean).toBeCloseTo(408.94, 10);
    const xs = draws(d, 'mean');
    const mean = xs.reduce((a, b) => a + b, 0) / N;
    // E[X²] ≈ 731,000 (the top 25% dominate), so sd ≈ 750 and the standard error ≈ 2.4; 5 of them ≈ 12.
    expect(Math.abs(mean - 408.94)).toBeLessThan(12);
  });

  it('makes an atom where two points share a value', () => {
    const d = empiricalFromPercentiles([
      { p: 0, value: 0 },
      { p: 0.4, value: 10 },
      { p: 0.9, value: 10 },
      { p: 1, value: 20 },
    ]);
    const xs = draws(d, 'atom');
    expect(Math.abs(xs.filter((x) => x === 10).length / N - 0.5)).toBeLessThan(CDF_TOLERANCE);
  });

  it.each([
    ['fewer than two points', [{ p: 0, value: 1 }], 'points'],
    [
      'p outside [0, 1]',
      [
        { p: 0, value: 1 },
        { p: 1.5, value: 2 },
      ],
      'points[1].p',
    ],
    [
      'p not increasing',
      [
        { p: 0, value: 1 },
        { p: 0.5, value: 2 },
        { p: 0.5, value: 3 },
        { p: 1, value: 4 },
      ],
      'points[2].p',
    ],
    [
      'values decreasing',
      [
        { p: 0, value: 5 },
        { p: 1, value: 2 },
      ],
      'points[1].value',
    ],
    [
      'value NaN',
      [
        { p: 0, value: 5 },
        { p: 1, value: Number.NaN },
      ],
      'points[1].value',
    ],
    [
      'no p = 0',
      [
        { p: 0.1, value: 1 },
        { p: 1, value: 2 },
      ],
      'points[0].p',
    ],
    [
      'no p = 1',
      [
        { p: 0, value: 1 },
        { p: 0.99, value: 2 },
      ],
      'points[1].p',
    ],
  ] as const)('rejects %s', (_label, bad, parameter) => {
    const make = () => empiricalFromPercentiles(bad);
    expect(make).toThrow(ConfigError);
    expect(make).toThrow(new RegExp(`at ${parameter.replace(/[[\].]/g, '\\$&')}$`, 'm'));
  });
});

describe('empiricalFromSamples', () => {
  it('interpolates between order statistics: samples 1..5 spread uniformly over [1, 5]', () => {
    const d = empiricalFromSamples([5, 3, 1, 4, 2]);
    expect(d.name).toBe('empirical');
    // (Σx - (min + max)/2)/(n - 1) = (15 - 3)/4 = 3
    expect(d.mean).toBe(3);
    const xs = draws(d, 'samples');
    for (const x of [1.5, 2, 3.25, 4.9]) expect(Math.abs(cdfAt(xs, x) - (x - 1) / 4)).toBeLessThan(CDF_TOLERANCE);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...xs)).toBeLessThan(5);
  });

  it('reproduces the percentiles of a large sample', () => {
    const source = createRandom(3).stream('source');
    const samples = Array.from({ length: 2_000 }, () => source.exponential(10));
    const sorted = [...samples].sort((a, b) => a - b);
    const xs = draws(empiricalFromSamples(samples), 'large');
    for (const p of [0.05, 0.25, 0.5, 0.75, 0.95]) {
      const q = sorted[Math.round(p * (sorted.length - 1))]!;
      expect(Math.abs(cdfAt(xs, q) - p)).toBeLessThan(CDF_TOLERANCE);
    }
  });

  it('gives a constant for one sample and keeps ties', () => {
    const one = empiricalFromSamples([7]);
    expect(one.mean).toBe(7);
    expect(draws(one, 'one', 10)).toEqual(new Array(10).fill(7));
    const tied = draws(empiricalFromSamples([2, 2, 2, 4]), 'tied');
    // sorted 2,2,2,4 at p = 0, 1/3, 2/3, 1: two thirds of draws are exactly 2
    expect(Math.abs(tied.filter((x) => x === 2).length / N - 2 / 3)).toBeLessThan(CDF_TOLERANCE);
  });

  it('rejects an empty or non-finite sample, naming it', () => {
    expect(() => empiricalFromSamples([])).toThrow(/at samples$/m);
    expect(() => empiricalFromSamples([1, Number.POSITIVE_INFINITY])).toThrow(/at samples\[1\]$/m);
  });
});
