import { describe, expect, it } from 'vitest';
import { kubernetes136Scorers, kubernetes136Strategy } from './kubernetes136.js';

describe('kubernetes136Strategy', () => {
  it('lists the v1.36 default score plugins with their weights', () => {
    const named = kubernetes136Scorers().map((s) => [s.scorer.name, s.weight]);
    expect(named).toEqual([
      ['TaintToleration', 3],
      ['NodeAffinity', 2],
      ['PodTopologySpread', 2],
      ['InterPodAffinity', 2],
      ['LeastAllocated', 1],
      ['BalancedAllocationV136', 1],
      ['ImageLocality', 1],
    ]);
    const strategy = kubernetes136Strategy();
    expect(strategy.name).toBe('kubernetes-1.36');
    expect(strategy.preemption).toBe(true);
  });
});
