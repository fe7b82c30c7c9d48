import { describe, expect, it } from 'vitest';
import { PRESETS } from './presetCatalog.js';

describe('PRESETS', () => {
  it('has the documented names, Kubernetes first', () => {
    expect(Object.keys(PRESETS)).toEqual([
      'kubernetes',
      'kubernetes-1.36',
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
  });
});
