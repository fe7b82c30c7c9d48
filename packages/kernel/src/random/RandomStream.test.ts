import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { createRandom } from './createRandom.js';
import { lnGamma } from './lnGamma.js';
import { POISSON_PTRS_THRESHOLD, type RandomStream } from './RandomStream.js';

const N = 100_000;

interface Moments {
  mean: number;
  variance: number;
}

function sampleMoments(draw: () => number, n = N): Moments {
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    const x = draw();
    sum += x;
    sumSq += x * x;
  }
  const mean = sum / n;
  return { mean, variance: (sumSq - n * mean * mean) / (n - 1) };
}

/** Mean, variance and kurtosis μ4/σ⁴ from the raw moments E[X], E[X²], E[X³], E[X⁴]. */
function fromRaw(m1: number, m2: number, m3: number, m4: number): { mean: number; variance: number; kurtosis: number } {
  const variance = m2 - m1 * m1;
  const mu4 = m4 - 4 * m1 * m3 + 6 * m1 * m1 * m2 - 3 * m1 ** 4;
  return { mean: m1, variance, kurtosis: mu4 / variance ** 2 };
}

const weibullRaw = (scale: number, shape: number, n: number) => scale ** n * Math.exp(lnGamma(1 + n / shape));
const lognormalRaw = (mu: number, sigma: number, n: number) => Math.exp(n * mu + (n * n * sigma * sigma) / 2);
const paretoRaw = (scale: number, shape: number, n: number) => (shape * scale ** n) / (shape - n);

/*
 * Each case: theory's mean, variance and kurtosis (μ4/σ⁴). With N draws the sample mean has
 * standard error σ/√N and the sample variance σ²·√((kurtosis - 1)/N); the tolerance is 5 standard
 * errors, so a correct sampler fails with probability below 1e-6 and the fixed seed makes it certain.
 */
const cases: Array<{
  label: string;
  draw: (s: RandomStream) => number;
  mean: number;
  variance: number;
  kurtosis: number;
}> = [
  { label: 'next()', draw: (s) => s.next(), mean: 0.5, variance: 1 / 12, kurtosis: 1.8 },
  { label: 'uniform(-3, 5)', draw: (s) => s.uniform(-3, 5), mean: 1, variance: 64 / 12, kurtosis: 1.8 },
  // discrete uniform on 0..9: variance (10² - 1)/12, kurtosis 3(3n² - 7)/(5(n² - 1)) = 1.7776
  { label: 'integer(0, 10)', draw: (s) => s.integer(0, 10), mean: 4.5, variance: 99 / 12, kurtosis: 1.7776 },
  // Bernoulli(0.3): variance p(1-p) = 0.21, kurtosis (1 - 3pq)/pq + 3 = 4.762 - ... computed from raw moments
  { label: 'bernoulli(0.3)', draw: (s) => (s.bernoulli(0.3) ? 1 : 0), ...fromRaw(0.3, 0.3, 0.3, 0.3) },
  { label: 'exponential(mean 4)', draw: (s) => s.exponential(4), mean: 4, variance: 16, kurtosis: 9 },
  { label: 'normal(10, 2)', draw: (s) => s.normal(10, 2), mean: 10, variance: 4, kurtosis: 3 },
  {
    label: 'lognormal(1, 0.5)',
    draw: (s) => s.lognormal(1, 0.5),
    ...fromRaw(lognormalRaw(1, 0.5, 1), lognormalRaw(1, 0.5, 2), lognormalRaw(1, 0.5, 3), lognormalRaw(1, 0.5, 4)),
  },
  {
    // shape 5 > 4, so the fourth moment exists
    label: 'pareto(2, 5)',
    draw: (s) => s.pareto(2, 5),
    ...fromRaw(paretoRaw(2, 5, 1), paretoRaw(2, 5, 2), paretoRaw(2, 5, 3), paretoRaw(2, 5, 4)),
  },
  {
    label: 'weibull(2, 1.5)',
    draw: (s) => s.weibull(2, 1.5),
    ...fromRaw(weibullRaw(2, 1.5, 1), weibullRaw(2, 1.5, 2), weibullRaw(2, 1.5, 3), weibullRaw(2, 1.5, 4)),
  },
  { label: 'weibull(3, 1) = exponential', draw: (s) => s.weibull(3, 1), mean: 3, variance: 9, kurtosis: 9 },
  // Poisson(λ): mean = variance = λ, kurtosis 3 + 1/λ; 3 and 9.99 use inversion, 10 and above PTRS
  { label: 'poisson(0.2)', draw: (s) => s.poisson(0.2), mean: 0.2, variance: 0.2, kurtosis: 3 + 1 / 0.2 },
  { label: 'poisson(3)', draw: (s) => s.poisson(3), mean: 3, variance: 3, kurtosis: 3 + 1 / 3 },
  { label: 'poisson(9.99)', draw: (s) => s.poisson(9.99), mean: 9.99, variance: 9.99, kurtosis: 3 + 1 / 9.99 },
  { label: 'poisson(10)', draw: (s) => s.poisson(10), mean: 10, variance: 10, kurtosis: 3.1 },
  { label: 'poisson(47.5)', draw: (s) => s.poisson(47.5), mean: 47.5, variance: 47.5, kurtosis: 3 + 1 / 47.5 },
  { label: 'poisson(1e6)', draw: (s) => s.poisson(1e6), mean: 1e6, variance: 1e6, kurtosis: 3 },
];

describe('RandomStream moments (100,000 draws, seed 42, tolerance 5 standard errors)', () => {
  it.each(cases)('$label', ({ label, draw, mean, variance, kurtosis }) => {
    const stream = createRandom(42).stream(label);
    const m = sampleMoments(() => draw(stream));
    const sd = Math.sqrt(variance);
    expect(Math.abs(m.mean - mean)).toBeLessThan((5 * sd) / Math.sqrt(N));
    expect(Math.abs(m.variance - variance)).toBeLessThan(5 * variance * Math.sqrt((kurtosis - 1) / N));
  });
});

describe('RandomStream ranges', () => {
  it('keeps next() in [0, 1), uniform in [min, max) and integers in [min, maxExclusive)', () => {
    const s = createRandom(1).stream('ranges');
    const outside: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      const u = s.next();
      if (!(u >= 0 && u < 1)) outside.push(`next ${u}`);
      const x = s.uniform(2, 2.5);
      if (!(x >= 2 && x < 2.5)) outside.push(`uniform ${x}`);
      const k = s.integer(-3, 4);
      if (!(Number.isInteger(k) && k >= -3 && k < 4)) outside.push(`integer ${k}`);
    }
    expect(outside).toEqual([]);
    expect(s.uniform(7, 7)).toBe(7);
    expect(s.integer(5, 6)).toBe(5);
  });

  it('hits every integer of a small range', () => {
    const s = createRandom(1).stream('all');
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(s.integer(-3, 4));
    expect([...seen].sort((a, b) => a - b)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
  });

  it('bernoulli(0) is never true and bernoulli(1) always', () => {
    const s = createRandom(1).stream('b');
    let wrong = 0;
    for (let i = 0; i < 1000; i++) if (s.bernoulli(0) || !s.bernoulli(1)) wrong++;
    expect(wrong).toBe(0);
  });

  it('degenerate parameters give the degenerate value', () => {
    const s = createRandom(1).stream('d');
    expect(s.normal(3, 0)).toBe(3);
    expect(s.lognormal(0, 0)).toBe(1);
    expect(s.poisson(0)).toBe(0);
    expect(s.pareto(2, 1e9)).toBeCloseTo(2, 6);
  });
});

/** Probability of k under Poisson(mean). */
function poissonPmf(mean: number, k: number): number {
  return Math.exp(-mean + k * Math.log(mean) - lnGamma(k + 1));
}

describe('poisson distribution shape', () => {
  // Moments alone would not catch a sampler with the right mean and variance but the wrong shape, so
  // compare each count's frequency with the pmf: binomial sd √(p(1-p)/N), tolerance 5 sd.
  it.each([2.5, POISSON_PTRS_THRESHOLD, 23.7])('frequencies match the pmf at mean %d', (mean) => {
    const s = createRandom(9).stream(`poisson-${mean}`);
    const counts = new Map<number, number>();
    let bad = 0;
    for (let i = 0; i < N; i++) {
      const k = s.poisson(mean);
      if (!(Number.isInteger(k) && k >= 0)) bad++;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    expect(bad).toBe(0);
    // Counts expected at least 20 times are checked one by one; the rarer ones, in the tails, as one lump.
    let checkedP = 0;
    let checkedFreq = 0;
    for (let k = 0; k <= 3 * mean + 10; k++) {
      const p = poissonPmf(mean, k);
      if (N * p < 20) continue;
      const freq = (counts.get(k) ?? 0) / N;
      expect(Math.abs(freq - p), `k = ${k}`).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / N));
      checkedP += p;
      checkedFreq += freq;
    }
    const tailP = 1 - checkedP;
    expect(Math.abs(1 - checkedFreq - tailP)).toBeLessThan(5 * Math.sqrt((tailP * (1 - tailP)) / N));
  });
});

describe('weightedIndex and choice', () => {
  it('draws indexes in proportion to their weights and never a zero weight', () => {
    const weights = [1, 0, 3, 6, 0];
    const s = createRandom(5).stream('weights');
    const counts = [0, 0, 0, 0, 0];
    for (let i = 0; i < N; i++) counts[s.weightedIndex(weights)]!++;
    expect(counts[1]).toBe(0);
    expect(counts[4]).toBe(0);
    // p = 0.1, 0.3, 0.6: binomial sd √(p(1-p)/N) ≤ 0.0016; tolerance 0.008 (5 sd)
    expect(Math.abs(counts[0]! / N - 0.1)).toBeLessThan(0.008);
    expect(Math.abs(counts[2]! / N - 0.3)).toBeLessThan(0.008);
    expect(Math.abs(counts[3]! / N - 0.6)).toBeLessThan(0.008);
  });

  it('choice picks uniformly without weights and by weight with them', () => {
    const s = createRandom(5).stream('choice');
    const items = ['a', 'b', 'c', 'd'] as const;
    const plain = new Map<string, number>();
    const weighted = new Map<string, number>();
    for (let i = 0; i < N; i++) {
      const x = s.choice(items);
      plain.set(x, (plain.get(x) ?? 0) + 1);
      const y = s.choice(items, [0, 1, 1, 2]);
      weighted.set(y, (weighted.get(y) ?? 0) + 1);
    }
    for (const item of items) expect(Math.abs((plain.get(item) ?? 0) / N - 0.25)).toBeLessThan(0.007);
    expect(weighted.get('a')).toBeUndefined();
    expect(Math.abs((weighted.get('d') ?? 0) / N - 0.5)).toBeLessThan(0.008);
  });

  it('shuffle permutes in place and reaches every ordering of three items about equally', () => {
    const s = createRandom(5).stream('shuffle');
    const counts = new Map<string, number>();
    const n = 60_000;
    const items = [1, 2, 3];
    expect(s.shuffle(items)).toBe(items);
    for (let i = 0; i < n; i++) {
      const order = s.shuffle([1, 2, 3]).join('');
      counts.set(order, (counts.get(order) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    // each ordering 10,000 ± 91 (binomial sd); tolerance 5 sd
    for (const c of counts.values()) expect(Math.abs(c - n / 6)).toBeLessThan(460);
  });
});

describe('bad parameters throw a ConfigError naming the parameter', () => {
  const s = createRandom(3).stream('errors');
  it.each([
    ['uniform max < min', () => s.uniform(2, 1), 'max'],
    ['uniform NaN min', () => s.uniform(Number.NaN, 1), 'min'],
    ['integer non-integer', () => s.integer(0.5, 3), 'min'],
    ['integer empty range', () => s.integer(3, 3), 'maxExclusive'],
    ['bernoulli p > 1', () => s.bernoulli(1.5), 'p'],
    ['exponential negative mean', () => s.exponential(-1), 'mean'],
    ['exponential zero mean', () => s.exponential(0), 'mean'],
    ['exponential NaN mean', () => s.exponential(Number.NaN), 'mean'],
    ['normal sd < 0', () => s.normal(0, -1), 'sd'],
    ['normal infinite mean', () => s.normal(Number.POSITIVE_INFINITY, 1), 'mean'],
    ['lognormal sigma NaN', () => s.lognormal(0, Number.NaN), 'sigma'],
    ['pareto scale 0', () => s.pareto(0, 2), 'scale'],
    ['pareto shape < 0', () => s.pareto(1, -2), 'shape'],
    ['weibull shape 0', () => s.weibull(1, 0), 'shape'],
    ['poisson negative', () => s.poisson(-0.1), 'mean'],
    ['weights all zero', () => s.weightedIndex([0, 0]), 'weights'],
    ['weights empty', () => s.weightedIndex([]), 'weights'],
    ['weight negative', () => s.weightedIndex([1, -1]), 'weights[1]'],
    ['weight NaN', () => s.weightedIndex([1, Number.NaN]), 'weights[1]'],
    ['choice of nothing', () => s.choice([]), 'items'],
    ['choice weights length', () => s.choice([1, 2], [1]), 'weights'],
    ['child with empty name', () => s.stream(''), 'name'],
  ] as const)('%s', (_label, call, parameter) => {
    let caught: unknown;
    try {
      call();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).issues[0]?.path).toBe(parameter);
  });
});

describe('saveState / restoreState', () => {
  it('survives JSON and replays the draws, including a pending normal deviate', () => {
    const s = createRandom(11).stream('state');
    s.normal(0, 1); // leaves the pair's second deviate pending
    const saved = JSON.parse(JSON.stringify(s.saveState()));
    const first = [s.normal(0, 1), s.exponential(2), s.poisson(30)];
    s.restoreState(saved);
    expect([s.normal(0, 1), s.exponential(2), s.poisson(30)]).toEqual(first);
  });

  it('restores into a fresh stream of the same seed and path', () => {
    const s = createRandom(11).stream('state').stream('child');
    for (let i = 0; i < 17; i++) s.next();
    const saved = s.saveState();
    const fresh = createRandom('11').stream('state').stream('child');
    fresh.restoreState(saved);
    expect(fresh.next()).toBe(s.next());
  });

  it("refuses another stream's state or a malformed one", () => {
    const a = createRandom(11).stream('a');
    const b = createRandom(11).stream('b');
    expect(() => b.restoreState(a.saveState())).toThrow(/state\.path/);
    expect(() => createRandom(12).stream('a').restoreState(a.saveState())).toThrow(/state\.seed/);
    const broken = { ...a.saveState(), alea: { c: 1, s0: 2, s1: 0, s2: 0 } };
    expect(() => a.restoreState(broken)).toThrow(/state\.alea\.s0/);
  });
});
