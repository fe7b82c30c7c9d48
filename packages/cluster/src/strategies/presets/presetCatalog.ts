import type { StrategyContext, StrategyFactory } from '../StrategyFactory.js';
import { ecsStrategy } from './ecs.js';
import { kubernetesStrategy } from './kubernetes.js';
import { kubernetes136Strategy } from './kubernetes136.js';
import { nomadStrategy } from './nomad.js';
import { openshiftStrategy } from './openshift.js';
import { swarmkitStrategy, swarmStrategy } from './swarm.js';

/**
 * The presets: built-in strategies that reproduce a real orchestrator's placement, by the name a
 * scenario gives in `scheduler.strategy`. `kubernetes` is kube-scheduler's default profile (v1.22 to
 * v1.35) and `kubernetes-1.36` the same with v1.36's BalancedAllocation. The other names are
 * `<system>-<policy>` in kebab case: the system (`openshift`, `swarm`, `swarmkit`, `ecs`, `nomad`),
 * then the system's own name for the policy (OpenShift's profile, Swarm's `--strategy`, Nomad's
 * `scheduler_algorithm`); ECS names list the chained placement strategies in order, each as
 * `<type>[-<field>]` (`ecs-spread-zone-binpack-memory`). SwarmKit has a single policy, so its name is
 * the system's alone. Sources and simplifications are in each preset's doc comment.
 *
 * The scenario's `scheduler.preemption` applies to all. Scored presets (Kubernetes, OpenShift, Nomad)
 * also honour `scheduler.sampling` and `scheduler.scorers`; the ordered ones (Swarm, SwarmKit, ECS)
 * scan every host and ignore them. ECS spreads on the host label `zone` (ECS's
 * `attribute:ecs.availability-zone`).
 */
export const PRESETS: Readonly<Record<string, StrategyFactory>> = {
  kubernetes: (c) => kubernetesStrategy(scoredOptions(c)),
  'kubernetes-1.36': (c) => kubernetes136Strategy(scoredOptions(c)),
  'openshift-low-node-utilization': (c) => openshiftStrategy('LowNodeUtilization', scoredOptions(c)),
  'openshift-high-node-utilization': (c) => openshiftStrategy('HighNodeUtilization', scoredOptions(c)),
  'openshift-no-scoring': (c) => openshiftStrategy('NoScoring', scoredOptions(c)),
  'swarm-spread': (c) => swarmStrategy('spread', { preemption: c.config.preemption }),
  'swarm-binpack': (c) => swarmStrategy('binpack', { preemption: c.config.preemption }),
  'swarm-random': (c) => swarmStrategy('random', { preemption: c.config.preemption }),
  swarmkit: (c) => swarmkitStrategy({ preemption: c.config.preemption }),
  'ecs-binpack-cpu': (c) =>
    ecsStrategy({ strategies: [{ type: 'binpack', field: 'cpu' }], preemption: c.config.preemption }),
  'ecs-binpack-memory': (c) =>
    ecsStrategy({ strategies: [{ type: 'binpack', field: 'memory' }], preemption: c.config.preemption }),
  'ecs-spread-zone': (c) =>
    ecsStrategy({ strategies: [{ type: 'spread', field: 'attribute:zone' }], preemption: c.config.preemption }),
  'ecs-spread-instance': (c) =>
    ecsStrategy({ strategies: [{ type: 'spread', field: 'instanceId' }], preemption: c.config.preemption }),
  'ecs-random': (c) => ecsStrategy({ strategies: [{ type: 'random' }], preemption: c.config.preemption }),
  'ecs-spread-zone-binpack-memory': (c) =>
    ecsStrategy({
      strategies: [
        { type: 'spread', field: 'attribute:zone' },
        { type: 'binpack', field: 'memory' },
      ],
      preemption: c.config.preemption,
    }),
  'ecs-spread-zone-spread-instance': (c) =>
    ecsStrategy({
      strategies: [
        { type: 'spread', field: 'attribute:zone' },
        { type: 'spread', field: 'instanceId' },
      ],
      preemption: c.config.preemption,
    }),
  'nomad-binpack': (c) => nomadStrategy('binpack', scoredOptions(c)),
  'nomad-spread': (c) => nomadStrategy('spread', scoredOptions(c)),
};

function scoredOptions(c: StrategyContext) {
  return { images: c.images, sampler: c.sampler, scorers: c.scorers, preemption: c.config.preemption };
}
