import { argumentError, LatencyHistogram, SimulationError, TimeWeighted } from '@berth/kernel';
import { isFinished } from '../containers/Container.js';
import type { ClusterEvent } from '../events/ClusterEvent.js';
import type { Host } from '../hosts/Host.js';
import type { ClusterRuntime } from '../simulation/ClusterRuntime.js';
import type { ClusterMetrics, ResourceMetric, SeriesPoint } from './ClusterMetrics.js';
import { IntervalMeans } from './IntervalMeans.js';
import { sampleInterval } from './sampleInterval.js';

/** Options of {@link collectMetrics}. */
export interface MetricsOptions {
  /**
   * Length of a series interval, in ms (a finite number > 0). Default: the scenario's horizon / 200,
   * or one minute when the scenario has no horizon.
   */
  readonly sampleEvery?: number | undefined;
  /**
   * Allocated fraction at which a resource counts as exhausted for the stranded-capacity metric, in
   * (0, 1]. Default 1: fully allocated, Borg's definition.
   */
  readonly exhaustedAt?: number | undefined;
}

const MS_PER_HOUR = 3_600_000;
/** Relative slack when comparing an allocation with a threshold, so float dust cannot flip "exhausted". */
const SLACK = 1e-9;

/**
 * Watches a simulation (any {@link ClusterRuntime}) through its event log and keeps the run's figures incrementally: hosts
 * used, allocation and stranded capacity per resource (time-weighted and over time), pending times,
 * scheduling counts and cost. Create it with {@link collectMetrics} right after `createSimulation`
 * (before `run`), read it with {@link report} at any time.
 *
 * Work per event is O(resources) on the one host the event touches; nothing scans every host. Series
 * are filled in lazily, when an event or a report passes a sampling instant: every signal is constant
 * between events, so the interval means are exact, and the collector puts nothing on the agenda (a
 * periodic callback would keep `run()` without a horizon from ever ending).
 */
export class MetricsCollector {
  /** Allocated fraction at which a resource counts as exhausted. */
  readonly exhaustedAt: number;
  private readonly sim: ClusterRuntime;
  private readonly from: number;
  private readonly resourceCount: number;
  private readonly hosts: readonly Host[];
  /** Containers bound per host, by host id (grown when hosts join). */
  private bound: Int32Array;
  /** Hosts the books hold (the arrays may have room for more). */
  private knownHosts: number;
  /** Containers that ended without ever being placed, since the simulation began. */
  private withdrawn = 0;
  /** Requests bound per host and resource, host-major (`id × resources + r`). */
  private allocated: Float64Array;
  /** Each host's current contribution to the stranded sums, host-major. */
  private strandedOn: Float64Array;
  /** 1 when the host is `ready` (schedulable), by host id. */
  private ready: Uint8Array;
  /** 1 when the host is `down`, by host id. */
  private down: Uint8Array;
  /** 1 when the container (by id) holds resources, so a release is counted once and only after a bind. */
  private holding: Uint8Array;
  /** Signals, in series order: hosts used, then allocation per resource, then stranded per resource. */
  private readonly signals: TimeWeighted[];
  private readonly usedHosts: TimeWeighted;
  private readonly poweredHosts: TimeWeighted;
  private readonly poweredCost: TimeWeighted;
  private readonly usedCost: TimeWeighted;
  private readonly pendingTimes = new LatencyHistogram();
  private readonly baseline: { readonly attempts: number; readonly preemptions: number; readonly placed: number };
  /** The signals' series: interval means from `from`, every `sampleEvery` ms (doubling past MAX_SERIES_POINTS). */
  private readonly means: IntervalMeans;

  /**
   * Length of a series interval, in ms: the option (or horizon / 200) until a run outgrows
   * MAX_SERIES_POINTS intervals, then doubled each time it does.
   */
  get sampleEvery(): number {
    return this.means.every;
  }

  constructor(sim: ClusterRuntime, options: MetricsOptions = {}) {
    const sampleEvery = sampleInterval(sim.scenario.horizon, options.sampleEvery);
    const exhaustedAt = options.exhaustedAt ?? 1;
    if (!(exhaustedAt > 0 && exhaustedAt <= 1)) {
      throw argumentError('exhaustedAt', `expected an allocated fraction in (0, 1], got ${exhaustedAt}`);
    }
    this.sim = sim;
    this.exhaustedAt = exhaustedAt;
    const env = sim.env;
    this.from = env.now;
    const hosts = sim.cluster.hosts;
    const n = hosts.length;
    const R = sim.resources.size;
    this.hosts = hosts;
    this.resourceCount = R;
    this.bound = new Int32Array(n);
    this.knownHosts = n;
    for (const c of sim.allContainers()) if (c.scheduledAt < 0 && isFinished(c.phase)) this.withdrawn += 1;
    this.allocated = new Float64Array(n * R);
    this.strandedOn = new Float64Array(n * R);
    this.ready = new Uint8Array(n);
    this.down = new Uint8Array(n);
    this.holding = new Uint8Array(64);

    // Start from the cluster as it is, so a collector created mid-run still balances its books.
    let used = 0;
    let powered = 0;
    let poweredCost = 0;
    let usedCost = 0;
    const allocatedSum = new Float64Array(R);
    for (const host of hosts) {
      const id = host.id;
      for (const c of sim.cluster.containersOn(host)) {
        this.hold(c.id, 1);
        this.bound[id]! += 1;
        for (let r = 0; r < R; r++) this.allocated[id * R + r]! += c.requests[r]!;
      }
      for (let r = 0; r < R; r++) allocatedSum[r]! += this.allocated[id * R + r]!;
      this.ready[id] = host.state === 'ready' ? 1 : 0;
      this.down[id] = host.state === 'down' ? 1 : 0;
      if (this.bound[id]! > 0) {
        used += 1;
        usedCost += host.hourlyCost;
      }
      if (this.down[id] === 0) {
        powered += 1;
        poweredCost += host.hourlyCost;
      }
    }
    this.usedHosts = new TimeWeighted(env, used);
    this.poweredHosts = new TimeWeighted(env, powered);
    this.poweredCost = new TimeWeighted(env, poweredCost);
    this.usedCost = new TimeWeighted(env, usedCost);
    const signals = [this.usedHosts];
    for (let r = 0; r < R; r++) signals.push(new TimeWeighted(env, allocatedSum[r]!));
    for (let r = 0; r < R; r++) signals.push(new TimeWeighted(env, 0));
    this.signals = signals;
    for (const host of hosts) this.restrand(host);
    this.means = new IntervalMeans(signals, this.from, sampleEvery);
    this.baseline = { ...sim.counters };
    sim.log.subscribe(this.onEvent, [
      'container.scheduled',
      'container.succeeded',
      'container.evicted',
      'container.failed',
      'host.state',
      'host.added',
      'host.resized',
    ]);
  }

  /** The figures so far, from the collector's creation to now. Can be called at any time, repeatedly. */
  report(): ClusterMetrics {
    const sim = this.sim;
    const now = sim.env.now;
    this.catchUp(now);
    const R = this.resourceCount;
    const names = sim.resources.names;
    const capacity = new Float64Array(R);
    for (const host of this.hosts) for (let r = 0; r < R; r++) capacity[r]! += host.capacity[r]!;

    const capacityOut: Record<string, number> = {};
    const allocation: Record<string, ResourceMetric> = {};
    const stranded: Record<string, ResourceMetric> = {};
    for (let r = 0; r < R; r++) {
      const cap = capacity[r]!;
      if (!(cap > 0)) continue;
      const name = names[r]!;
      capacityOut[name] = cap;
      allocation[name] = this.resourceMetric(1 + r, cap, now);
      stranded[name] = this.resourceMetric(1 + R + r, cap, now);
    }

    let pendingAtEnd = 0;
    let oldestWait: number | null = null;
    const withdrawn = this.withdrawn;
    for (const c of sim.allContainers()) {
      if (c.phase === 'pending') {
        pendingAtEnd += 1;
        const wait = now - c.createdAt;
        if (oldestWait === null || wait > oldestWait) oldestWait = wait;
      }
    }

    const pending = this.pendingTimes;
    const empty = pending.count === 0;
    const used = this.usedHosts;
    return {
      window: { from: this.from, to: now, sampleEvery: this.means.every },
      hosts: {
        total: this.hosts.length,
        usedAtEnd: used.current,
        peakUsed: used.max,
        timeWeightedUsed: used.mean(),
        series: this.series(0, 1, now),
      },
      capacity: capacityOut,
      allocation,
      stranded,
      pending: {
        count: pending.count,
        mean: empty ? null : pending.mean(),
        p50: empty ? null : pending.percentile(50),
        p90: empty ? null : pending.percentile(90),
        p99: empty ? null : pending.percentile(99),
        max: empty ? null : pending.max(),
      },
      unplaced: { pendingAtEnd, oldestWait, withdrawn },
      scheduling: {
        attempts: sim.counters.attempts - this.baseline.attempts,
        preemptions: sim.counters.preemptions - this.baseline.preemptions,
        placements: sim.counters.placed - this.baseline.placed,
      },
      cost: {
        hostHours: this.poweredHosts.integral() / MS_PER_HOUR,
        usedHostHours: used.integral() / MS_PER_HOUR,
        dollars: this.poweredCost.integral() / MS_PER_HOUR,
        usedDollars: this.usedCost.integral() / MS_PER_HOUR,
      },
    };
  }

  private readonly onEvent = (event: ClusterEvent): void => {
    switch (event.type) {
      case 'container.scheduled':
        this.bind(event.container, event.host);
        return;
      case 'container.succeeded':
      case 'container.evicted':
        this.release(event.container, event.host);
        return;
      case 'container.failed': {
        // Counted as it happens, so that a simulation forgetting finished containers counts the same.
        const c = this.sim.container(event.container);
        if (c !== undefined && c.scheduledAt < 0) this.withdrawn += 1;
        // A pinned container that did not fit fails with its host named but never held anything there.
        if (event.host !== null) this.release(event.container, event.host);
        return;
      }
      case 'host.state':
        this.hostState(event.host, event.to);
        return;
      case 'host.added':
        this.hostAdded(event.host);
        return;
      case 'host.resized': {
        // Stranded capacity depends on the host's capacity; the cluster's sums are read at report time.
        const host = this.sim.cluster.hostsByName.get(event.host);
        if (host === undefined) throw this.unknown(null, event.host);
        this.catchUp(this.sim.env.now);
        this.restrand(host);
        return;
      }
      default:
        return;
    }
  };

  private bind(name: string, hostName: string): void {
    const sim = this.sim;
    const container = sim.container(name);
    const host = sim.cluster.hostsByName.get(hostName);
    if (container === undefined || host === undefined) throw this.unknown(name, hostName);
    this.catchUp(sim.env.now);
    this.pendingTimes.record(container.scheduledAt - container.createdAt);
    this.hold(container.id, 1);
    this.change(host, container.requests, 1);
  }

  private release(name: string, hostName: string): void {
    const sim = this.sim;
    const container = sim.container(name);
    const host = sim.cluster.hostsByName.get(hostName);
    if (container === undefined || host === undefined) throw this.unknown(name, hostName);
    if (!this.hold(container.id, 0)) return;
    this.catchUp(sim.env.now);
    this.change(host, container.requests, -1);
  }

  /** Adds (`sign` 1) or removes (−1) one container's requests on `host`. */
  private change(host: Host, requests: Float64Array, sign: 1 | -1): void {
    const id = host.id;
    const R = this.resourceCount;
    const allocated = this.allocated;
    const signals = this.signals;
    for (let r = 0; r < R; r++) {
      const delta = requests[r]!;
      if (delta === 0) continue;
      const i = id * R + r;
      const a = allocated[i]! + sign * delta;
      // Clamp float dust from repeated add/subtract of fractional quantities, as Host does.
      allocated[i] = a < 1e-9 ? 0 : a;
      const sum = signals[1 + r]!;
      const s = sum.current + sign * delta;
      sum.set(s < 1e-9 ? 0 : s);
    }
    const before = this.bound[id]!;
    this.bound[id] = before + sign;
    if (before === 0 && sign === 1) {
      this.usedHosts.add(1);
      if (host.hourlyCost !== 0) this.usedCost.add(host.hourlyCost);
    } else if (before === 1 && sign === -1) {
      this.usedHosts.add(-1);
      if (host.hourlyCost !== 0) this.usedCost.add(-host.hourlyCost);
    }
    this.restrand(host);
  }

  /** A host joined mid-run (an autoscaler's, or `addHost`): it is ready, powered and empty. */
  private hostAdded(hostName: string): void {
    const host = this.sim.cluster.hostsByName.get(hostName);
    if (host === undefined) throw this.unknown(null, hostName);
    const id = host.id;
    if (id < this.knownHosts) return;
    this.knownHosts = id + 1;
    this.catchUp(this.sim.env.now);
    if (id >= this.bound.length) {
      // Room for as many hosts again, so that hosts joining one by one do not copy the books each time.
      const n = 2 * (id + 1);
      const R = this.resourceCount;
      this.bound = grown(this.bound, new Int32Array(n));
      this.allocated = grown(this.allocated, new Float64Array(n * R));
      this.strandedOn = grown(this.strandedOn, new Float64Array(n * R));
      this.ready = grown(this.ready, new Uint8Array(n));
      this.down = grown(this.down, new Uint8Array(n));
    }
    this.ready[id] = host.state === 'ready' ? 1 : 0;
    this.down[id] = host.state === 'down' ? 1 : 0;
    if (this.down[id] === 0) {
      this.poweredHosts.add(1);
      if (host.hourlyCost !== 0) this.poweredCost.add(host.hourlyCost);
    }
  }

  private hostState(hostName: string, to: string): void {
    const host = this.sim.cluster.hostsByName.get(hostName);
    if (host === undefined) throw this.unknown(null, hostName);
    this.catchUp(this.sim.env.now);
    const id = host.id;
    const down = to === 'down' ? 1 : 0;
    if (down !== this.down[id]) {
      this.down[id] = down;
      const sign = down === 1 ? -1 : 1;
      this.poweredHosts.add(sign);
      if (host.hourlyCost !== 0) this.poweredCost.add(sign * host.hourlyCost);
    }
    const ready = to === 'ready' ? 1 : 0;
    if (ready !== this.ready[id]) {
      this.ready[id] = ready;
      this.restrand(host);
    }
  }

  /** Recomputes one host's stranded capacity per resource and moves the cluster sums by the difference. */
  private restrand(host: Host): void {
    const id = host.id;
    const R = this.resourceCount;
    const base = id * R;
    const capacity = host.capacity;
    const allocated = this.allocated;
    const threshold = this.exhaustedAt * (1 - SLACK);
    let exhausted = 0;
    for (let r = 0; r < R; r++) {
      const cap = capacity[r]!;
      if (cap > 0 && allocated[base + r]! >= threshold * cap) exhausted += 1;
    }
    const slotsFull = this.bound[id]! >= host.maxContainers;
    const live = this.ready[id] === 1 && (exhausted > 0 || slotsFull);
    for (let r = 0; r < R; r++) {
      const cap = capacity[r]!;
      let value = 0;
      if (live && cap > 0) {
        const a = allocated[base + r]!;
        const self = a >= threshold * cap ? 1 : 0;
        if (slotsFull || exhausted - self > 0) value = Math.max(0, cap - a);
      }
      const old = this.strandedOn[base + r]!;
      if (value === old) continue;
      this.strandedOn[base + r] = value;
      const sum = this.signals[1 + R + r]!;
      const s = sum.current + value - old;
      sum.set(s < 1e-9 ? 0 : s);
    }
  }

  /** Sets or clears the holding flag of container `id`; true when it changed. */
  private hold(id: number, flag: 0 | 1): boolean {
    if (id >= this.holding.length) {
      if (flag === 0) return false;
      const grown = new Uint8Array(Math.max(this.holding.length * 2, id + 1));
      grown.set(this.holding);
      this.holding = grown;
    }
    if (this.holding[id] === flag) return false;
    this.holding[id] = flag;
    return true;
  }

  /** Records every sampling instant up to `now` before the signals change at `now`. */
  private catchUp(now: number): void {
    if (now >= this.means.nextSampleAt) this.means.catchUp(now);
  }

  /** Points of signal `i` divided by `scale`, plus the partial interval from the last instant to `now`. */
  private series(i: number, scale: number, now: number): SeriesPoint[] {
    return this.means.series(i, scale, now);
  }

  private resourceMetric(i: number, capacity: number, now: number): ResourceMetric {
    const tw = this.signals[i]!;
    return {
      timeWeightedMean: tw.mean() / capacity,
      atEnd: tw.current / capacity,
      peak: tw.max / capacity,
      series: this.series(i, capacity, now),
    };
  }

  private unknown(container: string | null, host: string): SimulationError {
    const what = container === null ? `host '${host}'` : `container '${container}' on host '${host}'`;
    const env = this.sim.env;
    return new SimulationError(
      `Metrics: an event names ${what}, which the simulation does not know`,
      env.now,
      env.currentEntry?.seq ?? -1,
    );
  }
}

/** A larger copy of `from` (the new room is zero). */
function grown<T extends Int32Array | Float64Array | Uint8Array>(from: T, into: T): T {
  into.set(from);
  return into;
}

/**
 * Starts collecting a run's metrics (see {@link MetricsCollector}): call it right after
 * `createSimulation` and before `run`, then `report()` when the run is over.
 */
export function collectMetrics(sim: ClusterRuntime, options?: MetricsOptions): MetricsCollector {
  return new MetricsCollector(sim, options);
}
