import type { ClusterEvent, ClusterEventType } from '../events/ClusterEvent.js';
import type { ClusterRuntime } from '../simulation/ClusterRuntime.js';

/** A controller's reaction to one event. */
export type EventReaction = (event: ClusterEvent) => void;

/**
 * A control loop of your own, in the spirit of kube-controller-manager's: it watches the cluster
 * through the event log and acts through the runtime's verbs (submit, evict, stop, set host state,
 * drain through `drainHost`...), never through the simulation itself.
 *
 * `start` is called once, when the controller is added to a simulation; it may schedule periodic work
 * on `rt.env`, and returns its reaction to events, if it has one. Reactions are heard in the
 * controller phase, after the simulation's own controllers and before every observer (see EventLog
 * for the order of reaction). Keep per-simulation state inside `start` (a closure or an object made
 * there), so that one controller object may be added to several simulations.
 */
export interface Controller {
  /** A stable name, for logs and reports. */
  readonly name: string;
  /** The event types its reaction hears (default: every type); a controller that names them costs nothing on the others. */
  readonly hears?: readonly ClusterEventType[] | undefined;
  start(rt: ClusterRuntime): EventReaction | undefined;
}
