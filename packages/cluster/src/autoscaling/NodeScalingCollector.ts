import type { ClusterEvent, ClusterEventType } from '../events/ClusterEvent.js';
import type { ClusterRuntime } from '../simulation/ClusterRuntime.js';

/** One scaling decision, as the report lists it. */
export interface ScalingAction {
  readonly at: number;
  /** The event's type: `nodegroup.scaledUp`, `nodegroup.scaledDown`, `provisioner.disrupted`, ... */
  readonly type: string;
  /** The node group or provisioner. */
  readonly group: string;
  /** The hosts it concerns. */
  readonly hosts: readonly string[];
  readonly reason: string;
}

/** Host-hours and money of one group of hosts (a node group, a provisioner, or a static `hosts` group). */
export interface GroupCost {
  readonly hostHours: number;
  readonly cost: number;
  readonly launched: number;
  readonly removed: number;
}

/** What node autoscaling did over a run: hosts over time, every scaling decision with its reason, and the cost. */
export interface NodeScalingReport {
  /** Hosts joined and not removed, after each change: `[time ms, hosts]`. */
  readonly hosts: ReadonlyArray<readonly [number, number]>;
  readonly peakHosts: number;
  readonly finalHosts: number;
  /** Nodes launched by an autoscaler (billed from launch), launches that failed, nodes removed. */
  readonly launched: number;
  readonly launchFailed: number;
  readonly removed: number;
  readonly scaleUps: number;
  readonly scaleDowns: number;
  readonly scaleDownFailures: number;
  readonly consolidations: number;
  /** Hours of every host billed (from launch, or from joining for static hosts, to removal or now). */
  readonly hostHours: number;
  /** hostHours weighted by each host's hourly cost. */
  readonly cost: number;
  readonly groups: Readonly<Record<string, GroupCost>>;
  readonly actions: readonly ScalingAction[];
}

const HEARS: readonly ClusterEventType[] = [
  'host.added',
  'node.launched',
  'node.launchFailed',
  'node.removed',
  'nodegroup.scaledUp',
  'nodegroup.scaledDown',
  'nodegroup.scaleDownFailed',
  'provisioner.disrupted',
];

const MS_PER_HOUR = 3_600_000;

interface Billing {
  readonly group: string;
  readonly hourlyCost: number;
  readonly from: number;
  to: number;
}

/**
 * Watches node autoscaling through the event log: the hosts in the cluster after each join or
 * removal, every scale-up, scale-down and consolidation with its reason, and what the hosts cost. A
 * node launched by an autoscaler is billed from its launch (`node.launched`: a cloud bills an instance
 * while it boots) until it is removed or its launch fails; a scenario's static hosts from joining to now.
 * Create it before `run` with {@link collectNodeScaling}; read it with `report()` at any time.
 */
export class NodeScalingCollector {
  private readonly billing = new Map<string, Billing>();
  private readonly series: Array<readonly [number, number]> = [];
  private readonly actions: ScalingAction[] = [];
  private hostsNow = 0;
  private peak = 0;
  private launched = 0;
  private launchFailed = 0;
  private removed = 0;
  private scaleUps = 0;
  private scaleDowns = 0;
  private scaleDownFailures = 0;
  private consolidations = 0;
  /** Hosts whose joining was counted. */
  private readonly seen = new Set<string>();
  /** Launches and removals per group. */
  private readonly counts = new Map<string, { launched: number; removed: number }>();

  constructor(private readonly rt: ClusterRuntime) {
    for (const host of rt.cluster.hosts) this.seen.add(host.name);
    for (const host of rt.cluster.hosts) this.joined(host.name, host.group, host.hourlyCost, rt.now);
    rt.log.subscribe(this.hear, HEARS);
  }

  private joined(host: string, group: string, hourlyCost: number, at: number): void {
    if (!this.billing.has(host)) this.billing.set(host, { group, hourlyCost, from: at, to: Number.NaN });
    this.hostsNow += 1;
    if (this.hostsNow > this.peak) this.peak = this.hostsNow;
    this.point(at);
  }

  private point(at: number): void {
    const last = this.series.at(-1);
    if (last !== undefined && last[0] === at) this.series[this.series.length - 1] = [at, this.hostsNow];
    else this.series.push([at, this.hostsNow]);
  }

  private readonly hear = (e: ClusterEvent): void => {
    switch (e.type) {
      case 'node.launched':
        this.launched += 1;
        this.count(e.group).launched += 1;
        this.billing.set(e.host, { group: e.group, hourlyCost: e.hourlyCost, from: e.at, to: Number.NaN });
        break;
      case 'host.added': {
        if (this.seen.has(e.host)) break;
        this.seen.add(e.host);
        const host = this.rt.cluster.hostsByName.get(e.host);
        this.joined(e.host, e.group, host?.hourlyCost ?? 0, e.at);
        break;
      }
      case 'node.launchFailed':
        this.launchFailed += 1;
        this.stopBilling(e.host, e.at);
        break;
      case 'node.removed':
        this.removed += 1;
        this.count(e.group).removed += 1;
        this.stopBilling(e.host, e.at);
        this.hostsNow -= 1;
        this.point(e.at);
        break;
      case 'nodegroup.scaledUp':
        this.scaleUps += 1;
        this.actions.push({ at: e.at, type: e.type, group: e.group, hosts: e.hosts, reason: e.reason });
        break;
      case 'nodegroup.scaledDown':
        this.scaleDowns += 1;
        this.actions.push({
          at: e.at,
          type: e.type,
          group: e.group,
          hosts: [e.host],
          reason: `${e.reason}: utilization ${e.utilization.toFixed(2)}, unneeded for ${Math.round(e.unneededForMs / 1000)} s`,
        });
        break;
      case 'nodegroup.scaleDownFailed':
        this.scaleDownFailures += 1;
        this.actions.push({ at: e.at, type: e.type, group: e.group, hosts: [e.host], reason: e.reason });
        break;
      case 'provisioner.disrupted':
        this.consolidations += 1;
        this.actions.push({
          at: e.at,
          type: e.type,
          group: this.billing.get(e.host)?.group ?? '',
          hosts: e.replacement === null ? [e.host] : [e.host, e.replacement],
          reason: `${e.reason}: ${e.action}${e.replacement === null ? '' : ` with ${e.replacement}`}`,
        });
        break;
      default:
    }
  };

  private count(group: string): { launched: number; removed: number } {
    let c = this.counts.get(group);
    if (c === undefined) {
      c = { launched: 0, removed: 0 };
      this.counts.set(group, c);
    }
    return c;
  }

  private stopBilling(host: string, at: number): void {
    const b = this.billing.get(host);
    if (b !== undefined && Number.isNaN(b.to)) b.to = at;
  }

  /** The figures so far (hosts still up are billed to now). */
  report(): NodeScalingReport {
    const now = this.rt.now;
    const groups: Record<string, { hostHours: number; cost: number; launched: number; removed: number }> = {};
    const groupNamed = (name: string) => {
      let g = groups[name];
      if (g === undefined) {
        g = { hostHours: 0, cost: 0, launched: 0, removed: 0 };
        groups[name] = g;
      }
      return g;
    };
    let hostHours = 0;
    let cost = 0;
    for (const b of this.billing.values()) {
      const hours = ((Number.isNaN(b.to) ? now : b.to) - b.from) / MS_PER_HOUR;
      hostHours += hours;
      cost += hours * b.hourlyCost;
      const g = groupNamed(b.group);
      g.hostHours += hours;
      g.cost += hours * b.hourlyCost;
    }
    for (const [group, c] of this.counts) {
      const g = groupNamed(group);
      g.launched = c.launched;
      g.removed = c.removed;
    }
    return {
      hosts: [...this.series],
      peakHosts: this.peak,
      finalHosts: this.hostsNow,
      launched: this.launched,
      launchFailed: this.launchFailed,
      removed: this.removed,
      scaleUps: this.scaleUps,
      scaleDowns: this.scaleDowns,
      scaleDownFailures: this.scaleDownFailures,
      consolidations: this.consolidations,
      hostHours,
      cost,
      groups,
      actions: [...this.actions],
    };
  }
}

/** Starts watching node autoscaling in `rt` (before `run`); see {@link NodeScalingCollector}. */
export function collectNodeScaling(rt: ClusterRuntime): NodeScalingCollector {
  return new NodeScalingCollector(rt);
}
