import type { ContainerSpec } from '../containers/Container.js';
import type { HostSpec } from '../hosts/HostSpec.js';

/**
 * One thing a workload stream makes happen at simulated time `at` (ms): a container submitted, a
 * container ended as a trace says it ended, a host added, resized, removed or restored. Items of one stream come in
 * time order; one earlier than the simulated time it is read at runs at once and is counted `late`.
 */
export type StreamItem =
  | { readonly type: 'submit'; readonly at: number; readonly spec: ContainerSpec }
  | {
      readonly type: 'end';
      readonly at: number;
      readonly container: string;
      /** Why it ended (the trace's event type: `FINISH`, `KILL`, ...); a pending container is withdrawn. */
      readonly reason: string;
    }
  | { readonly type: 'add-host'; readonly at: number; readonly host: HostSpec }
  /** The host fails (as `sim.crashHost`): its containers die, the control plane notices and evicts them. */
  | { readonly type: 'remove-host'; readonly at: number; readonly host: string; readonly reason: string }
  /**
   * A host's allocatable capacity changes (as `sim.resizeHost`; resources not named keep theirs, in
   * Kubernetes notation): what it holds stays bound, even beyond the new capacity.
   */
  | {
      readonly type: 'resize-host';
      readonly at: number;
      readonly host: string;
      readonly capacity: Readonly<Record<string, number | string>>;
    }
  /** One invocation of the scenario's function `function` arrives (as `sim.invokeFunction`). */
  | { readonly type: 'invoke'; readonly at: number; readonly function: string }
  /** A removed host comes back (as `sim.recoverHost`). */
  | { readonly type: 'restore-host'; readonly at: number; readonly host: string }
  /**
   * What the trace itself recorded (its scheduler placed `container` on `host`): the simulation does
   * nothing with it; the source's `applied` hook hears it in time order, to compare with the replay.
   */
  | { readonly type: 'traced'; readonly at: number; readonly container: string; readonly host: string | undefined };
