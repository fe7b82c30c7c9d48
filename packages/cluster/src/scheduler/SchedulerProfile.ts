import type { Filter } from './Filter.js';
import type { Strategy } from './Strategy.js';

/**
 * A complete placement policy: the filters every host must pass, the strategy that picks among the
 * feasible hosts, and whether high-priority containers may preempt. Like a kube-scheduler profile.
 * Profiles hold per-simulation state (indexes, round-robin positions): build a fresh one per simulation.
 */
export interface SchedulerProfile {
  readonly name: string;
  readonly filters: readonly Filter[];
  readonly strategy: Strategy;
  /** kube-scheduler's DefaultPreemption: evict lower-priority containers when nothing fits. */
  readonly preemption: boolean;
}
