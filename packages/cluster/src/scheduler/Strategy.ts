import type { chooseDevices, DeviceChooser } from '../gpu/chooseDevices.js';
import type { Filter } from './Filter.js';
import type { Selector } from './Selector.js';

/**
 * A complete, named placement policy: the filters every host must pass, the selector that picks among
 * the feasible hosts, and whether high-priority containers may preempt. What a scenario's
 * `scheduler.strategy` names; kube-scheduler calls it a profile. Its selector keeps per-simulation
 * state (indexes, round-robin positions): build a fresh strategy for each simulation.
 */
export interface Strategy {
  readonly name: string;
  readonly filters: readonly Filter[];
  readonly selector: Selector;
  /** kube-scheduler's DefaultPreemption: evict lower-priority containers when nothing fits. */
  readonly preemption: boolean;
  /** Which GPU devices of the chosen host a container gets; best fit ({@link chooseDevices}) when absent. */
  readonly devices?: DeviceChooser | undefined;
}
