import { type Clock, LatencyHistogram, type LatencySummary, TimeWeighted } from '@berth/kernel';
import type { SeriesPoint } from '../metrics/ClusterMetrics.js';
import { nearestRank } from '../metrics/nearestRank.js';

/** Latency histograms with the defaults: no allocation up to a minute, growing beyond. */
const HISTOGRAM = {} as const;

/**
 * One function's counters. Every invocation that arrived is, at any moment, exactly one of: served,
 * rejected (throttled and not queued), failed, or pending (queued, starting or running), so
 * `arrived = served + rejected + failed + pending` always holds.
 */
export class FunctionCounters {
  arrived = 0;
  served = 0;
  /** Served after waiting for an instance to start (a cold start), whatever else it waited for. */
  cold = 0;
  /** Synchronous invocations refused by a concurrency or scaling limit (HTTP 429). */
  rejected = 0;
  /** Invocations that hit a limit at least once (rejected, queued or retried later). */
  throttled = 0;
  failed = 0;
  /** Failed by cause: the handler's timeout, the instance's death, an async event too old to run. */
  timeouts = 0;
  crashes = 0;
  expired = 0;
  /** Tries after the first (async retries after a failure or a throttle). */
  retries = 0;
  pending = 0;
  /** Instances started for an invocation, ahead of one (pre-warm), or to hold provisioned concurrency. */
  coldStarts = 0;
  prewarms = 0;
  provisionedStarts = 0;
  /** Handler time of served and timed-out invocations, ms. */
  handlerMs = 0;
  /** Memory held by loaded instances while they served nothing, MB·ms (paused ones included). */
  idleMbMs = 0;
  /** The user's bill so far (NaN when the platform's prices are unknown). */
  cost = 0;
  /**
   * Sum of the latencies of every served invocation, ms, added in the order they were served: the
   * overall latency's mean is this over the count, to the last bit what one histogram of all of them
   * would give. The overall histogram itself is not recorded into: it is the warm one plus the cold
   * one ({@link latencySummary}), so a warm invocation — nearly all of them — costs one histogram
   * record, not two.
   */
  latencyTotal = 0;
  // Histograms are made on first use: each holds tens of kilobytes, and a trace of many functions has
  // many that never see a warm invocation or a cold start.
  private warmHistogram: LatencyHistogram | null = null;
  private coldLatencyHistogram: LatencyHistogram | null = null;
  private coldHistogram: LatencyHistogram | null = null;
  /** Arrival to answer of the cold invocations only (those that waited for an instance to start). */
  get coldLatency(): LatencyHistogram {
    this.coldLatencyHistogram ??= new LatencyHistogram(HISTOGRAM);
    return this.coldLatencyHistogram;
  }
  /**
   * Arrival to answer of every served invocation: the warm and the cold histograms merged (the same
   * buckets, count, minimum and maximum as recording each value into one), with the mean from
   * {@link latencyTotal}.
   */
  latencySummary(): LatencySummary {
    const all = new LatencyHistogram(HISTOGRAM);
    all.merge(this.warmLatency);
    all.merge(this.coldLatency);
    const summary = all.summary();
    return { ...summary, mean: summary.count === 0 ? Number.NaN : this.latencyTotal / summary.count };
  }
  /** Arrival to answer of the warm invocations only. */
  get warmLatency(): LatencyHistogram {
    this.warmHistogram ??= new LatencyHistogram(HISTOGRAM);
    return this.warmHistogram;
  }
  /** The cold-start wait alone: from arrival to the handler starting, for invocations that waited for an instance. */
  get coldStartWait(): LatencyHistogram {
    this.coldHistogram ??= new LatencyHistogram(HISTOGRAM);
    return this.coldHistogram;
  }
  /** Loaded instances (starting, busy, idle or paused) over time, and those working on something. */
  readonly instances: TimeWeighted;
  readonly busyInstances: TimeWeighted;

  constructor(clock: Clock) {
    this.instances = new TimeWeighted(clock);
    this.busyInstances = new TimeWeighted(clock);
  }
}

/** One function's figures, as {@link FunctionReport} lists them. */
export interface FunctionFigures {
  readonly arrived: number;
  readonly served: number;
  readonly cold: number;
  /** cold / served (NaN when nothing was served). */
  readonly coldStartRatio: number;
  readonly rejected: number;
  readonly throttled: number;
  readonly failed: number;
  readonly timeouts: number;
  readonly crashes: number;
  readonly expired: number;
  readonly retries: number;
  readonly pending: number;
  readonly coldStarts: number;
  readonly prewarms: number;
  readonly provisionedStarts: number;
  readonly latency: LatencySummary;
  readonly warmLatency: LatencySummary;
  readonly coldStartWait: LatencySummary;
  /** Mean handler time of served and timed-out invocations, ms. */
  readonly meanHandlerMs: number;
  readonly meanInstances: number;
  readonly maxInstances: number;
  readonly meanBusyInstances: number;
  /** Memory-time held idle, GB·s. */
  readonly idleGbSeconds: number;
  /** The user's bill in dollars, NaN when the platform's prices are unknown. */
  readonly cost: number;
}

/** Figures of a function platform's run, overall and per function. */
export interface FunctionReport {
  readonly platform: string;
  readonly keepAlive: string;
  readonly total: FunctionFigures;
  readonly functions: Readonly<Record<string, FunctionFigures>>;
  /**
   * The 75th percentile, over functions with at least one served invocation, of each function's
   * cold-start percentage: the figure "Serverless in the Wild" compares policies by (per application).
   */
  readonly p75ColdStartPercent: number;
  /** Concurrent executions (busy or starting instances, and provisioned ones) across the account: the most at once. */
  readonly maxConcurrency: number;
  /**
   * The provider's side, beside the idle memory: hosts holding at least one function instance (from its
   * placement until it is unloaded or ends) — their time-weighted mean, the most at once, and host-hours.
   */
  readonly hostsUsed: HostsUsed;
  /** Instances loaded and busy, and hosts used, over time (all functions). */
  readonly overTime: FunctionSeries;
}

/**
 * A function platform's signals over time, each a series of means over sampling intervals (`sampleEvery`
 * ms, the interval of the run's other series; doubled when a run outgrows 4,096 of them), as the
 * cluster metrics' series.
 */
export interface FunctionSeries {
  readonly sampleEvery: number;
  /** Instances loaded (starting, busy, idle or paused). */
  readonly instances: readonly SeriesPoint[];
  /** Instances working on at least one invocation. */
  readonly busy: readonly SeriesPoint[];
  /** Hosts holding at least one instance. */
  readonly hosts: readonly SeriesPoint[];
}

/** Hosts used by function instances (see {@link FunctionReport.hostsUsed}). */
export interface HostsUsed {
  readonly mean: number;
  readonly peak: number;
  readonly hostHours: number;
}

/**
 * A counters' figures at the current time, adding idle memory-time still accruing (MB·ms) and costs
 * billed by time rather than per execution (provisioned concurrency).
 */
export function functionFigures(c: FunctionCounters, openIdleMbMs = 0, timeCost = 0): FunctionFigures {
  return {
    arrived: c.arrived,
    served: c.served,
    cold: c.cold,
    coldStartRatio: c.served > 0 ? c.cold / c.served : Number.NaN,
    rejected: c.rejected,
    throttled: c.throttled,
    failed: c.failed,
    timeouts: c.timeouts,
    crashes: c.crashes,
    expired: c.expired,
    retries: c.retries,
    pending: c.pending,
    coldStarts: c.coldStarts,
    prewarms: c.prewarms,
    provisionedStarts: c.provisionedStarts,
    latency: c.latencySummary(),
    warmLatency: c.warmLatency.summary(),
    coldStartWait: c.coldStartWait.summary(),
    meanHandlerMs: c.served + c.timeouts > 0 ? c.handlerMs / (c.served + c.timeouts) : Number.NaN,
    meanInstances: c.instances.mean(),
    maxInstances: c.instances.max,
    meanBusyInstances: c.busyInstances.mean(),
    idleGbSeconds: (c.idleMbMs + openIdleMbMs) / 1024 / 1000,
    cost: c.cost + timeCost,
  };
}

/** The sum of several functions' counters, as one function's figures; `whole` counts every function's instances. */
export function totalFigures(
  all: readonly FunctionCounters[],
  whole: FunctionCounters,
  clock: Clock,
  openIdleMbMs: number,
  timeCost: number,
): FunctionFigures {
  const t = new FunctionCounters(clock);
  for (const c of all) {
    t.arrived += c.arrived;
    t.served += c.served;
    t.cold += c.cold;
    t.rejected += c.rejected;
    t.throttled += c.throttled;
    t.failed += c.failed;
    t.timeouts += c.timeouts;
    t.crashes += c.crashes;
    t.expired += c.expired;
    t.retries += c.retries;
    t.pending += c.pending;
    t.coldStarts += c.coldStarts;
    t.prewarms += c.prewarms;
    t.provisionedStarts += c.provisionedStarts;
    t.handlerMs += c.handlerMs;
    t.idleMbMs += c.idleMbMs;
    t.cost += c.cost;
    t.latencyTotal += c.latencyTotal;
    t.coldLatency.merge(c.coldLatency);
    t.warmLatency.merge(c.warmLatency);
    t.coldStartWait.merge(c.coldStartWait);
  }
  return {
    ...functionFigures(t, openIdleMbMs, timeCost),
    meanInstances: whole.instances.mean(),
    maxInstances: whole.instances.max,
    meanBusyInstances: whole.busyInstances.mean(),
  };
}

/** The q-quantile (nearest rank) of values; NaN when there are none. */
export function quantileOf(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[nearestRank(q * 100, sorted.length) - 1]!;
}
