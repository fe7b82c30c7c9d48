import type { HostView } from '../hosts/Host.js';
import type { ClusterView } from './ClusterView.js';
import type { DecisionRecorder } from './Decision.js';
import type { PlacementRequest } from './PlacementRequest.js';

/** What the scheduler lends a selector for one placement attempt. */
export interface SelectionContext {
  readonly cluster: ClusterView;
  /** Runs every active filter on the host; true when it passes. Records rejections when explaining. */
  feasible(host: HostView): boolean;
  /** Non-null while explaining: the selector records each host it looked at. */
  readonly recorder: DecisionRecorder | null;
  /**
   * Non-null when every filter that applies to this attempt is host-local (see `Filter.hostLocal`): the
   * verdict on a host is then fixed by this key, the container's request vectors and the host's
   * `version` and state, so a selector may reuse it while those are unchanged. Null (or absent) when a
   * verdict must be asked for each time.
   */
  readonly verdictKey?: number | null | undefined;
}

/**
 * Picks a host for a container among those passing the filters: the part of a strategy that differs
 * between first-fit, bin-packing, spreading and the real systems' scoring (kube-scheduler's scheduling
 * cycle over its Score plugins). Returns null when no host is feasible. A selector may keep indexes
 * over the hosts, so it belongs to one simulation; the scheduler tells it when a host changes.
 */
export interface Selector {
  readonly name: string;
  select(request: PlacementRequest, context: SelectionContext): HostView | null;
  /** Called before the first placement with every host, and again whenever a host joins. */
  attach?(cluster: ClusterView): void;
  /** Called after a host's allocation or state changed. */
  hostChanged?(host: HostView): void;
}
