import type { PlacementRequest } from '../../scheduler/PlacementRequest.js';
import type { HostTemplate } from '../WhatIfCluster.js';

/** What an expander may read of a node group. */
export interface ExpansionGroup {
  readonly name: string;
  readonly template: HostTemplate;
  readonly hourlyCost: number;
  readonly priority: number;
}

/** One way to scale up: grow `group` by `nodeCount` hosts, which would take `containers`. */
export interface ExpansionOption {
  readonly group: ExpansionGroup;
  readonly nodeCount: number;
  readonly containers: readonly PlacementRequest[];
}

/**
 * Chooses which node group grows when several could take the unschedulable containers:
 * cluster-autoscaler's expander (`expander/expander.go`, its `Filter` interface). It keeps the best
 * options, ties included; a chain of expanders narrows in turn and the cluster autoscaler breaks any
 * tie left at random.
 */
export interface Expander {
  /** The name `--expander` gives it (`least-waste`, `most-pods`, ...). */
  readonly name: string;
  /** The best of `options` (never empty when `options` is not). */
  bestOptions(options: readonly ExpansionOption[]): readonly ExpansionOption[];
}

/** The options whose score is lowest (every one of them on a tie). */
export function lowest(options: readonly ExpansionOption[], score: (o: ExpansionOption) => number): ExpansionOption[] {
  let best: ExpansionOption[] = [];
  let bestScore = Number.POSITIVE_INFINITY;
  for (const o of options) {
    const s = score(o);
    if (s < bestScore) {
      bestScore = s;
      best = [o];
    } else if (s === bestScore) best.push(o);
  }
  return best.length === 0 ? [...options] : best;
}
