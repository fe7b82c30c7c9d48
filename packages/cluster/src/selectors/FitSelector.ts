import type { HostView } from '../hosts/Host.js';
import type { ClusterView } from '../scheduler/ClusterView.js';
import type { PlacementRequest } from '../scheduler/PlacementRequest.js';
import type { SelectionContext, Selector } from '../scheduler/Selector.js';
import { CapacityIndex } from './CapacityIndex.js';
import { LeftoverIndex } from './LeftoverIndex.js';

/** How a fit selector chooses among the hosts a container fits on. */
export type FitMode = 'first' | 'best' | 'worst' | 'round-robin';

/**
 * The classic bin-packing heuristics over an incremental capacity index (no scan of every host):
 * first fit (lowest host position), round robin (first fit from after the previous choice), best fit
 * (least leftover measure) and worst fit (greatest leftover measure). The leftover measure is
 * `Σ_r w_r · (free_r − req_r) / cap_r` over the resources the host has (weights default to 1): the
 * free capacity the placement leaves, each resource as a fraction of the host. Ties go to the earlier
 * host. The full filters confirm every candidate, so labels, taints and anti-affinity still apply.
 * Best fit searches a `LeftoverIndex` (hosts in order of the measure, per capacity shape), or the
 * `CapacityIndex` on fleets of more shapes than that handles; the others search the CapacityIndex.
 */
export class FitSelector implements Selector {
  private index: CapacityIndex | null = null;
  /** Best fit's index, unless the fleet has more host shapes than it handles well. */
  private leftover: LeftoverIndex | null = null;
  private nextStart = 0;
  private context: SelectionContext | null = null;
  private readonly accept = (host: HostView): boolean => this.context!.feasible(host);

  constructor(
    readonly name: string,
    readonly mode: FitMode,
    private readonly weights: Readonly<Record<string, number>> = {},
  ) {}

  attach(cluster: ClusterView): void {
    const w = new Float64Array(cluster.resources.size).fill(1);
    for (const [name, weight] of Object.entries(this.weights)) {
      const i = cluster.resources.indexOf(name);
      if (i < 0) throw new RangeError(`Strategy '${this.name}': unknown resource '${name}' in weights`);
      if (!(weight >= 0)) throw new RangeError(`Strategy '${this.name}': weight of '${name}' must be >= 0`);
      w[i] = weight;
    }
    this.leftover = this.mode === 'best' ? LeftoverIndex.create(cluster.hosts, w) : null;
    this.index = this.leftover === null ? new CapacityIndex(cluster.hosts, w) : null;
  }

  hostChanged(host: HostView): void {
    this.index?.update(host);
    this.leftover?.update(host);
  }

  select(request: PlacementRequest, context: SelectionContext): HostView | null {
    const index = this.index;
    const leftover = this.leftover;
    if (index === null && leftover === null) {
      throw new Error(`Strategy '${this.name}' was used before being attached to a cluster.`);
    }
    const hosts = context.cluster.hosts;
    if (context.recorder !== null) this.record(request, context, (index ?? leftover)!);
    this.context = context;
    let id: number;
    try {
      if (leftover !== null) id = leftover.bestFit(request.requests, this.accept);
      else {
        const tree = index!;
        switch (this.mode) {
          case 'first':
            id = tree.firstFit(request.requests, 0, this.accept);
            break;
          case 'round-robin':
            id = tree.firstFit(request.requests, this.nextStart, this.accept);
            if (id < 0 && this.nextStart > 0) id = tree.firstFit(request.requests, 0, this.accept);
            if (id >= 0) this.nextStart = (id + 1) % Math.max(hosts.length, 1);
            break;
          case 'best':
            id = tree.bestFit(request.requests, false, this.accept);
            break;
          case 'worst':
            id = tree.bestFit(request.requests, true, this.accept);
            break;
        }
      }
    } finally {
      this.context = null;
    }
    return id >= 0 ? hosts[id]! : null;
  }

  /** Explain: every host's verdict and leftover measure, by a plain scan. */
  private record(request: PlacementRequest, context: SelectionContext, index: CapacityIndex | LeftoverIndex): void {
    const recorder = context.recorder!;
    recorder.considered = context.cluster.hosts.length;
    for (const host of context.cluster.hosts) {
      if (!context.feasible(host)) continue;
      const leftover = index.measure(host, request.requests);
      recorder.accept(host.name, { leftover: { raw: leftover, normalized: leftover, weighted: leftover } }, leftover);
    }
  }
}

/** First fit: the first host in declaration order that fits; submitting in decreasing size gives first-fit-decreasing. */
export function firstFit(): FitSelector {
  return new FitSelector('first-fit', 'first');
}

/** Best fit: the feasible host left with the least leftover measure (see {@link FitSelector}). */
export function bestFit(weights?: Readonly<Record<string, number>>): FitSelector {
  return new FitSelector('best-fit', 'best', weights);
}

/** Worst fit: the feasible host left with the most leftover measure: the emptiest host. */
export function worstFit(weights?: Readonly<Record<string, number>>): FitSelector {
  return new FitSelector('worst-fit', 'worst', weights);
}

/** Round robin: the first host that fits, starting after the host chosen last time. */
export function roundRobin(): FitSelector {
  return new FitSelector('round-robin', 'round-robin');
}
