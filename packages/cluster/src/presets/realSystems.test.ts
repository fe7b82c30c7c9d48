import { describe, expect, it } from 'vitest';
import { ResourceCatalog } from '../resources/ResourceCatalog.js';
import { STRATEGIES } from '../scheduler/profileCatalog.js';
import { REAL_SYSTEM_PRESETS } from './realSystems.js';

describe('REAL_SYSTEM_PRESETS', () => {
  const context = {
    config: {
      strategy: 'x',
      queue: 'priority',
      initialBackoff: 1000,
      maxBackoff: 10_000,
      maxUnschedulableWait: 300_000,
    },
    resources: new ResourceCatalog(),
    sampler: undefined,
    scorers: undefined,
    images: new Map(),
  } as const;

  it('has the documented names and is registered in the catalog', () => {
    expect(Object.keys(REAL_SYSTEM_PRESETS)).toEqual([
      'openshift-low-node-utilization',
      'openshift-high-node-utilization',
      'openshift-no-scoring',
      'swarm-spread',
      'swarm-binpack',
      'swarm-random',
      'swarmkit',
      'ecs-binpack-cpu',
      'ecs-binpack-memory',
      'ecs-spread-zone',
      'ecs-spread-instance',
      'ecs-random',
      'ecs-spread-zone-binpack-memory',
      'ecs-spread-zone-spread-instance',
      'nomad-binpack',
      'nomad-spread',
    ]);
    // Registered in the catalog under the same names, alongside the built-in strategies.
    for (const name of Object.keys(REAL_SYSTEM_PRESETS)) expect(STRATEGIES[name]).toBe(REAL_SYSTEM_PRESETS[name]);
  });

  it.each(Object.keys(REAL_SYSTEM_PRESETS))('%s builds a fresh strategy named after its key', (name) => {
    const a = REAL_SYSTEM_PRESETS[name]!(context);
    const b = REAL_SYSTEM_PRESETS[name]!(context);
    expect(a.name).toBe(name);
    expect(a.selector.name).toBe(name);
    expect(a.selector).not.toBe(b.selector);
  });
});
