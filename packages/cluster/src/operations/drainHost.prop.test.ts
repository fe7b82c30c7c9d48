import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../simulation/Simulation.js';
import { desiredHealthy } from './DisruptionBudget.js';
import { drainHost } from './drainHost.js';

describe('drainHost properties', () => {
  it('keeps every service at its budget, completes, and leaves the drained host empty and down', () => {
    const budget = fc.oneof(
      fc.integer({ min: 0, max: 5 }).map((n) => ({ minAvailable: n })),
      fc.integer({ min: 1, max: 100 }).map((p) => ({ maxUnavailable: `${p}%` })),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        budget,
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 30 }),
        (replicas, pdb, startupS, pullS) => {
          const floor = Math.min(desiredHealthy(pdb, replicas), replicas - 1);
          const budgets = { web: 'minAvailable' in pdb ? { minAvailable: floor } : pdb };
          const sim = createSimulation({
            seed: 4,
            scheduler: { strategy: 'first-fit' },
            hosts: [{ group: 'node', count: 3, capacity: { cpu: '8', memory: '16Gi' } }],
            images: { web: { pullTime: `${pullS}s` } },
            services: {
              web: { replicas, template: { requests: { cpu: '1' }, image: 'web', startup: `${startupS}s` } },
            },
          }).run('2m');
          let ready = replicas;
          let lowest = replicas;
          sim.log.subscribe((e) => {
            if (e.type === 'container.ready') ready += 1;
            if (e.type === 'container.unready') lowest = Math.min(lowest, --ready);
          });
          const drain = drainHost(sim, 'node-0', { budgets });
          sim.run('1h');
          expect(lowest).toBeGreaterThanOrEqual(Math.min(desiredHealthy(budgets.web, replicas), replicas - 1));
          expect(drain.completedAt).not.toBeNull();
          expect(sim.cluster.containersOn(sim.cluster.hostsByName.get('node-0')!).size).toBe(0);
          expect(sim.cluster.hostsByName.get('node-0')!.state).toBe('down');
          expect(ready).toBe(replicas);
        },
      ),
      { seed: 42, numRuns: 40 },
    );
  });
});
