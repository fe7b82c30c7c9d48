import { describe, expect, it } from 'vitest';
import { bySizeSum, hostsUsed, knownOptimumInstance, PACKING_STRATEGIES } from './knownOptimum.js';

const strategy = (label: string) => PACKING_STRATEGIES.find((s) => s.label === label)!;

describe('vector packing with known optima', () => {
  it.each([2, 3] as const)('%i resources: the items of each instance add up to exactly `optimum` full hosts', (d) => {
    for (const seed of [1, 2, 3]) {
      const instance = knownOptimumInstance(d, 40, seed);
      expect(instance.optimum).toBe(40);
      expect(instance.items.length).toBeGreaterThanOrEqual(80);
      expect(instance.items.length).toBeLessThanOrEqual(240);
      for (let r = 0; r < d; r++) {
        expect(instance.items.reduce((s, item) => s + item[r]!, 0)).toBe(40 * instance.capacity[r]!);
        for (const item of instance.items) expect(item[r]).toBeGreaterThanOrEqual(1);
      }
      // A lower bound no packing beats: FFD by size sum never uses fewer hosts than the optimum.
      expect(hostsUsed(instance, bySizeSum(instance), { strategy: 'first-fit' }, 120)).toBeGreaterThanOrEqual(40);
    }
  });

  // The claim in RESULTS.md and docs/strategies/research.md: on items by decreasing size sum, the best
  // multi-resource strategy (MostAllocated with StrandedResources) uses no more hosts than first-fit (FFD by
  // size sum), in total over the benchmark's seeded instances (40 hosts, seeds 1-10), in 2 and 3 resources.
  it.each([2, 3] as const)(
    '%i resources: MostAllocated + StrandedResources on sorted items uses no more hosts than FFD by size sum',
    (d) => {
      let best = 0;
      let ffd = 0;
      for (let seed = 1; seed <= 10; seed++) {
        const instance = knownOptimumInstance(d, 40, seed);
        const sorted = bySizeSum(instance);
        const scheduler = strategy('MostAllocated + StrandedResources').scheduler(instance.resources);
        best += hostsUsed(instance, sorted, scheduler, 120);
        ffd += hostsUsed(instance, sorted, { strategy: 'first-fit' }, 120);
      }
      expect(best).toBeLessThanOrEqual(ffd);
    },
    300_000,
  );

  // What each strategy does to a cluster, as the strategy pages state it: placed one at a time in
  // arrival order on a pool of 3× the optimum, packers stay within 20 % of the optimum, loose packers
  // within 60 % (and more than 15 % over), spreaders take at least twice the optimum (or strand an item that then fits nowhere).
  const VERDICTS: ReadonlyArray<readonly [string, 'packs' | 'packs loosely' | 'spreads']> = [
    ['first-fit', 'packs'],
    ['best-fit', 'packs'],
    ['worst-fit', 'spreads'],
    ['MostAllocated', 'packs'],
    ['LeastAllocated', 'spreads'],
    ['BalancedAllocation', 'packs loosely'],
    ['DotProductPacking', 'packs'],
    ['DotProductAlignment', 'spreads'],
    ['RequestedToCapacityRatio (packing shape)', 'packs'],
    ['MostAllocated + StrandedResources', 'packs'],
    ['kubernetes', 'spreads'],
    ['swarm-binpack', 'packs'],
    ['nomad-binpack', 'packs loosely'],
  ];
  it('lists a verdict for every strategy of the benchmark', () => {
    expect(VERDICTS.map(([label]) => label)).toEqual(PACKING_STRATEGIES.map((s) => s.label));
  });
  it.each(VERDICTS)('%s %s', (label, verdict) => {
    const instance = knownOptimumInstance(2, 20, 1);
    const used = hostsUsed(instance, instance.items, strategy(label).scheduler(instance.resources), 60);
    if (verdict === 'packs') expect(used).toBeLessThanOrEqual(1.2 * 20);
    else if (verdict === 'packs loosely') {
      expect(used).toBeGreaterThan(1.15 * 20);
      expect(used).toBeLessThanOrEqual(1.6 * 20);
    } else expect(used === -1 || used >= 2 * 20).toBe(true);
  });
});
