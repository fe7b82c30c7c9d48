import type { Distribution } from '@berth/kernel';
import type { ExpansionGroup } from './expanders/Expander.js';
import type { HostTemplate } from './WhatIfCluster.js';

/** A node group's settings, in the simulation's units (see the scenario's `nodeGroups`). */
export interface NodeGroupSettings {
  readonly name: string;
  readonly template: HostTemplate;
  readonly min: number;
  readonly max: number;
  /** Hosts at the start. */
  readonly initial: number;
  readonly hourlyCost: number;
  /** For the `priority` expander: the highest wins. */
  readonly priority: number;
  /** Time from launch to joining (ms). */
  readonly provisioning: Distribution;
  /** A node not joined after this long counts as failed (ms). */
  readonly maxProvisionTimeMs: number;
  /** From joining to ready (ms); 0 by default. */
  readonly readinessMs?: number | undefined;
}

/**
 * A node group as the cluster autoscaler tracks it (cloudprovider.NodeGroup with its target size):
 * the hosts that joined, those launching, those being removed, and its backoff after a failed launch.
 * Its size, what min and max bound, counts the joined and the launching hosts.
 */
export class NodeGroup implements ExpansionGroup {
  readonly members = new Set<string>();
  readonly launching = new Set<string>();
  readonly removing = new Set<string>();
  /** The number in the next host's name, `<group>-<n>`. */
  next = 0;
  /** No scale-up of this group before this time (a failed launch backs it off). */
  backoffUntil = Number.NEGATIVE_INFINITY;
  /** The next backoff's length (ms): doubles on each failure, back to the initial one on a join. */
  backoffMs: number;

  constructor(
    readonly settings: NodeGroupSettings,
    readonly initialBackoffMs: number,
  ) {
    this.backoffMs = initialBackoffMs;
  }

  get name(): string {
    return this.settings.name;
  }
  get template(): HostTemplate {
    return this.settings.template;
  }
  get hourlyCost(): number {
    return this.settings.hourlyCost;
  }
  get priority(): number {
    return this.settings.priority;
  }

  /** The target size: hosts joined or launching. */
  get size(): number {
    return this.members.size + this.launching.size;
  }

  /** The size once the removals under way are done: what `min` bounds. */
  get sizeAfterRemovals(): number {
    return this.size - this.removing.size;
  }
}
