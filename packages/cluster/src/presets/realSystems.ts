import type { ProfileFactory } from '../scheduler/profileCatalog.js';
import { ecsProfile } from './ecs.js';
import { nomadProfile } from './nomad.js';
import { openshiftProfile } from './openshift.js';
import { swarmkitProfile, swarmProfile } from './swarm.js';

/**
 * Presets that reproduce other orchestrators' placement, by the name a scenario gives in
 * `scheduler.strategy`. Names are `<system>-<policy>` in kebab case: the system (`openshift`, `swarm`,
 * `swarmkit`, `ecs`, `nomad`), then the system's own name for the policy (OpenShift's profile, Swarm's
 * `--strategy`, Nomad's `scheduler_algorithm`); ECS names list the chained strategies in order, each
 * as `<type>[-<field>]` (`ecs-spread-zone-binpack-memory`). SwarmKit has a single policy, so its name
 * is the system's alone. Sources and simplifications are in each preset's doc comment.
 *
 * The scenario's `scheduler.preemption` applies to all. Scored presets (OpenShift, Nomad) also honour
 * `scheduler.sampling` and `scheduler.scorers`; the ordered ones (Swarm, SwarmKit, ECS) scan every host
 * and ignore them. ECS spreads on the host label `zone` (ECS's `attribute:ecs.availability-zone`).
 */
export const REAL_SYSTEM_PROFILES: Readonly<Record<string, ProfileFactory>> = {
  'openshift-low-node-utilization': (c) => openshiftProfile('LowNodeUtilization', scoredOptions(c)),
  'openshift-high-node-utilization': (c) => openshiftProfile('HighNodeUtilization', scoredOptions(c)),
  'openshift-no-scoring': (c) => openshiftProfile('NoScoring', scoredOptions(c)),
  'swarm-spread': (c) => swarmProfile('spread', { preemption: c.config.preemption }),
  'swarm-binpack': (c) => swarmProfile('binpack', { preemption: c.config.preemption }),
  'swarm-random': (c) => swarmProfile('random', { preemption: c.config.preemption }),
  swarmkit: (c) => swarmkitProfile({ preemption: c.config.preemption }),
  'ecs-binpack-cpu': (c) =>
    ecsProfile({ strategies: [{ type: 'binpack', field: 'cpu' }], preemption: c.config.preemption }),
  'ecs-binpack-memory': (c) =>
    ecsProfile({ strategies: [{ type: 'binpack', field: 'memory' }], preemption: c.config.preemption }),
  'ecs-spread-zone': (c) =>
    ecsProfile({ strategies: [{ type: 'spread', field: 'attribute:zone' }], preemption: c.config.preemption }),
  'ecs-spread-instance': (c) =>
    ecsProfile({ strategies: [{ type: 'spread', field: 'instanceId' }], preemption: c.config.preemption }),
  'ecs-random': (c) => ecsProfile({ strategies: [{ type: 'random' }], preemption: c.config.preemption }),
  'ecs-spread-zone-binpack-memory': (c) =>
    ecsProfile({
      strategies: [
        { type: 'spread', field: 'attribute:zone' },
        { type: 'binpack', field: 'memory' },
      ],
      preemption: c.config.preemption,
    }),
  'ecs-spread-zone-spread-instance': (c) =>
    ecsProfile({
      strategies: [
        { type: 'spread', field: 'attribute:zone' },
        { type: 'spread', field: 'instanceId' },
      ],
      preemption: c.config.preemption,
    }),
  'nomad-binpack': (c) => nomadProfile('binpack', scoredOptions(c)),
  'nomad-spread': (c) => nomadProfile('spread', scoredOptions(c)),
};

function scoredOptions(c: Parameters<ProfileFactory>[0]) {
  return { images: c.images, sampler: c.sampler, scorers: c.scorers, preemption: c.config.preemption };
}
