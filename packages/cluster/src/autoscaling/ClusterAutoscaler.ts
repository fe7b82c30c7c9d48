import type { RandomStream } from '@berth/kernel';
import { type Container, isFinished } from '../containers/Container.js';
import type { Controller } from '../controllers/Controller.js';
import type { ClusterEvent, ClusterEventType } from '../events/ClusterEvent.js';
import { drawDuration } from '../failures/durationDistribution.js';
import type { Host } from '../hosts/Host.js';
import type { DisruptionBudgets } from '../operations/DisruptionBudget.js';
import { ReadyReplicas } from '../operations/ReadyReplicas.js';
import { CPU, MEMORY } from '../resources/ResourceCatalog.js';
import { CLUSTER_AUTOSCALER_DEFAULTS, type ClusterAutoscalerConfig } from '../scenario/nodeAutoscalingSchema.js';
import type { ClusterRuntime } from '../simulation/ClusterRuntime.js';
import type { ExpansionOption } from './expanders/Expander.js';
import { EXPANDERS } from './expanders/expanderCatalog.js';
import { launchNode } from './launchNode.js';
import { NodeGroup, type NodeGroupSettings } from './NodeGroup.js';
import { nodeUtilization } from './nodeUtilization.js';
import { removeNode } from './removeNode.js';
import { WhatIfCluster } from './WhatIfCluster.js';
import { spendBudgets, whyUnmovable } from './whyUnmovable.js';

/** Options of {@link clusterAutoscaler}: its node groups, its flags (default: cluster-autoscaler's), the services' budgets. */
export interface ClusterAutoscalerOptions {
  readonly groups: readonly NodeGroupSettings[];
  readonly settings?: Partial<ClusterAutoscalerConfig> | undefined;
  /** PodDisruptionBudgets by service: a node whose containers' budgets forbid moving them is kept. */
  readonly budgets?: DisruptionBudgets | undefined;
}

/**
 * cluster-autoscaler's `PodEvictionHeadroom` (core/scaledown/actuation/drain.go): how long past
 * `--max-graceful-termination-sec` it waits for evicted pods to be gone before the drain fails.
 */
const POD_EVICTION_HEADROOM = 30_000;

/** Who launches and removes the nodes of node groups, in `node.launched` events. */
export const CLUSTER_AUTOSCALER = 'cluster-autoscaler';

/**
 * Kubernetes' cluster autoscaler (kubernetes/autoscaler, `core/static_autoscaler.go` RunOnce) as a
 * controller. Every scan interval (10 s):
 *
 * - **Scale-up.** Containers the scheduler rejected that would not fit on the hosts there are or on
 *   the hosts already launching are unschedulable. For each node group below its max (and not backed
 *   off after a failed launch), a binpacking estimate places them, largest first, on as many empty
 *   hosts of the group's template as needed (the scheduler's filters decide what fits). The expanders
 *   choose among the options (default `least-waste`); a tie left is broken by a seeded draw. The
 *   chosen group grows: `nodegroup.scaledUp`, then a `node.launched` per host, each joining after its
 *   provisioning delay. A loop that scaled up does nothing else.
 * - **Scale-down.** A host of a group above its min is unneeded while its utilisation (the larger of
 *   cpu and memory requests over allocatable) is below the threshold (0.5), every container on it may
 *   move (it has a controller, no `safe-to-evict: 'false'`, its disruption budget allows it) and each
 *   fits on another host, hosts already unneeded excluded. A host unneeded for the unneeded time
 *   (10 min) is removed: empty ones up to 10 at a time, others drained one at a time, never below a
 *   group's min. No removal within 10 min of a scale-up, 3 min of a failed removal (evictions refused
 *   for 2 min, or evicted containers not gone 10 min 30 s after their eviction; each eviction's grace
 *   period is cut to --max-graceful-termination-sec, as evictPod does), or the delay after a
 *   deletion (0: the next loop). A failed removal uncordons the node (`nodegroup.scaleDownFailed`).
 *
 * Every default is cluster-autoscaler's (see CLUSTER_AUTOSCALER_DEFAULTS). A node group's `readiness`
 * keeps a joined host not ready (unschedulable, still counted as coming) that long. Not modelled: balancing similar node groups, the scale-up of
 * several groups in one loop, unready-node handling and the per-pod scale-up delay.
 */
export function clusterAutoscaler(options: ClusterAutoscalerOptions): Controller {
  const settings: ClusterAutoscalerConfig = {
    ...CLUSTER_AUTOSCALER_DEFAULTS,
    expander: [CLUSTER_AUTOSCALER_DEFAULTS.expander],
    ...options.settings,
  };
  return {
    name: CLUSTER_AUTOSCALER,
    hears: HEARS,
    start(rt) {
      return new AutoscalerLoop(rt, options.groups, settings, options.budgets ?? {}).handle;
    },
  };
}

const HEARS: readonly ClusterEventType[] = [
  'placement.rejected',
  'container.scheduled',
  'container.evicted',
  'container.failed',
  'container.succeeded',
  'container.ready',
  'container.unready',
  'host.added',
  'host.state',
  'desired.changed',
];

/** One cluster autoscaler's state in one simulation. */
class AutoscalerLoop {
  private readonly groups: NodeGroup[];
  private readonly groupOf = new Map<string, NodeGroup>();
  /** Containers the scheduler rejected, until they are placed or gone. */
  private readonly unschedulable = new Set<Container>();
  /** Host name → when it was first found unneeded (continuously since). */
  private readonly unneededSince = new Map<string, number>();
  private readonly expanders;
  private readonly ready: ReadyReplicas;
  private readonly tieBreak: RandomStream;
  private readonly provisioning: RandomStream;
  private lastScaleUp = Number.NEGATIVE_INFINITY;
  private lastDeletion = Number.NEGATIVE_INFINITY;
  private lastFailure = Number.NEGATIVE_INFINITY;
  /** Something a scale-down decision depends on changed since the unneeded hosts were last worked out. */
  private dirty = true;
  private drains = 0;

  constructor(
    private readonly rt: ClusterRuntime,
    groups: readonly NodeGroupSettings[],
    private readonly settings: ClusterAutoscalerConfig,
    private readonly budgets: DisruptionBudgets,
  ) {
    this.groups = groups.map((g) => new NodeGroup(g, settings.initialNodeGroupBackoff));
    for (const g of this.groups) this.groupOf.set(g.name, g);
    this.expanders = settings.expander.map((name) => EXPANDERS[name]());
    this.ready = new ReadyReplicas(rt);
    this.tieBreak = rt.random.stream('cluster-autoscaler');
    this.provisioning = rt.random.stream('node-provisioning');
    for (const g of this.groups) for (let i = 0; i < g.settings.initial; i++) this.launch(g, 0);
    rt.env.schedule(settings.scanInterval, this.scan, undefined, { name: CLUSTER_AUTOSCALER });
  }

  readonly handle = (event: ClusterEvent): void => {
    if (event.type === 'placement.rejected') {
      const c = this.rt.container(event.container);
      if (c !== undefined) this.unschedulable.add(c);
    } else this.dirty = true;
  };

  private readonly scan = (): void => {
    const rt = this.rt;
    rt.env.schedule(this.settings.scanInterval, this.scan, undefined, { name: CLUSTER_AUTOSCALER });
    const pending: Container[] = [];
    for (const c of this.unschedulable) {
      if (c.phase === 'pending' && c.host === null && rt.container(c.name) === c) pending.push(c);
      else this.unschedulable.delete(c);
    }
    if (pending.length > 0 && this.scaleUp(pending)) return;
    if (!this.settings.scaleDownEnabled) return;
    this.updateUnneeded();
    const now = rt.now;
    const s = this.settings;
    const cooldown =
      now < this.lastScaleUp + s.scaleDownDelayAfterAdd ||
      now < this.lastFailure + s.scaleDownDelayAfterFailure ||
      now < this.lastDeletion + s.scaleDownDelayAfterDelete;
    if (!cooldown) this.scaleDown();
  };

  /** Grows one node group for `pending`; true when it did. */
  private scaleUp(pending: readonly Container[]): boolean {
    const rt = this.rt;
    // Containers that fit on a host there is, or one already launching, wait for it.
    const now = new WhatIfCluster(rt.resources, this.tieBreak);
    for (const host of rt.cluster.hosts) {
      if (host.state === 'ready' && !this.isRemoving(host.name)) now.addCopy(host, rt.cluster.containersOn(host));
    }
    for (const g of this.groups) for (const name of g.launching) now.addTemplate(name, g.name, g.template);
    const remaining: Container[] = [];
    for (const c of pending) {
      const host = now.firstFit(c);
      if (host === null) remaining.push(c);
      else now.bind(c, host);
    }
    if (remaining.length === 0) return false;

    const options: ExpansionOption[] = [];
    for (const g of this.groups) {
      const option = this.estimate(g, remaining);
      if (option !== null) options.push(option);
    }
    if (options.length === 0) return false;
    let best: readonly ExpansionOption[] = options;
    for (const expander of this.expanders) {
      if (best.length <= 1) break;
      best = expander.bestOptions(best);
    }
    const chosen = best.length === 1 ? best[0]! : best[this.tieBreak.integer(0, best.length)]!;
    const group = this.groupOf.get(chosen.group.name)!;
    const hosts: string[] = [];
    for (let i = 0; i < chosen.nodeCount; i++) hosts.push(this.launch(group, null));
    this.lastScaleUp = rt.now;
    rt.emit({
      at: rt.now,
      type: 'nodegroup.scaledUp',
      group: group.name,
      hosts,
      containers: chosen.containers.length,
      expander: this.settings.expander.join(','),
      reason: `${remaining.length} unschedulable container(s); ${chosen.containers.length} fit on ${chosen.nodeCount} new host(s) of ${group.name} (${options.length} option(s))`,
    });
    return true;
  }

  /**
   * cluster-autoscaler's binpacking estimator for one group: containers sorted by their size relative
   * to the template (cpu fraction + memory fraction, largest first), each placed on the first new host
   * that takes it, else on a further new host while the group may grow. Null when none fits.
   */
  private estimate(group: NodeGroup, containers: readonly Container[]): ExpansionOption | null {
    const rt = this.rt;
    if (rt.now < group.backoffUntil) return null;
    const limit = Math.min(group.settings.max - group.size, this.settings.maxNodesPerScaleUp);
    if (limit <= 0) return null;
    const cap = group.template.capacity;
    const size = (c: Container) =>
      (cap[CPU]! > 0 ? c.requests[CPU]! / cap[CPU]! : 0) + (cap[MEMORY]! > 0 ? c.requests[MEMORY]! / cap[MEMORY]! : 0);
    const sorted = [...containers].sort((a, b) => size(b) - size(a) || a.id - b.id);
    const probe = new WhatIfCluster(rt.resources, this.tieBreak);
    const empty = probe.addTemplate(`${group.name}-template`, group.name, group.template);
    const estimate = new WhatIfCluster(rt.resources, this.tieBreak);
    const placed: Container[] = [];
    for (const c of sorted) {
      let host = estimate.firstFit(c);
      if (host === null) {
        if (estimate.hosts.length >= limit || !probe.fits(c, empty)) continue;
        host = estimate.addTemplate(`${group.name}-new-${estimate.hosts.length}`, group.name, group.template);
        if (!estimate.fits(c, host)) continue;
      }
      estimate.bind(c, host);
      placed.push(c);
    }
    // A host added for a container its spread rules then refused stays empty: it is not asked for.
    let used = 0;
    for (const h of estimate.hosts) if (h.containerCount > 0) used += 1;
    return placed.length === 0 ? null : { group, nodeCount: used, containers: placed };
  }

  /** Works out which hosts are unneeded now, keeping the time each became so. */
  private updateUnneeded(): void {
    if (!this.dirty) return;
    this.dirty = false;
    const rt = this.rt;
    const threshold = this.settings.scaleDownUtilizationThreshold;
    let whatIf: WhatIfCluster | null = null;
    const copies = new Map<string, Host>();
    const unneeded = new Set<string>();
    // Disruptions taken from each service's budget by the hosts found unneeded so far in this pass.
    const spent = new Map<string, number>();
    for (const g of this.groups) {
      let removable = g.sizeAfterRemovals - g.settings.min;
      for (const name of g.members) {
        if (removable <= 0) break;
        if (g.removing.has(name)) continue;
        const host = rt.cluster.hostsByName.get(name)!;
        if (host.state !== 'ready' || nodeUtilization(host) >= threshold) continue;
        const containers = [...rt.cluster.containersOn(host)].filter((c) => !isFinished(c.phase));
        if (whyUnmovable(containers, this.budgets, this.ready, spent) !== null) continue;
        if (containers.length > 0) {
          if (whatIf === null) whatIf = this.copyCluster(copies, unneeded);
          if (!whatIf.moveOff(copies.get(name)!, containers, true)) continue;
        } else if (whatIf !== null) copies.get(name)!.state = 'down';
        spendBudgets(containers, this.budgets, spent);
        unneeded.add(name);
        removable -= 1;
      }
    }
    for (const name of [...this.unneededSince.keys()]) if (!unneeded.has(name)) this.unneededSince.delete(name);
    for (const name of unneeded) if (!this.unneededSince.has(name)) this.unneededSince.set(name, rt.now);
  }

  /** A what-if copy of every ready host not being removed, with its containers. */
  private copyCluster(copies: Map<string, Host>, closed: ReadonlySet<string>): WhatIfCluster {
    const rt = this.rt;
    const whatIf = new WhatIfCluster(rt.resources, this.tieBreak);
    for (const host of rt.cluster.hosts) {
      if (host.state !== 'ready' || this.isRemoving(host.name)) continue;
      const live = [...rt.cluster.containersOn(host)].filter((c) => !isFinished(c.phase));
      const copy = whatIf.addCopy(host, live);
      // Hosts found unneeded earlier in this pass take nothing: they are going.
      if (closed.has(host.name)) copy.state = 'down';
      copies.set(host.name, copy);
    }
    return whatIf;
  }

  /** Removes the hosts unneeded for long enough, within the parallelism limits and the groups' mins. */
  private scaleDown(): void {
    const rt = this.rt;
    const s = this.settings;
    const due: Array<[string, number]> = [];
    for (const [name, since] of this.unneededSince) {
      if (rt.now - since >= s.scaleDownUnneededTime) due.push([name, since]);
    }
    if (due.length === 0) return;
    due.sort((a, b) => a[1] - b[1] || hostId(rt, a[0]) - hostId(rt, b[0]));
    let removing = 0;
    for (const g of this.groups) removing += g.removing.size;
    for (const [name, since] of due) {
      if (removing >= s.maxScaleDownParallelism) break;
      const host = rt.cluster.hostsByName.get(name)!;
      const group = this.groupOf.get(host.group)!;
      if (group.sizeAfterRemovals <= group.settings.min || host.state !== 'ready') continue;
      const empty = rt.cluster.containersOn(host).size === 0;
      if (!empty && this.drains >= s.maxDrainParallelism) continue;
      this.remove(group, host, empty, since);
      removing += 1;
    }
  }

  private remove(group: NodeGroup, host: Host, empty: boolean, since: number): void {
    const rt = this.rt;
    group.removing.add(host.name);
    this.unneededSince.delete(host.name);
    if (!empty) this.drains += 1;
    this.lastDeletion = rt.now;
    this.dirty = true;
    rt.emit({
      at: rt.now,
      type: 'nodegroup.scaledDown',
      group: group.name,
      host: host.name,
      reason: empty ? 'empty' : 'underutilized',
      utilization: nodeUtilization(host),
      unneededForMs: rt.now - since,
    });
    const limits = {
      evictionMs: this.settings.maxPodEvictionTime,
      terminationMs: this.settings.maxGracefulTermination + POD_EVICTION_HEADROOM,
      // evictPod (core/scaledown/actuation/drain.go): `if maxTermination > 0 && termination > maxTermination`.
      gracePeriodMs:
        this.settings.maxGracefulTermination > 0 ? this.settings.maxGracefulTermination : Number.POSITIVE_INFINITY,
    };
    removeNode(rt, host.name, group.name, this.budgets, limits, (removed, why) => {
      group.removing.delete(host.name);
      if (!empty) this.drains -= 1;
      this.dirty = true;
      if (removed) {
        group.members.delete(host.name);
        return;
      }
      this.lastFailure = rt.now;
      rt.emit({
        at: rt.now,
        type: 'nodegroup.scaleDownFailed',
        group: group.name,
        host: host.name,
        reason: why,
      });
    });
  }

  /** Launches one host of `group` (after `delay` ms, or a draw from its provisioning distribution); returns its name. */
  private launch(group: NodeGroup, delay: number | null): string {
    const rt = this.rt;
    const name = `${group.name}-${group.next++}`;
    group.launching.add(name);
    const delayMs =
      delay ??
      drawDuration(
        group.settings.provisioning,
        this.provisioning.stream(name),
        `nodeGroups.${group.name}.provisioning`,
        rt.env,
      );
    launchNode(
      rt,
      {
        name,
        group: group.name,
        template: group.template,
        hourlyCost: group.hourlyCost,
        by: CLUSTER_AUTOSCALER,
        delayMs,
        maxProvisionTimeMs: group.settings.maxProvisionTimeMs,
        readinessMs: group.settings.readinessMs,
      },
      () => {
        group.launching.delete(name);
        group.members.add(name);
        group.backoffMs = this.settings.initialNodeGroupBackoff;
      },
      () => {
        group.launching.delete(name);
        group.backoffUntil = rt.now + group.backoffMs;
        group.backoffMs = Math.min(group.backoffMs * 2, this.settings.maxNodeGroupBackoff);
      },
    );
    return name;
  }

  private isRemoving(name: string): boolean {
    for (const g of this.groups) if (g.removing.has(name)) return true;
    return false;
  }
}

function hostId(rt: ClusterRuntime, name: string): number {
  return rt.cluster.hostsByName.get(name)?.id ?? -1;
}
