// Lesson 2's cluster and service: docs/examples/scheduling.ts places them, as does the lesson's exercise.
import type { ScenarioInput } from '@berth/cluster';

// #region cluster
export const scenario: ScenarioInput = {
  seed: 1,
  hosts: [
    { name: 'small-a', capacity: { cpu: '2', memory: '4Gi' }, labels: { zone: 'a' } },
    { name: 'large-a', capacity: { cpu: '8', memory: '32Gi' }, labels: { zone: 'a' } },
    { name: 'medium-b', capacity: { cpu: '4', memory: '16Gi' }, labels: { zone: 'b' } },
    {
      name: 'gpu-b',
      capacity: { cpu: '8', memory: '32Gi', gpu: 1 },
      labels: { zone: 'b' },
      taints: [{ key: 'gpu', value: 'true', effect: 'NoSchedule' }],
    },
  ],
  containers: [
    // A database pinned to large-a (like a pod with nodeName set): the scheduler is bypassed.
    { name: 'db', requests: { cpu: '4', memory: '8Gi' }, host: 'large-a' },
    // A batch report that asks for more CPU than any untainted host has free.
    { name: 'report', requests: { cpu: '6', memory: '8Gi' }, at: '90s' },
  ],
};
// #endregion

// #region web
export const web = {
  replicas: 3,
  template: {
    requests: { cpu: '1', memory: '2Gi' },
    // At most one more replica in one zone than in the other.
    spread: [{ topologyKey: 'zone', maxSkew: 1 }],
  },
};
// #endregion
