import { invalidParameter } from './invalidParameter.js';
import { gamma } from './lnGamma.js';
import type { RandomStream } from './RandomStream.js';

/**
 * A probability distribution as data, for scenarios and workload models: a stable `name` used in
 * scenarios, logs and reports, its `mean` (Infinity where the mean is undefined or infinite), and a
 * sampler that draws from the stream it is given, so the caller decides which stream pays.
 */
export interface Distribution {
  readonly name: string;
  readonly mean: number;
  sample(stream: RandomStream): number;
}

const POSITIVE = 'a positive finite number';
const NON_NEGATIVE = 'a finite number >= 0';
const FINITE = 'a finite number';

function isPositive(x: number): boolean {
  return x > 0 && x < Number.POSITIVE_INFINITY;
}

function isNonNegative(x: number): boolean {
  return x >= 0 && x < Number.POSITIVE_INFINITY;
}

/** Always `value`; draws nothing from the stream. */
export function constant(value: number): Distribution {
  if (!Number.isFinite(value)) throw invalidParameter('value', FINITE, value);
  return Object.freeze({ name: 'constant', mean: value, sample: () => value });
}

/** Uniform on [min, max). */
export function uniformDist(min: number, max: number): Distribution {
  if (!Number.isFinite(min)) throw invalidParameter('min', FINITE, min);
  if (!(max >= min && max - min < Number.POSITIVE_INFINITY))
    throw invalidParameter('max', `a finite number >= min (${min})`, max);
  return Object.freeze({ name: 'uniform', mean: (min + max) / 2, sample: (s: RandomStream) => s.uniform(min, max) });
}

/** Exponential with the given mean (1/rate): memoryless inter-arrival times of a Poisson process. */
export function exponentialDist(mean: number): Distribution {
  if (!isPositive(mean)) throw invalidParameter('mean', POSITIVE, mean);
  return Object.freeze({ name: 'exponential', mean, sample: (s: RandomStream) => s.exponential(mean) });
}

/** Normal with mean and standard deviation sd >= 0. Unbounded: it yields negative values for any mean. */
export function normalDist(mean: number, sd: number): Distribution {
  if (!Number.isFinite(mean)) throw invalidParameter('mean', FINITE, mean);
  if (!isNonNegative(sd)) throw invalidParameter('sd', NON_NEGATIVE, sd);
  return Object.freeze({ name: 'normal', mean, sample: (s: RandomStream) => s.normal(mean, sd) });
}

/** Lognormal whose logarithm is normal(mu, sigma); its mean is exp(mu + sigma²/2). */
export function lognormalDist(mu: number, sigma: number): Distribution {
  if (!Number.isFinite(mu)) throw invalidParameter('mu', FINITE, mu);
  if (!isNonNegative(sigma)) throw invalidParameter('sigma', NON_NEGATIVE, sigma);
  const mean = Math.exp(mu + (sigma * sigma) / 2);
  return Object.freeze({ name: 'lognormal', mean, sample: (s: RandomStream) => s.lognormal(mu, sigma) });
}

/**
 * Lognormal given its own mean (> 0) and coefficient of variation cv = sd / mean (>= 0), the way
 * service times are usually quoted: sigma² = ln(1 + cv²), mu = ln(mean) - sigma²/2.
 */
export function lognormalFromMeanCv(mean: number, cv: number): Distribution {
  if (!isPositive(mean)) throw invalidParameter('mean', POSITIVE, mean);
  if (!isNonNegative(cv)) throw invalidParameter('cv', NON_NEGATIVE, cv);
  const sigma = Math.sqrt(Math.log1p(cv * cv));
  const mu = Math.log(mean) - (sigma * sigma) / 2;
  return Object.freeze({ name: 'lognormal', mean, sample: (s: RandomStream) => s.lognormal(mu, sigma) });
}

/** Pareto (type I) with minimum `scale` and tail index `shape`; mean shape·scale/(shape-1), Infinity for shape <= 1. */
export function paretoDist(scale: number, shape: number): Distribution {
  if (!isPositive(scale)) throw invalidParameter('scale', POSITIVE, scale);
  if (!isPositive(shape)) throw invalidParameter('shape', POSITIVE, shape);
  const mean = shape > 1 ? (shape * scale) / (shape - 1) : Number.POSITIVE_INFINITY;
  return Object.freeze({ name: 'pareto', mean, sample: (s: RandomStream) => s.pareto(scale, shape) });
}

/** Weibull with scale lambda and shape k (k < 1: decreasing hazard, k > 1: wear-out); mean lambda·Γ(1 + 1/k). */
export function weibullDist(scale: number, shape: number): Distribution {
  if (!isPositive(scale)) throw invalidParameter('scale', POSITIVE, scale);
  if (!isPositive(shape)) throw invalidParameter('shape', POSITIVE, shape);
  const mean = scale * gamma(1 + 1 / shape);
  return Object.freeze({ name: 'weibull', mean, sample: (s: RandomStream) => s.weibull(scale, shape) });
}

/** Poisson counts with the given mean >= 0 (arrivals per interval). */
export function poissonDist(mean: number): Distribution {
  if (!isNonNegative(mean)) throw invalidParameter('mean', NON_NEGATIVE, mean);
  return Object.freeze({ name: 'poisson', mean, sample: (s: RandomStream) => s.poisson(mean) });
}
