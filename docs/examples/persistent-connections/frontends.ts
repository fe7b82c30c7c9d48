// The simulation behind lesson 9: frontends calling an API service over persistent connections, which
// kube-proxy balances one connection at a time.
import { createSimulation, type ScenarioInput } from '@berth/cluster';

// #region scenario
export const REPLICAS = 10;
export const FRONTENDS = 5;

/** What the lesson varies. */
export interface ApiOptions {
  /** Persistent connections per frontend; 0 for a new connection (and a new choice) per request. */
  readonly connections: number;
  readonly seed?: number;
  /** Requests one replica works on at once. */
  readonly concurrency?: number;
  readonly horizon?: string;
}

/** Five frontends, each sending 100 requests/s to `api` (ten replicas, 10 ms of work a request). */
export function api({ connections, seed = 1, concurrency = 8, horizon = '10s' }: ApiOptions): ScenarioInput {
  return {
    seed,
    horizon,
    hosts: [{ group: 'node', count: 5, capacity: { cpu: '8', memory: '16Gi' } }],
    images: { 'api:2': { pullTime: '5s' } }, // a new version to roll out, pulled in 5 s
    services: {
      api: {
        replicas: REPLICAS,
        template: { requests: { cpu: '500m', memory: '512Mi' }, image: 'api:1' },
        serving: { concurrency },
      },
    },
    requests: { call: { service: 'api', serviceTime: { dist: 'exponential', mean: '10ms' } } },
    load: Array.from({ length: FRONTENDS }, (_, i) => ({
      name: `frontend-${i}`,
      request: 'call',
      connections,
      arrivals: { process: 'poisson' as const, rate: 100 },
    })),
    network: { propagation: '0s' }, // the replicas are known from the start
  };
}
// #endregion

// #region spread
/** The seeds the spread is averaged over: each draws other connections. */
export const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);

/** Per seed: the busiest replica's requests over the mean, and how many replicas served none. */
export function spread(connections: number): { imbalance: number; idle: number }[] {
  return SEEDS.map((seed) => {
    const { served, imbalance } = createSimulation(api({ connections, seed })).run().traffic().services.api!;
    return { imbalance, idle: Object.values(served).filter((n) => n === 0).length };
  });
}
// #endregion

/** The connection counts per frontend the lesson compares. */
export const CONNECTIONS = [1, 2, 4, 8, 16, 32, 64];

// #region ingress
/**
 * The same frontends, their connections now to an ingress tier (two replicas of a proxy that works
 * 0.2 ms on a request), which sends each request on to `api` with its own balancing policy.
 */
export function throughIngress(scenario: ScenarioInput, balancing: string): ScenarioInput {
  return {
    ...scenario,
    services: {
      ...scenario.services,
      ingress: { replicas: 2, template: { requests: { cpu: '1', memory: '256Mi' } }, serving: { concurrency: 256 } },
    },
    requests: {
      ...scenario.requests,
      edge: {
        service: 'ingress',
        serviceTime: { dist: 'constant', value: '0.2ms' },
        calls: [{ request: 'call', balancing }],
      },
    },
    load: scenario.load!.map((source) => ({ ...source, request: 'edge' })),
  };
}
// #endregion
