import type { Callback, Distribution, RandomStream } from '@berth/kernel';
import { type Container, isFinished } from '../containers/Container.js';
import type { Controller } from '../controllers/Controller.js';
import { resolveCount } from '../controllers/DeploymentController.js';
import type { ClusterEvent, ClusterEventType } from '../events/ClusterEvent.js';
import { drawDuration } from '../failures/durationDistribution.js';
import type { Host } from '../hosts/Host.js';
import type { Taint } from '../hosts/Taint.js';
import type { DisruptionBudgets } from '../operations/DisruptionBudget.js';
import { ReadyReplicas } from '../operations/ReadyReplicas.js';
import { CPU, MEMORY } from '../resources/ResourceCatalog.js';
import type { ClusterRuntime } from '../simulation/ClusterRuntime.js';
import { launchNode } from './launchNode.js';
import { NO_REMOVAL_LIMITS, removeNode } from './removeNode.js';
import { type HostTemplate, WhatIfCluster } from './WhatIfCluster.js';
import { whyUnmovable } from './whyUnmovable.js';

/** A host type the provisioner may launch: capacity in Berth's units, price per hour. */
export interface InstanceType {
  readonly name: string;
  readonly capacity: Float64Array;
  readonly hourlyCost: number;
  readonly maxContainers: number;
}

/** Why a node is disrupted, as Karpenter's budgets name the reasons. */
export type DisruptionReason = 'Empty' | 'Underutilized';

/** A NodePool disruption budget: at most `nodes` (a count or a percentage of the pool's nodes) disrupted at once. */
export interface NodeDisruptionBudget {
  readonly nodes: number | string;
  /** The reasons it applies to (default: all). */
  readonly reasons?: readonly DisruptionReason[] | undefined;
}

/** Options of {@link nodeProvisioner}, in the simulation's units (ms); see the scenario's `provisioner`. */
export interface NodeProvisionerOptions {
  readonly name: string;
  readonly instanceTypes: readonly InstanceType[];
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly Taint[];
  readonly maxHosts?: number | undefined;
  readonly consolidationPolicy: 'WhenEmpty' | 'WhenEmptyOrUnderutilized';
  readonly consolidateAfter: number | 'Never';
  readonly budgets: readonly NodeDisruptionBudget[];
  readonly validationDelay: number;
  readonly batchIdleDuration: number;
  readonly batchMaxDuration: number;
  readonly disruptionInterval: number;
  readonly provisioning: Distribution;
  readonly maxProvisionTime: number;
  /** From joining to ready (ms): not schedulable, still counted as launching meanwhile. */
  readonly readiness?: number | undefined;
  /** PodDisruptionBudgets by service: a node whose containers' budgets forbid moving them is not disrupted. */
  readonly podBudgets: DisruptionBudgets;
}

/** Who launches and removes the provisioner's nodes, in `node.launched` events. */
export const PROVISIONER = 'provisioner';

/**
 * A Karpenter-like node provisioner (kubernetes-sigs/karpenter: the provisioning and disruption
 * controllers) as a controller.
 *
 * - **Provisioning.** Containers the scheduler rejects are batched until no new one arrives for 1 s or
 *   10 s have passed. Those that fit neither on a host there is nor on one launching are packed,
 *   largest cpu first, into new hosts: each new host keeps the instance types that can still hold all
 *   its containers (resources, container count, and the scheduler's filters on an empty host of the
 *   type), and a container that fits none starts a new host. Each new host is launched as the cheapest
 *   type left (`provisioner.launched`, then `node.launched`).
 * - **Consolidation** (every 10 s). A host is a candidate once no container has arrived on it or left
 *   it for `consolidateAfter`, and every container on it may move. Empty candidates are deleted;
 *   with `WhenEmptyOrUnderutilized` a non-empty candidate (fewest containers first) is deleted when
 *   its containers fit on the other hosts, or replaced when they fit on one new host of a cheaper type.
 *   Before single hosts, multi-node consolidation looks for two or more hosts to remove at once (a
 *   binary search over the candidates in that order, as many as the budget allows, at most 100): their
 *   containers fit on the other hosts, or on them and one new host cheaper than the hosts together.
 *   A command is re-validated after 15 s before it acts (`provisioner.disrupted`, one per host); a
 *   replacement is launched first and the old hosts drained once it joined. The NodePool budgets (default 10% of its
 *   nodes, a percentage rounded up; the most restrictive applies) cap the hosts being disrupted at once.
 *
 * Not modelled: the time limits of the consolidation searches (1 min multi-node, 3 min single-node), spot capacity and interruption, drift and expiry, pod
 * affinity between the containers packed onto one new host, and instance-type requirements beyond
 * labels and taints.
 */
export function nodeProvisioner(options: NodeProvisionerOptions): Controller {
  return {
    name: PROVISIONER,
    hears: HEARS,
    start(rt) {
      return new ProvisionerLoop(rt, options).handle;
    },
  };
}

const HEARS: readonly ClusterEventType[] = [
  'placement.rejected',
  'container.scheduled',
  'container.evicted',
  'container.failed',
  'container.succeeded',
  'host.added',
];

/** A host being planned: its containers, their summed requests, and the types that can still hold them. */
interface Claim {
  readonly containers: Container[];
  readonly sum: Float64Array;
  types: InstanceType[];
}

/** A disruption computed and waiting for its validation: hosts to delete, with at most one replacement. */
interface Command {
  readonly hosts: readonly string[];
  readonly reason: DisruptionReason;
  readonly replacement: InstanceType | null;
}

/** Karpenter's cap on the candidates one multi-node consolidation considers (multinodeconsolidation.go). */
const MULTI_NODE_CANDIDATES = 100;

class ProvisionerLoop {
  private readonly pending = new Set<Container>();
  private batchStart = -1;
  private flushTimer: Callback | null = null;
  private readonly members = new Map<string, InstanceType>();
  private readonly launching = new Map<string, InstanceType>();
  private readonly disrupting = new Set<string>();
  /** Host → last time a container arrived on it or left it (or it joined). */
  private readonly lastChange = new Map<string, number>();
  private next = 0;
  private validating = false;
  /** A container arrived or left somewhere since the last search for an under-used host. */
  private dirty = true;
  /** The candidates (host ids) of the last search that found nothing. */
  private searched = '';
  private readonly ready: ReadyReplicas;
  private readonly rng: RandomStream;
  private readonly provisioningStream: RandomStream;
  /** An empty host per instance type with the pool's labels and taints: do the filters let a container on? */
  private readonly probe: WhatIfCluster;
  private readonly probeHosts: Host[];

  constructor(
    private readonly rt: ClusterRuntime,
    private readonly o: NodeProvisionerOptions,
  ) {
    this.ready = new ReadyReplicas(rt);
    this.rng = rt.random.stream(PROVISIONER);
    this.provisioningStream = rt.random.stream('node-provisioning');
    this.probe = new WhatIfCluster(rt.resources, this.rng);
    this.probeHosts = o.instanceTypes.map((t) => this.probe.addTemplate(t.name, o.name, this.template(t)));
    rt.env.schedule(o.disruptionInterval, this.disrupt, undefined, { name: 'provisioner-disruption' });
  }

  readonly handle = (event: ClusterEvent): void => {
    const rt = this.rt;
    if (event.type === 'placement.rejected') {
      const c = rt.container(event.container);
      if (c === undefined || this.pending.has(c)) return;
      this.pending.add(c);
      // Karpenter's batching window: closes 1 s after the last new pod, 10 s after the first at most.
      const now = rt.now;
      if (this.batchStart < 0) this.batchStart = now;
      const at = Math.min(now + this.o.batchIdleDuration, this.batchStart + this.o.batchMaxDuration);
      if (this.flushTimer === null)
        this.flushTimer = rt.env.schedule(at - now, this.flush, undefined, { name: 'provisioner-batch' });
      else {
        if (this.flushTimer.scheduled) rt.env.cancel(this.flushTimer);
        rt.env.reschedule(this.flushTimer, at - now);
      }
      return;
    }
    this.dirty = true;
    const host = (event as { host?: string | null }).host;
    if (host != null && (this.members.has(host) || this.launching.has(host))) this.lastChange.set(host, rt.now);
  };

  private template(t: InstanceType): HostTemplate {
    return { capacity: t.capacity, maxContainers: t.maxContainers, labels: this.o.labels, taints: this.o.taints };
  }

  /** Ends a batch: launches the cheapest hosts that fit the containers nothing else will take. */
  private readonly flush = (): void => {
    const rt = this.rt;
    this.batchStart = -1;
    const pending: Container[] = [];
    for (const c of this.pending)
      if (c.phase === 'pending' && c.host === null && rt.container(c.name) === c) pending.push(c);
    this.pending.clear();
    if (pending.length === 0) return;
    const whatIf = this.currentCluster();
    const remaining = pending.filter((c) => {
      const host = whatIf.firstFit(c);
      if (host !== null) whatIf.bind(c, host);
      return host === null;
    });
    const claims = this.pack(remaining);
    for (const claim of claims) {
      if (this.o.maxHosts !== undefined && this.members.size + this.launching.size >= this.o.maxHosts) break;
      const type = cheapest(claim.types);
      this.launch(type, claim.containers.length, `${claim.containers.length} pending container(s)`);
    }
  };

  /**
   * Hosts there are (ready, not being disrupted) and hosts launching, as a what-if copy; `copies` gets
   * each by name.
   */
  private currentCluster(copies?: Map<string, Host>): WhatIfCluster {
    const rt = this.rt;
    const whatIf = new WhatIfCluster(rt.resources, this.rng);
    for (const host of rt.cluster.hosts) {
      if (host.state !== 'ready' || this.disrupting.has(host.name)) continue;
      const copy = whatIf.addCopy(host, this.live(host));
      copies?.set(host.name, copy);
    }
    for (const [name, type] of this.launching) whatIf.addTemplate(name, this.o.name, this.template(type));
    return whatIf;
  }

  /** Packs containers onto new hosts, largest cpu (then memory) first; those that fit no type are left out. */
  private pack(containers: readonly Container[]): Claim[] {
    const sorted = [...containers].sort(
      (a, b) => b.requests[CPU]! - a.requests[CPU]! || b.requests[MEMORY]! - a.requests[MEMORY]! || a.id - b.id,
    );
    const claims: Claim[] = [];
    for (const c of sorted) {
      const compatible = this.o.instanceTypes.filter((_, i) => this.probe.fits(c, this.probeHosts[i]!));
      let placed = false;
      for (const claim of claims) {
        const types = claim.types.filter((t) => compatible.includes(t) && holds(t, claim, c));
        if (types.length === 0) continue;
        claim.types = types;
        claim.containers.push(c);
        for (let r = 0; r < claim.sum.length; r++) claim.sum[r]! += c.requests[r]!;
        placed = true;
        break;
      }
      if (placed) continue;
      const fresh: Claim = { containers: [], sum: new Float64Array(c.requests.length), types: [] };
      const types = compatible.filter((t) => holds(t, fresh, c));
      if (types.length === 0) continue;
      fresh.types = types;
      fresh.containers.push(c);
      fresh.sum.set(c.requests);
      claims.push(fresh);
    }
    return claims;
  }

  private launch(
    type: InstanceType,
    containers: number,
    reason: string,
    joined?: (host: Host) => void,
    failed?: () => void,
  ): string {
    const rt = this.rt;
    const name = `${this.o.name}-${this.next++}`;
    this.launching.set(name, type);
    rt.emit({
      at: rt.now,
      type: 'provisioner.launched',
      host: name,
      instanceType: type.name,
      hourlyCost: type.hourlyCost,
      containers,
      reason,
    });
    const delayMs = drawDuration(
      this.o.provisioning,
      this.provisioningStream.stream(name),
      'provisioner.provisioning',
      rt.env,
    );
    launchNode(
      rt,
      {
        name,
        group: this.o.name,
        template: this.template(type),
        hourlyCost: type.hourlyCost,
        by: PROVISIONER,
        delayMs,
        maxProvisionTimeMs: this.o.maxProvisionTime,
        readinessMs: this.o.readiness,
      },
      (host) => {
        this.launching.delete(name);
        this.members.set(name, type);
        this.lastChange.set(name, rt.now);
        joined?.(host);
      },
      () => {
        this.launching.delete(name);
        failed?.();
      },
    );
    return name;
  }

  /** Hosts that may be disrupted for `reason` now: the most restrictive budget, less those being disrupted. */
  private allowed(reason: DisruptionReason): number {
    const total = this.members.size;
    let allowed = Number.POSITIVE_INFINITY;
    for (const b of this.o.budgets) {
      if (b.reasons !== undefined && !b.reasons.includes(reason)) continue;
      allowed = Math.min(allowed, resolveCount(b.nodes, total, Math.ceil));
    }
    return allowed - this.disrupting.size;
  }

  /** Hosts that have been still for `consolidateAfter`, ready, not disrupted yet, whose containers may move. */
  private candidates(): Host[] {
    const rt = this.rt;
    const after = this.o.consolidateAfter;
    if (after === 'Never') return [];
    const out: Host[] = [];
    for (const name of this.members.keys()) {
      if (this.disrupting.has(name)) continue;
      const host = rt.cluster.hostsByName.get(name)!;
      if (host.state !== 'ready' || rt.now - (this.lastChange.get(name) ?? 0) < after) continue;
      if (whyUnmovable(this.live(host), this.o.podBudgets, this.ready) !== null) continue;
      out.push(host);
    }
    return out;
  }

  private live(host: Host): Container[] {
    return [...this.rt.cluster.containersOn(host)].filter((c) => !isFinished(c.phase));
  }

  /**
   * What to do with `host` now, or null: delete it if empty or its containers fit elsewhere, or replace
   * it with a cheaper type. `scratch` is a what-if copy of the cluster to try the move on (left as it was).
   */
  private commandFor(host: Host, scratch?: { whatIf: WhatIfCluster; copies: Map<string, Host> }): Command | null {
    const containers = this.live(host);
    if (containers.length === 0) return { hosts: [host.name], reason: 'Empty', replacement: null };
    if (this.o.consolidationPolicy !== 'WhenEmptyOrUnderutilized') return null;
    let s = scratch;
    if (s === undefined) {
      const copies = new Map<string, Host>();
      s = { whatIf: this.currentCluster(copies), copies };
    }
    if (s.whatIf.moveOff(s.copies.get(host.name)!, containers, false))
      return { hosts: [host.name], reason: 'Underutilized', replacement: null };
    const claims = this.pack(containers);
    const price = this.members.get(host.name)!.hourlyCost;
    if (claims.length !== 1 || claims[0]!.containers.length !== containers.length) return null;
    const type = cheapest(claims[0]!.types);
    return type.hourlyCost < price ? { hosts: [host.name], reason: 'Underutilized', replacement: type } : null;
  }

  /**
   * Karpenter's multi-node consolidation (pkg/controllers/disruption/multinodeconsolidation.go): of the
   * candidates in disruption-cost order, as many as the budget allows (at most 100), a binary search
   * finds the longest prefix of two or more hosts that can go at once, their containers fitting on the
   * other hosts, or on them plus one new host cheaper than the hosts it replaces together.
   */
  private multiNode(sorted: readonly Host[]): Command | null {
    const pool = sorted.slice(0, Math.min(this.allowed('Underutilized'), MULTI_NODE_CANDIDATES));
    if (pool.length < 2) return null;
    let lo = 1;
    let hi = pool.length - 1;
    let best: Command | null = null;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const command = this.consolidate(pool.slice(0, mid + 1));
      if (command !== null) {
        best = command;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return best;
  }

  /**
   * Removing `hosts` together: a delete when their containers fit on the other hosts (largest first,
   * first fit), a replace when the rest fit on one new host of a type cheaper than the hosts together
   * and, when one of the hosts' own types could serve, cheaper than the cheapest host of that type
   * (Karpenter's filterOutSameType: else deleting fewer hosts would do); otherwise null.
   */
  private consolidate(hosts: readonly Host[]): Command | null {
    const copies = new Map<string, Host>();
    const whatIf = this.currentCluster(copies);
    const containers: Container[] = [];
    for (const host of hosts) {
      const copy = copies.get(host.name)!;
      const live = this.live(host);
      for (const c of live) whatIf.unbind(c, copy);
      copy.state = 'down';
      containers.push(...live);
    }
    containers.sort(
      (a, b) => b.requests[CPU]! - a.requests[CPU]! || b.requests[MEMORY]! - a.requests[MEMORY]! || a.id - b.id,
    );
    const rest: Container[] = [];
    for (const c of containers) {
      const to = whatIf.firstFit(c);
      if (to === null) rest.push(c);
      else whatIf.bind(c, to);
    }
    const names = hosts.map((h) => h.name);
    if (rest.length === 0) return { hosts: names, reason: 'Underutilized', replacement: null };
    const claims = this.pack(rest);
    if (claims.length !== 1 || claims[0]!.containers.length !== rest.length) return null;
    let total = 0;
    let sameType = Number.POSITIVE_INFINITY;
    for (const name of names) {
      const type = this.members.get(name)!;
      total += type.hourlyCost;
      if (claims[0]!.types.includes(type)) sameType = Math.min(sameType, type.hourlyCost);
    }
    const types = claims[0]!.types.filter((t) => t.hourlyCost < sameType);
    if (types.length === 0) return null;
    const type = cheapest(types);
    return type.hourlyCost < total ? { hosts: names, reason: 'Underutilized', replacement: type } : null;
  }

  /** The disruption loop: finds one command (empty hosts first), then validates it after the delay. */
  private readonly disrupt = (): void => {
    const rt = this.rt;
    rt.env.schedule(this.o.disruptionInterval, this.disrupt, undefined, { name: 'provisioner-disruption' });
    // Karpenter does not disrupt while the cluster is still settling: nothing while a host is launching
    // or containers wait for one (their hosts would otherwise look free to the simulation).
    if (this.validating || this.launching.size > 0 || this.pending.size > 0 || this.batchStart >= 0) return;
    const candidates = this.candidates();
    if (candidates.length === 0) return;
    const commands: Command[] = [];
    // Empty hosts first, as many as the budget for Empty allows.
    let emptyAllowed = this.allowed('Empty');
    for (const host of candidates) {
      if (emptyAllowed <= 0) break;
      if (rt.cluster.containersOn(host).size === 0) {
        commands.push({ hosts: [host.name], reason: 'Empty', replacement: null });
        emptyAllowed -= 1;
      }
    }
    const key = candidates.map((h) => h.id).join(',');
    // A search that found nothing is not repeated while no container moved and the candidates are the same.
    if (commands.length === 0 && this.allowed('Underutilized') > 0 && (this.dirty || key !== this.searched)) {
      this.dirty = false;
      this.searched = key;
      const byCost = [...candidates].sort(
        (a, b) => rt.cluster.containersOn(a).size - rt.cluster.containersOn(b).size || a.id - b.id,
      );
      // Karpenter's order: multi-node consolidation first, then single-node.
      const multi = this.o.consolidationPolicy === 'WhenEmptyOrUnderutilized' ? this.multiNode(byCost) : null;
      if (multi !== null) commands.push(multi);
      else {
        const copies = new Map<string, Host>();
        const scratch = { whatIf: this.currentCluster(copies), copies };
        for (const host of byCost) {
          const command = this.commandFor(host, scratch);
          if (command !== null) {
            commands.push(command);
            break;
          }
        }
      }
    }
    if (commands.length === 0) return;
    this.validating = true;
    rt.env.schedule(this.o.validationDelay, () => this.validate(commands), undefined, {
      name: 'provisioner-validation',
    });
  };

  /** Karpenter's re-validation: each command acts only if it still holds and the budget still allows it. */
  private validate(commands: readonly Command[]): void {
    this.validating = false;
    const rt = this.rt;
    const still = new Set(this.candidates().map((h) => h.name));
    for (const command of commands) {
      if (!command.hosts.every((h) => still.has(h)) || this.allowed(command.reason) < command.hosts.length) continue;
      const hosts = command.hosts.map((h) => rt.cluster.hostsByName.get(h)!);
      const now = hosts.length === 1 ? this.commandFor(hosts[0]!) : this.consolidate(hosts);
      if (now === null || (now.replacement === null) !== (command.replacement === null)) continue;
      this.execute(now);
    }
  }

  private execute(command: Command): void {
    const rt = this.rt;
    const { hosts } = command;
    for (const host of hosts) this.disrupting.add(host);
    const drain = () => {
      for (const host of hosts)
        removeNode(rt, host, this.o.name, this.o.podBudgets, NO_REMOVAL_LIMITS, () => {
          this.disrupting.delete(host);
          this.members.delete(host);
        });
    };
    let replacement: string | null = null;
    if (command.replacement !== null) {
      let containers = 0;
      for (const host of hosts) containers += rt.cluster.containersOn(rt.cluster.hostsByName.get(host)!).size;
      // The old hosts stay until their replacement joined; if that fails, they are kept.
      replacement = this.launch(command.replacement, containers, `replaces ${hosts.join(', ')}`, drain, () => {
        for (const host of hosts) this.disrupting.delete(host);
      });
    }
    for (const host of hosts)
      rt.emit({
        at: rt.now,
        type: 'provisioner.disrupted',
        host,
        action: replacement === null ? 'delete' : 'replace',
        reason: command.reason,
        replacement,
      });
    if (replacement === null) drain();
  }
}

/** True when `type` can hold the claim's containers plus `c` (resources and container count). */
function holds(type: InstanceType, claim: Claim, c: Container): boolean {
  if (claim.containers.length + 1 > type.maxContainers) return false;
  const cap = type.capacity;
  for (let r = 0; r < cap.length; r++) if (claim.sum[r]! + c.requests[r]! > cap[r]!) return false;
  return true;
}

/** The cheapest type (then the smallest cpu, then the first listed). */
function cheapest(types: readonly InstanceType[]): InstanceType {
  let best = types[0]!;
  for (const t of types) {
    if (t.hourlyCost < best.hourlyCost || (t.hourlyCost === best.hourlyCost && t.capacity[CPU]! < best.capacity[CPU]!))
      best = t;
  }
  return best;
}
