import type { RandomStream } from '@berth/kernel';

/** What a balancing policy sees of one endpoint (a ready replica, as the data plane knows it). */
export interface EndpointView {
  /** The replica's container name. */
  readonly name: string;
  /** Requests sent to it and not answered yet: in service or waiting in its queue. */
  readonly active: number;
  /** Requests it may serve at once. */
  readonly concurrency: number;
  /** Relative capacity for weighted policies (1 unless configured). */
  readonly weight: number;
}

/** True when every endpoint has the same weight (weighted policies then take their plain forms, as Envoy's do). */
export function equalWeights(endpoints: readonly EndpointView[]): boolean {
  for (let i = 1; i < endpoints.length; i++) if (endpoints[i]!.weight !== endpoints[0]!.weight) return false;
  return true;
}

/**
 * Picks the endpoint for each request (or each new connection): a load-balancing policy such as
 * kube-proxy's random choice, round robin or Envoy's least request. A plain object holding only its
 * configuration; what it remembers between picks (a rotation, a hash ring) lives in the state it
 * creates, one per service it balances, so one policy object may serve many services and simulations.
 */
export interface LoadBalancingPolicy<State = undefined> {
  /** Stable name, as scenarios and reports use it. */
  readonly name: string;
  /** Makes the policy's state for one service. */
  createState?(): State;
  /** The data plane's endpoint list changed (same array, new contents); rebuild what depends on it. */
  endpointsChanged?(endpoints: readonly EndpointView[], state: State): void;
  /**
   * The index of the chosen endpoint in `endpoints` (never empty). `key` is the request's hash key
   * (for consistent hashing; 0 when the request has none); `rng` is the service's balancing stream.
   * A shared-queue policy returns -1 when no endpoint has a free slot (the request keeps waiting).
   */
  pick(endpoints: readonly EndpointView[], key: number, rng: RandomStream, state: State): number;
  /**
   * The endpoint has just finished its last active request (it is idle now). Called for endpoints of
   * the list last given to `endpointsChanged`, and possibly for one that has since left it (ignore
   * those). For policies that learn of idle replicas as they free up, such as join-idle-queue.
   */
  idle?(endpoint: EndpointView, state: State): void;
  /**
   * True for a single shared queue in front of every replica (the M/M/c queue): requests wait at the
   * balancer and each goes to the first replica with a free slot; `pick` then chooses among the free ones.
   */
  readonly sharedQueue?: boolean;
}
