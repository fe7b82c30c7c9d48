import { createRandom } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import type { EndpointView } from '../LoadBalancingPolicy.js';
import { weightedRoundRobin } from './weightedRoundRobin.js';

const rng = createRandom(1).stream('balancing');
const views = (weights: number[]): EndpointView[] =>
  weights.map((weight, i) => ({ name: `web-${i}`, active: 0, concurrency: 1, weight }));

function picks(endpoints: EndpointView[], count: number): number[] {
  const policy = weightedRoundRobin();
  const state = policy.createState!();
  policy.endpointsChanged!(endpoints, state);
  return Array.from({ length: count }, () => policy.pick(endpoints, 0, rng, state));
}

describe('weightedRoundRobin', () => {
  it('with equal weights (every endpoint in a scenario), is round robin', () => {
    expect(picks(views([1, 1, 1]), 7)).toEqual([0, 1, 2, 0, 1, 2, 0]);
  });

  it('spreads by weight, exactly over a whole cycle, interleaved within it', () => {
    const endpoints = views([1, 4, 2]);
    const seen = picks(endpoints, 700);
    const counts = [0, 0, 0];
    for (const i of seen) counts[i]! += 1;
    expect(counts).toEqual([100, 400, 200]);
    // Each cycle of 7 picks gives 1, 4 and 2: the EDF schedule keeps every cycle in proportion.
    for (let c = 0; c < 100; c++) {
      const cycle = seen.slice(7 * c, 7 * c + 7).sort();
      expect(cycle).toEqual([0, 1, 1, 1, 1, 2, 2]);
    }
    // Interleaved: the heaviest endpoint never gets more than two picks in a row.
    expect(seen.join('')).not.toContain('111');
  });

  it('starts over when the endpoints change', () => {
    const policy = weightedRoundRobin();
    const state = policy.createState!();
    const endpoints = views([1, 3]);
    policy.endpointsChanged!(endpoints, state);
    for (let i = 0; i < 5; i++) policy.pick(endpoints, 0, rng, state);
    endpoints.splice(0, 2, ...views([2, 1, 1]));
    policy.endpointsChanged!(endpoints, state);
    const counts = [0, 0, 0];
    for (let i = 0; i < 400; i++) counts[policy.pick(endpoints, 0, rng, state)]! += 1;
    expect(counts).toEqual([200, 100, 100]);
  });
});
