import { collectAvailability, createSimulation, randomHostFailures } from '@berth/cluster';

/**
 * The part of `@berth/cluster` the benchmark runs call. It is passed in, so that one process can run the
 * same scenario on two builds of the package (the A/B tool in `ab/`); the other benchmarks use
 * {@link CURRENT_CLUSTER}.
 */
export interface ClusterApi {
  readonly createSimulation: typeof createSimulation;
  readonly collectAvailability: typeof collectAvailability;
  readonly randomHostFailures: typeof randomHostFailures;
}

/** This checkout's cluster package, as `@berth/cluster` resolves here. */
export const CURRENT_CLUSTER: ClusterApi = { createSimulation, collectAvailability, randomHostFailures };
