import type { ClusterRuntime } from '../simulation/ClusterRuntime.js';

/**
 * A source of faults, as a plain object: `attach` puts its faults on the simulation's agenda (through
 * the simulation's public fault API: crashHost, partitionHost, crashContainer, ...) and returns. A
 * model keeps no state of its own between simulations, so one instance may be attached to several.
 * Models that draw random numbers take them from a named stream of `sim.random`, so that two runs on
 * one seed see the same faults whatever else differs (common random numbers).
 */
export interface FailureModel {
  /** A stable name, for logs and reports. */
  readonly name: string;
  /** Schedules the model's faults on `sim` from `sim.now` on. Throws a ConfigError for arguments that do not fit `sim`. */
  attach(sim: ClusterRuntime): void;
}
