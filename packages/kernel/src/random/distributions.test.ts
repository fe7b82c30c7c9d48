import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { createRandom } from './createRandom.js';
import {
  constant,
  type Distribution,
  exponentialDist,
  lognormalDist,
  lognormalFromMeanCv,
  normalDist,
  paretoDist,
  poissonDist,
  uniformDist,
  weibullDist,
} from './distributions.js';

const N = 100_000;

function sampleMeanAndSd(d: Distribution, streamName: string): { mean: number; sd: number } {
  const s = createRandom(42).stream(streamName);
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < N; i++) {
    const x = d.sample(s);
    sum += x;
    sumSq += x * x;
  }
  const mean = sum / N;
  return { mean, sd: Math.sqrt((sumSq - N * mean * mean) / (N - 1)) };
}

describe('distributions as data', () => {
  // [distribution, expected name, theoretical mean, theoretical sd]; the sample mean of 100,000 draws
  // must be within 5 standard errors (sd/√N) of the declared mean.
  it.each([
    [constant(3.5), 'constant', 3.5, 0],
    [uniformDist(10, 20), 'uniform', 15, 10 / Math.sqrt(12)],
    [exponentialDist(250), 'exponential', 250, 250],
    [normalDist(-4, 3), 'normal', -4, 3],
    [
      lognormalDist(2, 0.75),
      'lognormal',
      Math.exp(2 + 0.75 ** 2 / 2),
      Math.exp(2 + 0.75 ** 2 / 2) * Math.sqrt(Math.expm1(0.75 ** 2)),
    ],
    [lognormalFromMeanCv(120, 1.5), 'lognormal', 120, 180],
    // Pareto(1, 3): mean 3/2, variance scale²·α/((α-1)²(α-2)) = 3/4
    [paretoDist(1, 3), 'pareto', 1.5, Math.sqrt(0.75)],
    // Weibull(10, 2): mean 10·Γ(1.5) = 5√π, variance 100·(Γ(2) - Γ(1.5)²) = 100·(1 - π/4)
    [weibullDist(10, 2), 'weibull', 5 * Math.sqrt(Math.PI), 10 * Math.sqrt(1 - Math.PI / 4)],
    [poissonDist(12), 'poisson', 12, Math.sqrt(12)],
  ] as const)('%#: %s has the declared mean', (d, name, mean, sd) => {
    expect(d.name).toBe(name);
    expect(d.mean).toBeCloseTo(mean, 10);
    const observed = sampleMeanAndSd(d, `dist-${name}`);
    expect(Math.abs(observed.mean - mean)).toBeLessThanOrEqual((5 * sd) / Math.sqrt(N));
  });

  it('lognormalFromMeanCv reproduces the coefficient of variation', () => {
    // sd of the sample sd is roughly sd·√((kurtosis - 1)/4N); lognormal with cv 0.5 has kurtosis ≈ 8.2,
    // so the relative error of the sample sd is about 0.4% per standard error: 3% tolerance is > 5 of them.
    const observed = sampleMeanAndSd(lognormalFromMeanCv(10, 0.5), 'cv');
    expect(observed.sd / observed.mean).toBeGreaterThan(0.5 * 0.97);
    expect(observed.sd / observed.mean).toBeLessThan(0.5 * 1.03);
  });

  it('reports an infinite mean where the mean does not exist', () => {
    expect(paretoDist(1, 1).mean).toBe(Number.POSITIVE_INFINITY);
    expect(paretoDist(1, 0.5).mean).toBe(Number.POSITIVE_INFINITY);
  });

  it('constant draws nothing from the stream', () => {
    const s = createRandom(1).stream('c');
    const before = s.saveState();
    expect(constant(7).sample(s)).toBe(7);
    expect(s.saveState()).toEqual(before);
  });

  it('is the same as the stream method for the same parameters', () => {
    const a = createRandom(1).stream('same');
    const b = createRandom(1).stream('same');
    const d = weibullDist(3, 0.7);
    for (let i = 0; i < 10; i++) expect(d.sample(a)).toBe(b.weibull(3, 0.7));
  });

  it.each([
    ['constant NaN', () => constant(Number.NaN), 'value'],
    ['uniform inverted', () => uniformDist(5, 1), 'max'],
    ['exponential negative mean', () => exponentialDist(-5), 'mean'],
    ['normal negative sd', () => normalDist(0, -1), 'sd'],
    ['lognormal NaN mu', () => lognormalDist(Number.NaN, 1), 'mu'],
    ['lognormalFromMeanCv zero mean', () => lognormalFromMeanCv(0, 1), 'mean'],
    ['lognormalFromMeanCv negative cv', () => lognormalFromMeanCv(1, -1), 'cv'],
    ['pareto zero shape', () => paretoDist(1, 0), 'shape'],
    ['weibull infinite scale', () => weibullDist(Number.POSITIVE_INFINITY, 1), 'scale'],
    ['poisson negative mean', () => poissonDist(-1), 'mean'],
  ] as const)('%s throws naming the parameter', (_label, make, parameter) => {
    expect(make).toThrow(ConfigError);
    expect(make).toThrow(new RegExp(`at ${parameter}$`, 'm'));
  });
});
