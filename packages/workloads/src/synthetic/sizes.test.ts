import { constant, createRandom, exponentialDist } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import { boundedParetoDist } from './boundedParetoDist.js';
import { requestMix } from './requestMix.js';
import { requestsFromDistributions } from './requestsFromDistributions.js';

describe('request models and durations', () => {
  it('requestMix draws shapes in proportion to their weights and parses Kubernetes units', () => {
    const mix = requestMix([
      { weight: 3, requests: { cpu: '500m', memory: '1Gi' } },
      { weight: 1, requests: { cpu: '4', memory: '8Gi', gpu: 1 } },
    ]);
    const s = createRandom(1).stream('sizes');
    const draws = Array.from({ length: 4000 }, () => mix.sample(s));
    expect(draws[0]).toEqual(expect.objectContaining({ cpu: expect.any(Number) }));
    const small = draws.filter((d) => d.cpu === 500 && d.memory === 1024).length;
    // Expected 3000, sd √(4000·0.75·0.25) ≈ 27.
    expect(Math.abs(small - 3000)).toBeLessThan(110);
    expect(draws.filter((d) => d.gpu === 1).length).toBe(4000 - small);
    expect(() => requestMix([{ weight: 1, requests: { memory: 'lots' } }])).toThrow(/entries\[0\].requests.memory/);
  });

  it('requestsFromDistributions rounds to whole units with a floor of 1', () => {
    const model = requestsFromDistributions({ cpu: exponentialDist(300), memory: constant(511.6) });
    const s = createRandom(2).stream('sizes');
    for (let i = 0; i < 200; i++) {
      const r = model.sample(s);
      expect(Number.isInteger(r.cpu) && r.cpu! >= 1).toBe(true);
      expect(r.memory).toBe(512);
    }
  });

  it('bounded Pareto stays in bounds and its sample mean matches the formula', () => {
    // α = 1.2 on [1 s, 1 h]: L^α/(1 − (L/H)^α) · α/(α − 1) · (L^(1−α) − H^(1−α))
    //   = 3981.07 / (1 − 5.4e-5) · 6 · (0.25119 − 0.04883) ≈ 4834 ms.
    const d = boundedParetoDist(1000, 3_600_000, 1.2);
    const s = createRandom(3).stream('durations');
    let sum = 0;
    let min = Number.POSITIVE_INFINITY;
    let max = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const x = d.sample(s);
      sum += x;
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    expect(Math.abs(d.mean - 4834)).toBeLessThan(1);
    expect(Math.abs(sum / n - d.mean) / d.mean).toBeLessThan(0.05);
    expect(min).toBeGreaterThanOrEqual(1000);
    expect(max).toBeLessThanOrEqual(3_600_000);
    // Heavy tail: some draws are hundreds of times the minimum.
    expect(max).toBeGreaterThan(300_000);
    expect(boundedParetoDist(1, Math.E, 1).mean).toBeCloseTo(Math.E / (Math.E - 1), 10);
  });
});
