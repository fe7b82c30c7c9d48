import type { BalancingPolicy } from './BalancingPolicy.js';
import { leastRequest } from './policies/leastRequest.js';
import { randomPolicy } from './policies/randomPolicy.js';
import { roundRobinPolicy } from './policies/roundRobinPolicy.js';
import { sharedQueue } from './policies/sharedQueue.js';

/** Makes a balancing policy for one service. */
export type BalancingPolicyFactory = () => BalancingPolicy<unknown>;

/** The balancing policies a scenario's `serving.balancing` can name. */
export const BALANCING_POLICIES: Readonly<Record<string, BalancingPolicyFactory>> = {
  random: randomPolicy,
  'round-robin': roundRobinPolicy as BalancingPolicyFactory,
  'least-request': () => leastRequest(),
  'shared-queue': sharedQueue,
};
