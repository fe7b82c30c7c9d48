import { createRandom } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import type { EndpointView } from '../LoadBalancingPolicy.js';
import { joinIdleQueue } from './joinIdleQueue.js';

interface Replica extends EndpointView {
  active: number;
}

const views = (active: number[]): Replica[] =>
  active.map((a, i) => ({ name: `web-${i}`, active: a, concurrency: 1, weight: 1 }));

describe('joinIdleQueue', () => {
  it('sends to idle replicas first, in the order they registered, then at random', () => {
    const rng = createRandom(3).stream('balancing');
    const policy = joinIdleQueue();
    const state = policy.createState!();
    const endpoints = views([2, 0, 1, 0]);
    // A new list: the idle replicas (1 and 3) register in list order.
    policy.endpointsChanged!(endpoints, state);
    const send = () => {
      const i = policy.pick(endpoints, 0, rng, state);
      endpoints[i]!.active += 1;
      return i;
    };
    expect([send(), send()]).toEqual([1, 3]);
    // Replica 2 finishes its request, then replica 0 its two: they register in that order.
    endpoints[2]!.active = 0;
    policy.idle!(endpoints[2]!, state);
    endpoints[0]!.active = 0;
    policy.idle!(endpoints[0]!, state);
    expect([send(), send()]).toEqual([2, 0]);
    // Nobody is idle: uniform random among all four.
    const counts = [0, 0, 0, 0];
    for (let k = 0; k < 4000; k++) counts[policy.pick(endpoints, 0, rng, state)]! += 1;
    // Binomial(4000, 1/4): sd ≈ 27; within 4 sd.
    for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThan(110);
  });

  it('registers a replica once, skips one that got work meanwhile, and ignores one no longer listed', () => {
    const rng = createRandom(3).stream('balancing');
    const policy = joinIdleQueue();
    const state = policy.createState!();
    const endpoints = views([1, 1, 1]);
    policy.endpointsChanged!(endpoints, state);
    endpoints[1]!.active = 0;
    policy.idle!(endpoints[1]!, state);
    policy.idle!(endpoints[1]!, state);
    endpoints[2]!.active = 0;
    policy.idle!(endpoints[2]!, state);
    policy.idle!({ name: 'gone', active: 0, concurrency: 1, weight: 1 }, state);
    // Replica 1 was given work by someone else since it registered: skipped.
    endpoints[1]!.active = 1;
    expect(policy.pick(endpoints, 0, rng, state)).toBe(2);
    endpoints[2]!.active = 1;
    // The queue is empty now (replica 1 was registered once, and is gone from it): random.
    const seen = new Set<number>();
    for (let k = 0; k < 100; k++) seen.add(policy.pick(endpoints, 0, rng, state));
    expect([...seen].sort()).toEqual([0, 1, 2]);
  });
});
