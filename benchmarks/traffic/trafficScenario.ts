import type { ScenarioInput } from '@berth/cluster';

/** The service behind the balancer, the request type and the load source of the traffic benchmarks. */
export const SERVICE = 'web';
export const REQUEST = 'get';
export const SOURCE = 'users';

/** Replicas per host: each replica asks for 1 cpu of a 16-cpu host. */
const REPLICAS_PER_HOST = 10;

/** Everything the traffic scenario varies. */
export interface TrafficShape {
  /** Replicas behind the balancer. */
  readonly replicas: number;
  /** Requests one replica works on at once. */
  readonly concurrency: number;
  /** Requests one replica lets wait beyond that; more are refused (`queue-full`). */
  readonly queue: number;
  /** A replica's work on one request, as a scenario writes it. */
  readonly serviceTime:
    | { readonly dist: 'exponential'; readonly mean: number }
    | { readonly dist: 'constant'; readonly value: number };
  /** Poisson arrivals per second. */
  readonly rate: number;
  /** No arrival at or after this simulated time, ms. */
  readonly horizonMs: number;
}

/**
 * Open-loop Poisson arrivals of one request type through Envoy's `least-request` (power of two
 * choices) to the replicas of one service. The data plane learns of endpoints at once (`propagation`
 * and `minSyncPeriod` 0), so no request fails while it catches up, and there are no timeouts or
 * retries: every request is a first try, and a run measures the request path alone.
 */
export function trafficScenario(shape: TrafficShape, seed: number): ScenarioInput {
  return {
    name: 'traffic-p2c',
    seed,
    horizon: shape.horizonMs,
    hosts: [
      {
        group: 'node',
        count: Math.ceil(shape.replicas / REPLICAS_PER_HOST),
        capacity: { cpu: '16', memory: '64Gi' },
      },
    ],
    services: {
      [SERVICE]: {
        replicas: shape.replicas,
        template: { requests: { cpu: '1', memory: '1Gi' } },
        serving: { balancing: 'least-request', concurrency: shape.concurrency, queue: shape.queue },
      },
    },
    requests: { [REQUEST]: { service: SERVICE, serviceTime: shape.serviceTime } },
    load: [{ name: SOURCE, request: REQUEST, arrivals: { process: 'poisson', rate: shape.rate } }],
    network: { propagation: 0, minSyncPeriod: 0 },
  };
}
