import seedrandom from 'seedrandom';
import { invalidParameter } from './invalidParameter.js';
import { lnGamma } from './lnGamma.js';

/** The generator's own state: Alea's three lags and its carry. */
export interface AleaState {
  readonly c: number;
  readonly s0: number;
  readonly s1: number;
  readonly s2: number;
}

/**
 * A snapshot of a {@link RandomStream}: plain data that survives `JSON.stringify`/`JSON.parse`
 * exactly (every field is a string or a double). `seed` and `path` say which stream it belongs to.
 */
export interface RandomStreamState {
  readonly seed: string;
  readonly path: readonly string[];
  readonly alea: AleaState;
  /** The second normal deviate of the last polar-method pair, not yet handed out; null if none. */
  readonly spareNormal: number | null;
}

/**
 * Below this mean, Poisson counts come from inversion by sequential search (exact up to rounding,
 * about mean + 1 steps); from it on, from Hörmann's PTRS transformed rejection (exact, O(1) expected
 * time, valid for means of 10 and more). No normal approximation is used at any mean.
 */
export const POISSON_PTRS_THRESHOLD = 10;

type Alea = seedrandom.StatefulPRNG<seedrandom.State.Alea>;

/** The string Alea is seeded with; JSON keeps it unambiguous whatever characters the names hold. */
function seedKey(seed: string, path: readonly string[]): string {
  return JSON.stringify([seed, ...path]);
}

/**
 * One named, independent stream of random numbers (like a SimPy model's per-purpose `random.Random`),
 * driven by Alea (seedrandom's `alea`, period about 2^116). A stream's sequence depends only on the
 * root seed and its path of names, so adding a consumer elsewhere never shifts its draws, and two
 * strategies run on one seed see the same draws (common random numbers).
 *
 * Obtain streams from `createRandom(seed).stream(name)` or from another stream's `stream(name)`.
 * Every method throws a `ConfigError` naming the parameter when a parameter is out of range or NaN.
 * `next`, `uniform`, `integer`, `bernoulli` and `exponential` allocate nothing.
 */
export class RandomStream {
  /** The last name of the stream's path: `'host-3'` for `rng.stream('failures').stream('host-3')`. */
  readonly name: string;
  /** Names from the root down to this stream: `['failures', 'host-3']`. */
  readonly path: readonly string[];
  /** The root seed the stream derives from. */
  readonly seed: string;
  private prng: Alea;
  private hasSpareNormal = false;
  private spareNormal = 0;

  /** Prefer `createRandom(seed).stream(name)`; this builds the stream for `seed` and a non-empty `path`. */
  constructor(seed: string, path: readonly string[]) {
    if (typeof seed !== 'string') throw invalidParameter('seed', 'a string', seed);
    if (path.length === 0) throw invalidParameter('path', 'at least one stream name', path);
    path.forEach((name, i) => {
      if (typeof name !== 'string' || name === '') throw invalidParameter(`path[${i}]`, 'a non-empty string', name);
    });
    this.seed = seed;
    this.path = Object.freeze([...path]);
    this.name = path[path.length - 1]!;
    this.prng = seedrandom.alea(seedKey(seed, path), { state: true });
  }

  /** A uniform double in [0, 1) with 53 random bits (two Alea steps). */
  next(): number {
    return this.prng.double();
  }

  /** Uniform in [min, max); `min === max` returns min. */
  uniform(min: number, max: number): number {
    if (!Number.isFinite(min)) throw invalidParameter('min', 'a finite number', min);
    if (!(max >= min && max - min < Number.POSITIVE_INFINITY)) {
      throw invalidParameter('max', `a finite number >= min (${min})`, max);
    }
    const x = min + (max - min) * this.prng.double();
    // Rounding can land on max when the range is wide compared to min's magnitude.
    return x < max ? x : min;
  }

  /**
   * A uniform integer in [min, maxExclusive). Both must be safe integers; the bias from scaling a
   * 53-bit uniform is below range / 2^53, negligible for any range a simulation uses.
   */
  integer(min: number, maxExclusive: number): number {
    if (!Number.isSafeInteger(min)) throw invalidParameter('min', 'a safe integer', min);
    if (!(Number.isSafeInteger(maxExclusive) && maxExclusive > min && Number.isSafeInteger(maxExclusive - min))) {
      throw invalidParameter('maxExclusive', `a safe integer > min (${min}) within 2^53 of it`, maxExclusive);
    }
    return min + Math.floor(this.prng.double() * (maxExclusive - min));
  }

  /** True with probability p, p in [0, 1]. */
  bernoulli(p: number): boolean {
    if (!(p >= 0 && p <= 1)) throw invalidParameter('p', 'a probability in [0, 1]', p);
    return this.prng.double() < p;
  }

  /** Exponential with the given MEAN (1/rate), mean > 0, by inversion: -mean·ln(1 - U). */
  exponential(mean: number): number {
    if (!(mean > 0 && mean < Number.POSITIVE_INFINITY))
      throw invalidParameter('mean', 'a positive finite number', mean);
    return -Math.log1p(-this.prng.double()) * mean;
  }

  /** Normal (Gaussian) with the given mean and standard deviation sd >= 0 (Marsaglia's polar method). */
  normal(mean: number, sd: number): number {
    if (!Number.isFinite(mean)) throw invalidParameter('mean', 'a finite number', mean);
    if (!(sd >= 0 && sd < Number.POSITIVE_INFINITY)) throw invalidParameter('sd', 'a finite number >= 0', sd);
    return mean + sd * this.standardNormal();
  }

  /** Lognormal: exp of a normal with mean mu and standard deviation sigma >= 0 (the underlying normal's parameters). */
  lognormal(mu: number, sigma: number): number {
    if (!Number.isFinite(mu)) throw invalidParameter('mu', 'a finite number', mu);
    if (!(sigma >= 0 && sigma < Number.POSITIVE_INFINITY)) {
      throw invalidParameter('sigma', 'a finite number >= 0', sigma);
    }
    return Math.exp(mu + sigma * this.standardNormal());
  }

  /** Pareto (type I) with minimum `scale` (x_m > 0) and tail index `shape` (alpha > 0), by inversion. */
  pareto(scale: number, shape: number): number {
    if (!(scale > 0 && scale < Number.POSITIVE_INFINITY)) {
      throw invalidParameter('scale', 'a positive finite number', scale);
    }
    if (!(shape > 0 && shape < Number.POSITIVE_INFINITY)) {
      throw invalidParameter('shape', 'a positive finite number', shape);
    }
    return scale * (1 - this.prng.double()) ** (-1 / shape);
  }

  /** Weibull with scale lambda > 0 and shape k > 0, by inversion: lambda·(-ln(1 - U))^(1/k). */
  weibull(scale: number, shape: number): number {
    if (!(scale > 0 && scale < Number.POSITIVE_INFINITY)) {
      throw invalidParameter('scale', 'a positive finite number', scale);
    }
    if (!(shape > 0 && shape < Number.POSITIVE_INFINITY)) {
      throw invalidParameter('shape', 'a positive finite number', shape);
    }
    return scale * (-Math.log1p(-this.prng.double())) ** (1 / shape);
  }

  /**
   * A Poisson count with the given mean >= 0. Exact at every mean: inversion below
   * `POISSON_PTRS_THRESHOLD`, Hörmann's PTRS (1993) from it on.
   */
  poisson(mean: number): number {
    if (!(mean >= 0 && mean < Number.POSITIVE_INFINITY)) throw invalidParameter('mean', 'a finite number >= 0', mean);
    return mean < POISSON_PTRS_THRESHOLD ? this.poissonByInversion(mean) : this.poissonByPtrs(mean);
  }

  /**
   * An index drawn with probability proportional to its weight. Weights must be finite and >= 0
   * with a positive sum; a zero weight is never drawn. O(n) per draw, no allocation.
   */
  weightedIndex(weights: ReadonlyArray<number>): number {
    const n = weights.length;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i]!;
      if (!(w >= 0 && w < Number.POSITIVE_INFINITY)) throw invalidParameter(`weights[${i}]`, 'a finite number >= 0', w);
      total += w;
    }
    if (!(total > 0 && total < Number.POSITIVE_INFINITY)) {
      throw invalidParameter('weights', 'at least one positive weight and a finite sum', total === 0 ? weights : total);
    }
    let target = this.prng.double() * total;
    for (let i = 0; i < n; i++) {
      const w = weights[i]!;
      if (target < w) return i;
      target -= w;
    }
    // Rounding in the running subtraction can step past the end: the last positive weight owns that sliver.
    let last = n - 1;
    while (weights[last]! === 0) last--;
    return last;
  }

  /** One item, uniformly or in proportion to `weights` (same length as `items`, rules of {@link weightedIndex}). */
  choice<T>(items: ReadonlyArray<T>, weights?: ReadonlyArray<number>): T {
    if (items.length === 0) throw invalidParameter('items', 'a non-empty array', items);
    if (weights === undefined) return items[Math.floor(this.prng.double() * items.length)]!;
    if (weights.length !== items.length) {
      throw invalidParameter('weights', `one weight per item (${items.length})`, weights);
    }
    return items[this.weightedIndex(weights)]!;
  }

  /** Shuffles `items` in place (Fisher-Yates, every permutation equally likely) and returns it. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.prng.double() * (i + 1));
      const tmp = items[i]!;
      items[i] = items[j]!;
      items[j] = tmp;
    }
    return items;
  }

  /**
   * A child stream seeded from (root seed, this path, name) only: the same child whatever this stream
   * has drawn, and a fresh stream, at the child's start, on every call.
   */
  stream(name: string): RandomStream {
    if (typeof name !== 'string' || name === '') throw invalidParameter('name', 'a non-empty string', name);
    return new RandomStream(this.seed, [...this.path, name]);
  }

  /** A JSON-serialisable snapshot; {@link restoreState} on it replays the same draws. */
  saveState(): RandomStreamState {
    const alea = this.prng.state();
    return {
      seed: this.seed,
      path: [...this.path],
      alea: { c: alea.c, s0: alea.s0, s1: alea.s1, s2: alea.s2 },
      spareNormal: this.hasSpareNormal ? this.spareNormal : null,
    };
  }

  /** Rewinds (or forwards) this stream to a state saved from it, or from a stream with the same seed and path. */
  restoreState(state: RandomStreamState): void {
    if (typeof state !== 'object' || state === null) throw invalidParameter('state', 'a saved stream state', state);
    if (state.seed !== this.seed) throw invalidParameter('state.seed', `this stream's seed ${this.seed}`, state.seed);
    if (!Array.isArray(state.path) || seedKey(this.seed, state.path) !== seedKey(this.seed, this.path)) {
      throw invalidParameter('state.path', `this stream's path ${JSON.stringify(this.path)}`, state.path);
    }
    const alea = state.alea;
    if (typeof alea !== 'object' || alea === null) throw invalidParameter('state.alea', 'an Alea state', alea);
    if (!Number.isInteger(alea.c)) throw invalidParameter('state.alea.c', 'an integer carry', alea.c);
    for (const key of ['s0', 's1', 's2'] as const) {
      const s = alea[key];
      if (!(s >= 0 && s < 1)) throw invalidParameter(`state.alea.${key}`, 'a number in [0, 1)', s);
    }
    const spare = state.spareNormal;
    if (spare !== null && !Number.isFinite(spare)) {
      throw invalidParameter('state.spareNormal', 'a finite number or null', spare);
    }
    this.prng = seedrandom.alea('', { state: { c: alea.c, s0: alea.s0, s1: alea.s1, s2: alea.s2 } });
    this.hasSpareNormal = spare !== null;
    this.spareNormal = spare ?? 0;
  }

  /** Standard normal by Marsaglia's polar method; the pair's second deviate is kept for the next call. */
  private standardNormal(): number {
    if (this.hasSpareNormal) {
      this.hasSpareNormal = false;
      return this.spareNormal;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.prng.double() - 1;
      v = 2 * this.prng.double() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * factor;
    this.hasSpareNormal = true;
    return u * factor;
  }

  /** Sequential search up the CDF with one uniform; used for small means, where it takes about mean + 1 steps. */
  private poissonByInversion(mean: number): number {
    const u = this.prng.double();
    let k = 0;
    let p = Math.exp(-mean);
    let cdf = p;
    // p > 0 stops the walk if rounding leaves the summed CDF just below u near 1.
    while (u >= cdf && p > 0) {
      k++;
      p *= mean / k;
      cdf += p;
    }
    return k;
  }

  /**
   * PTRS: W. Hörmann, "The transformed rejection method for generating Poisson random variables",
   * Insurance: Mathematics and Economics 12 (1993). Exact for mean >= 10; a little over one pair of uniforms per draw on average.
   */
  private poissonByPtrs(mean: number): number {
    const logMean = Math.log(mean);
    const b = 0.931 + 2.53 * Math.sqrt(mean);
    const a = -0.059 + 0.02483 * b;
    const logInvAlpha = Math.log(1.1239 + 1.1328 / (b - 3.4));
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = this.prng.double() - 0.5;
      const v = this.prng.double();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (Math.log(v) + logInvAlpha - Math.log(a / (us * us) + b) <= -mean + k * logMean - lnGamma(k + 1)) return k;
    }
  }
}
