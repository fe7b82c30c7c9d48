// The simulation behind lesson 7: Poisson requests spread by one balancing policy over replicas that
// serve one request at a time, exponential service; what the clients measured.
import { createSimulation, type ScenarioInput } from '@berth/cluster';

// #region scenario
export const REPLICAS = 10;
export const MEAN_SERVICE_MS = 10; // μ = 100 requests/s per replica

/** `replicas` replicas behind `policy`, offered Poisson requests at utilisation `load` for `seconds`. */
export function balancing(policy: string, load: number, replicas = REPLICAS, seconds = 100): ScenarioInput {
  return {
    seed: 7,
    horizon: `${seconds}s`,
    hosts: [{ group: 'node', count: 1, capacity: { cpu: '128', memory: '256Gi' } }],
    services: {
      web: {
        replicas,
        template: { requests: { cpu: '1', memory: '1Gi' } },
        serving: { concurrency: 1, queue: 1_000_000, balancing: policy },
      },
    },
    requests: { get: { service: 'web', serviceTime: { dist: 'exponential', mean: `${MEAN_SERVICE_MS}ms` } } },
    load: [
      {
        name: 'users',
        request: 'get',
        arrivals: { process: 'poisson', rate: (load * replicas * 1000) / MEAN_SERVICE_MS },
      },
    ],
    network: { propagation: '0s' }, // endpoints known at once: this lesson is about queues, not discovery
  };
}
// #endregion

// #region measure
/** Mean and 99th percentile of the time in system, ms, over every request of the run. */
export function timeInSystem(scenario: ScenarioInput): { mean: number; p99: number } {
  const { latency } = createSimulation(scenario).run().traffic().sources.users!;
  return { mean: latency.mean, p99: latency.p99 };
}
// #endregion

/** The policies the lesson compares, and the loads it runs them at. */
export const POLICIES = ['random', 'round-robin', 'least-request', 'join-shortest-queue', 'shared-queue'] as const;
export const LOADS = [0.1, 0.3, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9];
