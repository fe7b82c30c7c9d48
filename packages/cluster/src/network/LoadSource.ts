import type { ArrivalProcess, Distribution } from '@berth/kernel';

/** How a load source's requests enter the cluster. */
export type EntryKind =
  /** From inside the cluster, through the service's virtual address (kube-proxy on the client's node). */
  | 'cluster'
  /** To a port on any node; kube-proxy there forwards, possibly to another node (an extra hop). */
  | 'node-port'
  /**
   * Through an external load balancer in front of the nodes: with the service's
   * `externalTrafficPolicy: Cluster` it spreads over every ready node and the node forwards anywhere
   * (an extra hop when the replica is elsewhere); with `Local` only nodes running a replica pass its
   * health check, and the node serves from its own replicas only.
   */
  | 'load-balancer';

/** Closed-loop load: users who send, wait for the answer, think, and send again. */
export interface ClosedLoop {
  readonly count: number;
  /** Time between an answer (or a failure) and the user's next request, ms. */
  readonly thinkTime: Distribution;
}

/** Load from outside the cluster: requests of one type, open loop (an arrival process) or closed loop (clients). */
export interface LoadSource {
  /** Stable name, for metrics and reports. */
  readonly name: string;
  /** The request type sent. */
  readonly request: string;
  /** Open loop: requests arrive per this process whatever happens to earlier ones. */
  readonly arrivals: ArrivalProcess | null;
  /** Closed loop: this many users, each with one request at a time. */
  readonly clients: ClosedLoop | null;
  readonly via: EntryKind;
  /**
   * Persistent connections per client (the open-loop source counts as one client); each is bound to a
   * replica when opened, and requests take the connections in turn. 0: a new connection per request.
   */
  readonly connections: number;
  /** Requests carry a hash key drawn uniformly from this many keys (for consistent hashing); 0: none. */
  readonly keys: number;
}
