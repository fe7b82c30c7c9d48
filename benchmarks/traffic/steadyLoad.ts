import type { TrafficShape } from './trafficScenario.js';

/** The throughput benchmark's system: replicas, their concurrency, the service time and the utilisation. */
export interface SteadyLoad {
  readonly replicas: number;
  /** Requests one replica works on at once. */
  readonly concurrency: number;
  /** Requests one replica lets wait beyond that. */
  readonly queue: number;
  /** Mean of the exponential service time, ms. */
  readonly serviceTimeMs: number;
  /** Utilisation ρ = arrival rate × mean service time ÷ (replicas × concurrency); below 1 for a steady state. */
  readonly rho: number;
  /** Simulated time before timing starts, ms: replicas start, the data plane syncs, queues fill. */
  readonly warmupMs: number;
  /** Requests the timed part should answer, on average (it runs for this many ÷ the arrival rate). */
  readonly requests: number;
}

/** Poisson arrivals per second that load the replicas to utilisation ρ. */
export function arrivalRate(load: SteadyLoad): number {
  return (load.rho * load.replicas * load.concurrency * 1000) / load.serviceTimeMs;
}

/** Simulated time the timed part covers, ms. */
export function timedMs(load: SteadyLoad): number {
  return (load.requests / arrivalRate(load)) * 1000;
}

/** The scenario shape of a steady load: exponential service times, arrivals until warm-up + timed span. */
export function steadyShape(load: SteadyLoad): TrafficShape {
  return {
    replicas: load.replicas,
    concurrency: load.concurrency,
    queue: load.queue,
    serviceTime: { dist: 'exponential', mean: load.serviceTimeMs },
    rate: arrivalRate(load),
    horizonMs: load.warmupMs + timedMs(load),
  };
}
