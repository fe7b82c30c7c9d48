import { isFinished } from '../containers/Container.js';
import type { ClusterEvent } from '../events/ClusterEvent.js';
import type { ClusterRuntime } from '../simulation/ClusterRuntime.js';
import type {
  AvailabilityReport,
  DurationStats,
  HostGroupAvailability,
  RolloutRecord,
  ServiceAvailability,
} from './AvailabilityReport.js';

/** One replica as the metrics see it. */
interface Replica {
  readonly service: ServiceBook;
  ready: boolean;
  lost: boolean;
  ran: boolean;
  /** `container.terminating` came: it is being stopped on purpose. */
  stopping: boolean;
  /** `container.terminating` came for an eviction (a drain's, say): it terminates gracefully, and is owed a replacement already. */
  evicting: boolean;
  /** When it was lost while available, until the control plane notices; -1 otherwise. */
  lostAt: number;
}

interface ServiceBook {
  readonly name: string;
  desired: number;
  available: number;
  lastAt: number;
  fullTime: number;
  anyTime: number;
  fractionTime: number;
  outageSince: number | null;
  readonly detect: number[];
  readonly recover: number[];
  lost: number;
  evicted: number;
  rescheduled: number;
  restarts: number;
  owed: number;
  rollout: Rollout | null;
}

interface Rollout {
  readonly service: string;
  readonly revision: number;
  readonly startedAt: number;
  durationMs: number | null;
  minReady: number | null;
  minAvailable: number;
  stalled: boolean;
}

interface HostBook {
  readonly group: GroupBook;
  alive: boolean;
  reachable: boolean;
  downSince: number;
  silentSince: number | null;
}

interface GroupBook {
  hosts: number;
  alive: number;
  lastAt: number;
  upTime: number;
  hostTime: number;
  readonly faultTimes: number[];
  partitions: number;
  readonly repairs: number[];
  readonly detect: number[];
}

/**
 * Availability metrics of a run, kept incrementally from the event log (`sim.log.subscribe`): per
 * service, availability (all desired replicas, at least one), time to detect a lost replica, time to
 * recover from an outage, replicas lost, evicted and rescheduled, restarts; per host group, MTBF, MTTR
 * and availability as CloudSim Plus reports them; per rollout, its duration and the fewest ready
 * replicas. Definitions are in {@link ServiceAvailability}, {@link HostGroupAvailability} and
 * {@link RolloutRecord}.
 *
 * Create it with {@link collectAvailability} before `run` (created mid-run, it starts from the cluster
 * as it is; faults already under way are not measured). Work per event is O(1); nothing is scheduled.
 */
export class AvailabilityMetrics {
  private readonly sim: ClusterRuntime;
  private readonly from: number;
  private readonly services = new Map<string, ServiceBook>();
  private readonly replicas = new Map<string, Replica>();
  private readonly hosts = new Map<string, HostBook>();
  private readonly groups = new Map<string, GroupBook>();
  private readonly rollouts: Rollout[] = [];

  constructor(sim: ClusterRuntime) {
    this.sim = sim;
    const now = sim.now;
    this.from = now;
    for (const [name, service] of Object.entries(sim.desired.services)) this.service(name).desired = service.replicas;
    for (const c of sim.allContainers()) {
      if (c.service === undefined || isFinished(c.phase)) continue;
      const book = this.service(c.service);
      const lost = c.health.ready && !c.health.alive;
      this.replicas.set(c.name, {
        service: book,
        ready: c.health.ready,
        lost,
        ran: c.startedAt >= 0,
        stopping: c.phase === 'terminating' && c.evictedFor === null,
        evicting: c.phase === 'terminating' && c.evictedFor !== null,
        lostAt: -1,
      });
      if (c.health.ready && !lost) book.available += 1;
    }
    for (const host of sim.cluster.hosts) {
      const group = this.group(host.group);
      this.hosts.set(host.name, {
        group,
        alive: host.alive,
        reachable: host.reachable,
        downSince: host.alive ? -1 : now,
        silentSince: null,
      });
      group.hosts += 1;
      if (host.alive) group.alive += 1;
    }
    sim.log.subscribe(
      (event) => this.onEvent(event),
      [
        'container.created',
        'container.evicted',
        'container.failed',
        'container.lost',
        'container.ready',
        'container.running',
        'container.scheduled',
        'container.succeeded',
        'container.terminating',
        'container.unready',
        'desired.changed',
        'host.added',
        'host.crashed',
        'host.healed',
        'host.partitioned',
        'host.recovered',
        'host.state',
        'rollout.completed',
        'rollout.stalled',
        'rollout.started',
      ],
    );
  }

  /** The figures from the collector's creation to now. Can be called at any time, repeatedly. */
  report(): AvailabilityReport {
    const now = this.sim.now;
    const span = now - this.from;
    const services: Record<string, ServiceAvailability> = {};
    for (const s of this.services.values()) {
      this.advance(s, now);
      services[s.name] = {
        full: span > 0 ? s.fullTime / span : null,
        any: span > 0 ? s.anyTime / span : null,
        replicaFraction: span > 0 ? s.fractionTime / span : null,
        timeToDetect: stats(s.detect),
        timeToRecover: stats(s.recover),
        degradedSince: s.outageSince,
        lost: s.lost,
        evicted: s.evicted,
        rescheduled: s.rescheduled,
        restarts: s.restarts,
        desiredAtEnd: s.desired,
        availableAtEnd: s.available,
      };
    }
    const hostGroups: Record<string, HostGroupAvailability> = {};
    for (const [name, g] of this.groups) {
      this.advanceGroup(g, now);
      const failures = g.faultTimes.length;
      const mtbf = failures > 0 ? g.upTime / failures : null;
      const mttr = g.repairs.length > 0 ? stats(g.repairs).mean : null;
      const sorted = [...g.faultTimes].sort((a, b) => a - b);
      hostGroups[name] = {
        hosts: g.hosts,
        failures,
        partitions: g.partitions,
        mtbf,
        mttr,
        availability: failures === 0 ? 1 : mtbf !== null && mttr !== null ? mtbf / (mtbf + mttr) : null,
        measuredAvailability: g.hostTime > 0 ? g.upTime / g.hostTime : null,
        meanTimeBetweenFaults: failures > 0 ? (sorted[failures - 1]! - sorted[0]!) / failures : null,
        timeToDetect: stats(g.detect),
      };
    }
    return {
      window: { from: this.from, to: now },
      services,
      hostGroups,
      rollouts: this.rollouts.map((r): RolloutRecord => ({ ...r })),
    };
  }

  private onEvent(e: ClusterEvent): void {
    switch (e.type) {
      case 'container.created': {
        if (e.service === undefined) return;
        const service = this.service(e.service);
        this.replicas.set(e.container, {
          service,
          ready: false,
          lost: false,
          ran: false,
          stopping: false,
          evicting: false,
          lostAt: -1,
        });
        return;
      }
      case 'container.ready': {
        const r = this.replicas.get(e.container);
        if (r === undefined || r.ready) return;
        r.ready = true;
        if (!r.lost) this.change(r.service, e.at, +1, false);
        return;
      }
      case 'container.unready': {
        const r = this.replicas.get(e.container);
        if (r === undefined || !r.ready) return;
        r.ready = false;
        if (r.lostAt >= 0) {
          r.service.detect.push(e.at - r.lostAt);
          r.lostAt = -1;
        }
        if (!r.lost) this.change(r.service, e.at, -1, r.stopping);
        return;
      }
      case 'container.lost': {
        const service = this.sim.container(e.container)?.service;
        if (service !== undefined) this.service(service).lost += 1;
        const r = this.replicas.get(e.container);
        if (r === undefined || r.lost) return;
        r.lost = true;
        if (r.ready) {
          r.lostAt = e.at;
          this.change(r.service, e.at, -1, r.stopping);
        }
        return;
      }
      case 'container.running': {
        const r = this.replicas.get(e.container);
        if (r === undefined) return;
        if (r.ran) r.service.restarts += 1;
        r.ran = true;
        if (r.lost) {
          // Back before the control plane noticed: it serves again without a `container.ready`.
          r.lost = false;
          r.lostAt = -1;
          if (r.ready) this.change(r.service, e.at, +1, false);
        }
        return;
      }
      case 'container.terminating': {
        const r = this.replicas.get(e.container);
        if (r === undefined) return;
        if (e.evicted === undefined) r.stopping = true;
        else {
          // Evicted gracefully: its controller replaces it now, while it drains.
          r.evicting = true;
          r.service.owed += 1;
        }
        return;
      }
      case 'container.scheduled': {
        const r = this.replicas.get(e.container);
        if (r !== undefined && r.service.owed > 0) {
          r.service.owed -= 1;
          r.service.rescheduled += 1;
        }
        return;
      }
      case 'container.evicted':
      case 'container.failed':
      case 'container.succeeded': {
        const r = this.replicas.get(e.container);
        if (r === undefined) return;
        this.replicas.delete(e.container);
        if (e.type === 'container.evicted') r.service.evicted += 1;
        if (
          !r.stopping &&
          !r.evicting &&
          (e.type === 'container.evicted' || (e.type === 'container.failed' && e.host !== null))
        ) {
          r.service.owed += 1;
        }
        if (r.ready && !r.lost) this.change(r.service, e.at, -1, r.stopping);
        return;
      }
      case 'desired.changed': {
        const desired = this.sim.desired.services;
        for (const name of Object.keys(desired)) this.service(name);
        for (const s of this.services.values()) {
          this.advance(s, e.at);
          s.desired = desired[s.name]?.replicas ?? 0;
          this.settle(s, e.at);
        }
        return;
      }
      case 'rollout.started': {
        const s = this.service(e.service);
        const rollout: Rollout = {
          service: e.service,
          revision: e.revision,
          startedAt: e.at,
          durationMs: null,
          minReady: null,
          minAvailable: s.available,
          stalled: false,
        };
        this.rollouts.push(rollout);
        s.rollout = rollout;
        return;
      }
      case 'rollout.completed': {
        const s = this.service(e.service);
        if (s.rollout !== null) {
          s.rollout.durationMs = e.durationMs;
          s.rollout.minReady = e.minReady;
          s.rollout = null;
        }
        return;
      }
      case 'rollout.stalled': {
        const rollout = this.service(e.service).rollout;
        if (rollout !== null) rollout.stalled = true;
        return;
      }
      case 'host.added': {
        if (this.hosts.has(e.host)) return;
        const group = this.group(e.group);
        this.advanceGroup(group, e.at);
        this.hosts.set(e.host, { group, alive: true, reachable: true, downSince: -1, silentSince: null });
        group.hosts += 1;
        group.alive += 1;
        return;
      }
      case 'host.crashed': {
        const h = this.hosts.get(e.host);
        if (h === undefined || !h.alive) return;
        this.advanceGroup(h.group, e.at);
        h.alive = false;
        h.group.alive -= 1;
        h.downSince = e.at;
        h.group.faultTimes.push(e.at);
        if (h.silentSince === null) h.silentSince = e.at;
        return;
      }
      case 'host.recovered': {
        const h = this.hosts.get(e.host);
        if (h === undefined || h.alive) return;
        this.advanceGroup(h.group, e.at);
        h.alive = true;
        h.group.alive += 1;
        if (h.downSince >= 0 && h.downSince >= this.from) h.group.repairs.push(e.at - h.downSince);
        h.downSince = -1;
        if (h.reachable) h.silentSince = null;
        return;
      }
      case 'host.partitioned': {
        const h = this.hosts.get(e.host);
        if (h === undefined || !h.reachable) return;
        h.reachable = false;
        h.group.partitions += 1;
        if (h.silentSince === null) h.silentSince = e.at;
        return;
      }
      case 'host.healed': {
        const h = this.hosts.get(e.host);
        if (h === undefined || h.reachable) return;
        h.reachable = true;
        if (h.alive) h.silentSince = null;
        return;
      }
      case 'host.state': {
        const h = this.hosts.get(e.host);
        if (h === undefined || e.to !== 'not-ready' || h.silentSince === null) return;
        h.group.detect.push(e.at - h.silentSince);
        h.silentSince = null;
        return;
      }
      default:
        return;
    }
  }

  /** One more (+1) or one fewer (-1) available replica; `planned` for a replica stopped on purpose. */
  private change(s: ServiceBook, at: number, delta: 1 | -1, planned: boolean): void {
    this.advance(s, at);
    s.available += delta;
    if (s.rollout !== null && s.available < s.rollout.minAvailable) s.rollout.minAvailable = s.available;
    if (delta < 0 && !planned && s.outageSince === null && s.available < s.desired) s.outageSince = at;
    this.settle(s, at);
  }

  /** Ends the outage once every desired replica is available again. */
  private settle(s: ServiceBook, at: number): void {
    if (s.outageSince !== null && s.available >= s.desired) {
      s.recover.push(at - s.outageSince);
      s.outageSince = null;
    }
  }

  /** Adds the time since the last change, at the availability that held during it. */
  private advance(s: ServiceBook, at: number): void {
    const dt = at - s.lastAt;
    if (dt <= 0) return;
    const a = s.available;
    const d = s.desired;
    if (a >= d) s.fullTime += dt;
    if (a >= 1 || d === 0) s.anyTime += dt;
    s.fractionTime += d === 0 ? dt : (Math.min(a, d) / d) * dt;
    s.lastAt = at;
  }

  private advanceGroup(g: GroupBook, at: number): void {
    const dt = at - g.lastAt;
    if (dt <= 0) return;
    g.upTime += g.alive * dt;
    g.hostTime += g.hosts * dt;
    g.lastAt = at;
  }

  private service(name: string): ServiceBook {
    let s = this.services.get(name);
    if (s === undefined) {
      s = {
        name,
        desired: this.sim.desired.services[name]?.replicas ?? 0,
        available: 0,
        lastAt: this.sim.now,
        fullTime: 0,
        anyTime: 0,
        fractionTime: 0,
        outageSince: null,
        detect: [],
        recover: [],
        lost: 0,
        evicted: 0,
        rescheduled: 0,
        restarts: 0,
        owed: 0,
        rollout: null,
      };
      // A service first seen mid-window was, until now, a service with nothing desired.
      const before = s.lastAt - this.from;
      s.fullTime = before;
      s.anyTime = before;
      s.fractionTime = before;
      this.services.set(name, s);
    }
    return s;
  }

  private group(name: string): GroupBook {
    let g = this.groups.get(name);
    if (g === undefined) {
      g = {
        hosts: 0,
        alive: 0,
        lastAt: this.sim.now,
        upTime: 0,
        hostTime: 0,
        faultTimes: [],
        partitions: 0,
        repairs: [],
        detect: [],
      };
      this.groups.set(name, g);
    }
    return g;
  }
}

function stats(samples: readonly number[]): DurationStats {
  let total = 0;
  let max = Number.NEGATIVE_INFINITY;
  for (const x of samples) {
    total += x;
    if (x > max) max = x;
  }
  const count = samples.length;
  return { count, total, mean: count > 0 ? total / count : null, max: count > 0 ? max : null };
}

/**
 * Starts collecting availability metrics (see {@link AvailabilityMetrics}): call it right after
 * `createSimulation` and before `run`, then `report()` at the end.
 */
export function collectAvailability(sim: ClusterRuntime): AvailabilityMetrics {
  return new AvailabilityMetrics(sim);
}
