import type { Container } from '../containers/Container.js';
import { chooseDevices } from '../gpu/chooseDevices.js';
import type { Host, HostView } from '../hosts/Host.js';
import type { ClusterState } from '../simulation/ClusterState.js';
import { type Decision, DecisionRecorder } from './Decision.js';
import type { Filter } from './Filter.js';
import type { PlacementRequest } from './PlacementRequest.js';
import type { SelectionContext } from './Selector.js';
import type { Strategy } from './Strategy.js';
import { VerdictCache, type VerdictSlot } from './VerdictCache.js';

/** The outcome of one placement attempt. */
export interface Placement {
  readonly host: Host | null;
  /** Containers to evict so that the container fits (preemption); empty otherwise. */
  readonly victims: readonly Container[];
  /** The GPU devices of `host` the container gets (see {@link Strategy.devices}); null when it asks for none. */
  readonly devices: readonly number[] | null;
}

/**
 * Runs a strategy against the cluster: PreFilter, then the strategy's selector with the filters as its
 * feasibility test, then (when nothing is feasible and the strategy allows it) preemption. Knows
 * nothing about particular plugins: it combines them as data.
 */
export class Scheduler implements SelectionContext {
  recorder: DecisionRecorder | null = null;
  /** Each of the strategy's filters' state, created once: the filters themselves hold none. */
  private readonly states: unknown[];
  /**
   * The first `activeCount` entries are the filters that apply to the current request, and their
   * states at the same positions; written by index, so that no attempt reallocates them.
   */
  private readonly active: Filter[] = [];
  private readonly activeStates: unknown[] = [];
  private activeCount = 0;
  private request: PlacementRequest | null = null;
  /** Bit i set: the strategy's filter i applies to this request (PreFilter kept it). */
  private activeMask = 0;
  /** True when every applicable filter is host-local, so verdicts may be reused. */
  private reusable = false;
  /** The verdicts of earlier attempts, per request kind. Only used while `reusable`. */
  private readonly verdicts = new VerdictCache();
  /** The current request's kind in `verdicts`; set by `prepare` while `reusable`. */
  private slot: VerdictSlot | null = null;

  constructor(
    readonly strategy: Strategy,
    readonly cluster: ClusterState,
  ) {
    this.states = strategy.filters.map((filter) => filter.createState?.());
    strategy.selector.attach?.(cluster);
  }

  /** A host joined: the selector rebuilds its indexes over the larger cluster. */
  hostAdded(): void {
    this.strategy.selector.attach?.(this.cluster);
  }

  /** Tells the selector's indexes that a host changed. */
  hostChanged(host: HostView): void {
    this.strategy.selector.hostChanged?.(host);
  }

  get verdictKey(): number | null {
    return this.reusable ? this.activeMask : null;
  }

  feasible(host: HostView): boolean {
    return this.reason(this.request!, host) === null;
  }

  /** Null when the host passes every active filter, else the first failing one's reason. */
  private runFilters(request: PlacementRequest, host: HostView): string | null {
    const active = this.active;
    const states = this.activeStates;
    const count = this.activeCount;
    for (let i = 0; i < count; i++) {
      const filter = active[i]!;
      const reason = filter.check(request, host, this.cluster, states[i]);
      if (reason !== null) {
        this.recorder?.reject(host.name, filter.name, reason);
        return reason;
      }
    }
    return null;
  }

  /** Chooses a host for `container` (and, with preemption, the victims to evict first). */
  place(container: Container): Placement {
    this.prepare(container);
    const host = this.strategy.selector.select(container, this) as Host | null;
    if (host !== null || !this.strategy.preemption)
      return { host, victims: NO_VICTIMS, devices: this.devicesOn(host, container) };
    return this.preempt(container);
  }

  /** Places `container` as `place` would, recording every host's verdict and scores. */
  explain(container: Container, at: number): { decision: Decision; placement: Placement } {
    const recorder = new DecisionRecorder();
    this.recorder = recorder;
    let placement: Placement;
    try {
      placement = this.place(container);
    } finally {
      this.recorder = null;
    }
    const reasons: Record<string, number> = {};
    for (const v of recorder.hosts) if (v.reason !== null) reasons[v.reason] = (reasons[v.reason] ?? 0) + 1;
    return {
      placement,
      decision: {
        container: container.name,
        at,
        strategy: this.strategy.name,
        hostCount: this.cluster.hosts.length,
        considered: recorder.considered,
        hosts: recorder.hosts,
        winner: placement.host?.name ?? null,
        reasons,
        preempted: placement.victims.map((v) => v.name),
        ...(placement.devices === null ? {} : { devices: placement.devices }),
      },
    };
  }

  /**
   * Why `container` fits nowhere: how many hosts gave each reason. A full scan, for the rejection path
   * only; verdicts the failed attempt just stored (host-local filters) are read, not worked out again.
   */
  rejectionReasons(container: Container): Record<string, number> {
    this.prepare(container);
    const reasons: Record<string, number> = {};
    const request = this.request!;
    // Neighbouring hosts mostly give the same reason: counted in runs, each run added when it ends,
    // so that the keys still come in the order of their first host.
    let last: string | null = null;
    let run = 0;
    for (const host of this.cluster.hosts) {
      const reason = this.reason(request, host);
      if (reason === last) run += 1;
      else {
        if (last !== null) reasons[last] = (reasons[last] ?? 0) + run;
        last = reason;
        run = 1;
      }
    }
    if (last !== null) reasons[last] = (reasons[last] ?? 0) + run;
    return reasons;
  }

  /** The host's verdict as `feasible` reaches it, as a reason: null when it passes. */
  private reason(request: PlacementRequest, host: HostView): string | null {
    const slot = this.slot;
    if (slot === null) return this.runFilters(request, host);
    const id = host.id;
    if (slot.owner[id] === slot.token && slot.version[id] === host.version && slot.state[id] === host.state)
      return slot.reason[id]!;
    const reason = this.runFilters(request, host);
    slot.owner[id] = slot.token;
    slot.version[id] = host.version;
    slot.state[id] = host.state;
    slot.reason[id] = reason;
    return reason;
  }

  private prepare(request: PlacementRequest): void {
    this.request = request;
    const active = this.active;
    const activeStates = this.activeStates;
    const filters = this.strategy.filters;
    const states = this.states;
    let count = 0;
    let mask = 0;
    let hostLocal = filters.length <= 31;
    for (let i = 0; i < filters.length; i++) {
      const filter = filters[i]!;
      const state = states[i];
      if (filter.prepare !== undefined && !filter.prepare(request, this.cluster, state)) continue;
      active[count] = filter;
      activeStates[count] = state;
      count += 1;
      mask |= 1 << i;
      if (filter.hostLocal !== true) hostLocal = false;
    }
    this.activeCount = count;
    this.activeMask = mask;
    // With a recorder every verdict's reason is wanted, so nothing is reused.
    this.reusable = hostLocal && this.recorder === null;
    this.slot = this.reusable
      ? this.verdicts.slot(request.requests, request.nonZeroRequests, mask, this.cluster.hosts.length)
      : null;
  }

  /**
   * kube-scheduler's DefaultPreemption, simplified to one pass over the hosts: on each host, remove
   * every lower-priority container; if the container then passes the filters, add victims back from
   * the highest priority down while it still fits. The host is chosen by kube's criteria: lowest
   * highest-victim priority, then smallest sum of victim priorities, then fewest victims, then the
   * earliest host. Victims are evicted at once (no graceful-termination delay).
   */
  private preempt(container: Container): Placement {
    const cluster = this.cluster;
    const recorder = this.recorder;
    this.recorder = null;
    let best: { host: Host; victims: Container[]; top: number; sum: number } | null = null;
    try {
      for (const host of cluster.hosts) {
        if (host.state !== 'ready') continue;
        const lower = [...cluster.containersOn(host)].filter((c) => c.priority < container.priority);
        if (lower.length === 0) continue;
        // Each goes back onto the GPU devices it held, so that trying a host leaves its books as they were.
        const held = new Map(lower.map((c) => [c, c.devices]));
        for (const c of lower) cluster.unbind(c);
        const victims: Container[] = [];
        if (this.feasible(host)) {
          lower.sort((a, b) => b.priority - a.priority || a.id - b.id);
          for (const c of lower) {
            cluster.bind(c, host, held.get(c));
            if (!this.feasible(host)) {
              cluster.unbind(c);
              victims.push(c);
            }
          }
          for (const c of victims) cluster.bind(c, host, held.get(c));
        } else {
          for (const c of lower) cluster.bind(c, host, held.get(c));
        }
        // The trial left the same containers on the host, but its version moved: the selector is told.
        this.hostChanged(host);
        if (victims.length === 0) continue;
        const top = Math.max(...victims.map((v) => v.priority));
        const sum = victims.reduce((s, v) => s + v.priority, 0);
        if (
          best === null ||
          top < best.top ||
          (top === best.top && (sum < best.sum || (sum === best.sum && victims.length < best.victims.length)))
        ) {
          best = { host, victims, top, sum };
        }
      }
    } finally {
      this.recorder = recorder;
    }
    if (best === null) return { host: null, victims: NO_VICTIMS, devices: null };
    // The devices are chosen when the victims are gone (SchedulingLoop binds with null: best fit).
    return { host: best.host, victims: best.victims, devices: null };
  }

  /** The devices the strategy gives `container` on `host`, or null when it asks for none. */
  private devicesOn(host: Host | null, container: Container): readonly number[] | null {
    const gpu = container.gpu;
    if (host === null || gpu === undefined || host.gpus === null) return null;
    return (this.strategy.devices ?? chooseDevices)(host.gpus, gpu, this.cluster.rng, host, container);
  }
}

const NO_VICTIMS: readonly Container[] = [];
