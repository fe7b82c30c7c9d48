import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveCount } from '../controllers/DeploymentController.js';
import type { ClusterEvent } from '../events/ClusterEvent.js';
import { createSimulation } from '../simulation/Simulation.js';

/** The host the control plane runs on: tainted, so no workload lands there (Karpenter itself needs a node). */
const CONTROL_PLANE = {
  name: 'control',
  capacity: { cpu: '2', memory: '4Gi' },
  taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' as const }],
};

const budget = fc.record({
  nodes: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom('10%', '25%', '50%')),
  reasons: fc.option(fc.subarray(['Empty', 'Underutilized'] as const, { minLength: 1 }), { nil: undefined }),
});

describe('node provisioner properties', () => {
  it('never has more hosts under disruption than its budgets allow', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.array(budget, { minLength: 0, maxLength: 3 }),
        fc.array(fc.record({ replicas: fc.integer({ min: 1, max: 30 }), later: fc.integer({ min: 0, max: 10 }) }), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.constantFrom('0s', '30s', '2m'),
        // At $0.35 one large host is cheaper than four small ones: multi-node replacements happen.
        fc.constantFrom(0.35, 0.45),
        (seed, budgets, services, consolidateAfter, largePrice) => {
          let members = 0;
          const disrupting = new Set<string>();
          // A replacement and the hosts it replaces (several for a multi-node consolidation).
          const replacing = new Map<string, string[]>();
          const problems: string[] = [];
          const limit = (reason: 'Empty' | 'Underutilized') => {
            // No budget: Karpenter's default, 10%.
            const list = budgets.length === 0 ? [{ nodes: '10%' as const, reasons: undefined }] : budgets;
            let allowed = Number.POSITIVE_INFINITY;
            for (const b of list) {
              if (b.reasons !== undefined && !b.reasons.includes(reason)) continue;
              allowed = Math.min(allowed, resolveCount(b.nodes, members, Math.ceil));
            }
            return allowed;
          };
          const onEvent = (e: ClusterEvent) => {
            if (e.type === 'host.added' && e.group === 'provisioner') members += 1;
            if (e.type === 'node.removed') {
              members -= 1;
              disrupting.delete(e.host);
            }
            if (e.type === 'node.launchFailed') for (const h of replacing.get(e.host) ?? []) disrupting.delete(h);
            if (e.type === 'provisioner.disrupted') {
              disrupting.add(e.host);
              if (e.replacement !== null)
                replacing.set(e.replacement, [...(replacing.get(e.replacement) ?? []), e.host]);
              if (disrupting.size > limit(e.reason))
                problems.push(`${disrupting.size} disrupted of ${members} at ${e.at} ms (${e.reason})`);
            }
          };
          const sim = createSimulation(
            {
              seed,
              hosts: [CONTROL_PLANE],
              provisioner: {
                instanceTypes: [
                  { name: 'small', capacity: { cpu: '2', memory: '8Gi' }, hourlyCost: 0.1 },
                  { name: 'large', capacity: { cpu: '8', memory: '32Gi' }, hourlyCost: largePrice },
                ],
                consolidateAfter,
                ...(budgets.length === 0 ? {} : { budgets }),
              },
              services: Object.fromEntries(
                services.map((s, i) => [`s${i}`, { replicas: s.replicas, template: { requests: { cpu: '1' } } }]),
              ),
              changes: services.map((s, i) => ({ at: `${20 + 5 * i}m`, service: `s${i}`, replicas: s.later })),
            },
            { onEvent },
          );
          sim.run('90m');
          expect(problems).toEqual([]);
        },
      ),
      { numRuns: 40, seed: 12 },
    );
  });
});
