import { ConfigError, createRandom } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import type { EndpointView } from '../LoadBalancingPolicy.js';
import { leastRequest } from './leastRequest.js';

const views = (active: number[], weights = active.map(() => 1)): EndpointView[] =>
  active.map((a, i) => ({ name: `web-${i}`, active: a, concurrency: 1, weight: weights[i]! }));

/** How often each endpoint is picked over `n` picks, the endpoints unchanged. */
function shares(choices: number, active: number[], n: number): number[] {
  const rng = createRandom(5).stream('balancing');
  const policy = leastRequest({ choices });
  const endpoints = views(active);
  const state = policy.createState!();
  policy.endpointsChanged!(endpoints, state);
  const counts = active.map(() => 0);
  for (let i = 0; i < n; i++) counts[policy.pick(endpoints, 0, rng, state)]! += 1;
  return counts.map((c) => c / n);
}

describe('leastRequest', () => {
  it('with equal weights, takes the less loaded of `choices` endpoints sampled with replacement', () => {
    // One idle endpoint among four busy ones: it is picked unless every sample misses it,
    // 1 − (3/4)^choices: 7/16 for two choices, 37/64 for three. n = 40,000: sd ≤ 0.0025; within 4 sd.
    expect(Math.abs(shares(2, [5, 0, 5, 5], 40_000)[1]! - 7 / 16)).toBeLessThan(0.01);
    expect(Math.abs(shares(3, [5, 0, 5, 5], 40_000)[1]! - 37 / 64)).toBeLessThan(0.01);
  });

  it('with unequal weights, runs the EDF schedule on weight / (active + 1)^bias', () => {
    const rng = createRandom(5).stream('balancing');
    // bias 0: plain weighted round robin, 2 : 1 whatever the load.
    const wrr = leastRequest({ bias: 0 });
    const endpoints = views([9, 0], [2, 1]);
    const s0 = wrr.createState!();
    wrr.endpointsChanged!(endpoints, s0);
    const counts = [0, 0];
    for (let i = 0; i < 300; i++) counts[wrr.pick(endpoints, 0, rng, s0)]! += 1;
    expect(counts).toEqual([200, 100]);
    // bias 1: endpoint 0 weighs 2 / (9 + 1) = 0.2, endpoint 1 weighs 1 / (0 + 1) = 1, so with the
    // loads held still, endpoint 1 is picked five times as often.
    const lr = leastRequest();
    const s1 = lr.createState!();
    lr.endpointsChanged!(endpoints, s1);
    counts.fill(0);
    for (let i = 0; i < 600; i++) counts[lr.pick(endpoints, 0, rng, s1)]! += 1;
    expect(counts).toEqual([100, 500]);
    // bias 2: 2 / 10² = 0.02 against 1: fifty to one.
    const lr2 = leastRequest({ bias: 2 });
    const s2 = lr2.createState!();
    lr2.endpointsChanged!(endpoints, s2);
    counts.fill(0);
    for (let i = 0; i < 5100; i++) counts[lr2.pick(endpoints, 0, rng, s2)]! += 1;
    expect(counts).toEqual([100, 5000]);
  });

  it('rejects choices below 2 and a negative bias, naming the option', () => {
    expect(() => leastRequest({ choices: 1 })).toThrow(ConfigError);
    expect(() => leastRequest({ choices: 1 })).toThrow(/choices/);
    expect(() => leastRequest({ bias: -1 })).toThrow(/bias/);
    expect(() => leastRequest({ bias: Number.NaN })).toThrow(/bias/);
  });
});
