import type { LoadBalancingPolicy } from './LoadBalancingPolicy.js';
import { joinIdleQueue } from './policies/joinIdleQueue.js';
import { joinShortestQueue } from './policies/joinShortestQueue.js';
import { leastConnections } from './policies/leastConnections.js';
import { type LeastRequestOptions, leastRequest } from './policies/leastRequest.js';
import { type MaglevOptions, maglev } from './policies/maglev.js';
import { randomPolicy } from './policies/randomPolicy.js';
import { type RingHashOptions, ringHash } from './policies/ringHash.js';
import { roundRobinPolicy } from './policies/roundRobinPolicy.js';
import { sharedQueue } from './policies/sharedQueue.js';
import { weightedRoundRobin } from './policies/weightedRoundRobin.js';

/** Makes a balancing policy for one service. */
export type LoadBalancingPolicyFactory = () => LoadBalancingPolicy<unknown>;

/** Every parameter a built-in policy takes, as the object form of a scenario's `serving.balancing` gives it. */
export interface BalancingOptions extends LeastRequestOptions, RingHashOptions, MaglevOptions {}

/** A built-in balancing policy: how to make it, and which {@link BalancingOptions} it takes. */
export interface BuiltInBalancing {
  /** Makes the policy for one service; options it does not take are ignored, missing ones default. */
  readonly create: (options: BalancingOptions) => LoadBalancingPolicy<unknown>;
  readonly options: ReadonlyArray<keyof BalancingOptions>;
  /** True when it reads endpoint weights (`serving.weights`); the others spread as if all weighed 1. */
  readonly weighted: boolean;
}

/**
 * The balancing policies a scenario's `serving.balancing` can name, by name: as a plain name (with
 * their defaults) or as `{ policy: name, ...options }`.
 */
export const BALANCING_POLICIES: Readonly<Record<string, BuiltInBalancing>> = {
  random: { create: randomPolicy, options: [], weighted: false },
  'round-robin': { create: roundRobinPolicy, options: [], weighted: false },
  'weighted-round-robin': { create: weightedRoundRobin, options: [], weighted: true },
  'least-connections': { create: leastConnections, options: [], weighted: false },
  'least-request': {
    create: ({ choices, bias }) => leastRequest({ choices, bias }),
    options: ['choices', 'bias'],
    weighted: true,
  },
  'join-shortest-queue': { create: joinShortestQueue, options: [], weighted: false },
  'join-idle-queue': { create: joinIdleQueue, options: [], weighted: false },
  'ring-hash': {
    create: ({ minRingSize, maxRingSize }) => ringHash({ minRingSize, maxRingSize }),
    options: ['minRingSize', 'maxRingSize'],
    weighted: false,
  },
  maglev: { create: ({ tableSize }) => maglev({ tableSize }), options: ['tableSize'], weighted: true },
  'shared-queue': { create: sharedQueue, options: [], weighted: false },
};
