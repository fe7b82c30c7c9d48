// Lesson 3's cluster and its failover: docs/examples/host-dies.ts runs them, as do the lesson's
// exercise and its plot.
import { type ClusterEvent, createSimulation, type NodeHealthSettings, type ScenarioInput } from '@berth/cluster';

// #region cluster
export const scenario: ScenarioInput = {
  seed: 7,
  hosts: [{ group: 'node', count: 4, capacity: { cpu: '4', memory: '8Gi' } }],
  images: { shop: { pullTime: '20s' } },
  services: {
    shop: {
      replicas: 3,
      template: { requests: { cpu: '1', memory: '1Gi' }, image: 'shop', startup: '5s' },
    },
  },
};
// #endregion

// #region failover
export type Timeline = {
  detected: number;
  evicted: number;
  ready: number;
  crashAt: number;
  events: readonly ClusterEvent[];
};

export function failover(nodeHealth: NodeHealthSettings, input: ScenarioInput = scenario): Timeline {
  const s = createSimulation(input, { nodeHealth });
  s.run('10m');
  const dead = s.container('shop-0')!.host!.name;
  const t0 = s.now;
  s.crashHost(dead);
  s.run('20m');
  const after = (type: ClusterEvent['type']) => s.events().find((e) => e.at >= t0 && e.type === type)!.at - t0;
  const [detected, evicted, ready] = [after('host.state'), after('container.evicted'), after('container.ready')];
  return { detected, evicted, ready, crashAt: t0, events: s.events() };
}
// #endregion
