import { createSimulation } from '@berth/cluster';
import { describe, expect, it } from 'vitest';
import { borgCellScenario } from './borgCell.js';
import { runBorg } from './runBorg.js';

describe('the Borg-cell benchmark', () => {
  it('builds the cell of three host shapes with its service and batch stream', () => {
    const sim = createSimulation(
      borgCellScenario({ hosts: 100, replicas: 50, batchRate: 10, horizon: 60_000 }, 'first-fit'),
    );
    const groups = new Map<string, number>();
    for (const h of sim.cluster.hosts) groups.set(h.group, (groups.get(h.group) ?? 0) + 1);
    // 8% large, 20% small, the rest standard.
    expect(Object.fromEntries(groups)).toEqual({ std: 72, small: 20, large: 8 });
  });

  it('places everything on every strategy, and counts what it ran', () => {
    for (const strategy of ['first-fit', 'best-fit', 'worst-fit', 'kubernetes']) {
      const run = runBorg({ hosts: 200, replicas: 40, batchRate: 10, horizon: 120_000 }, strategy, 2);
      // 40 replicas and about 1,200 batch tasks in 2 min (Poisson, sd ≈ 35): every one placed at its first try.
      expect(run.placements).toBe(run.submitted);
      expect(run.attempts).toBe(run.placements);
      expect(Math.abs(run.submitted - 40 - 1200)).toBeLessThan(4 * 35);
      expect(run.heap.map((p) => p.at)).toEqual([0, 60_000, 120_000]);
      expect(run.events).toBeGreaterThan(3 * run.placements);
    }
  });
});
