// The workload of lesson 12 (docs/examples/cluster-autoscaler.ts and its plot): bursts on an autoscaled node group.
import type { ScenarioInput } from '@berth/cluster';

// #region scenario
/** Four replicas all the time; fourteen for a quarter of an hour every half hour from 0:30 to 3:45. */
export function bursts(clusterAutoscaler: ScenarioInput['clusterAutoscaler'] = {}): ScenarioInput {
  const changes: NonNullable<ScenarioInput['changes']> = [];
  for (let k = 0; k < 7; k++) {
    changes.push({ at: (30 + 30 * k) * 60_000, service: 'web', replicas: 14 });
    changes.push({ at: (45 + 30 * k) * 60_000, service: 'web', replicas: 4 });
  }
  return {
    seed: 3,
    horizon: '4h',
    hosts: [{ group: 'system', count: 1, capacity: { cpu: '4', memory: '16Gi' }, hourlyCost: 0.2 }],
    nodeGroups: [
      {
        name: 'pool',
        template: { capacity: { cpu: '4', memory: '16Gi' } },
        min: 0,
        max: 6,
        hourlyCost: 0.2,
      },
    ],
    clusterAutoscaler,
    services: { web: { replicas: 4, template: { requests: { cpu: '1', memory: '2Gi' } } } },
    changes,
  };
}
// #endregion
