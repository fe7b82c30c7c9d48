import { LatencyHistogram, TimeWeighted } from '@berth/kernel';
import type { ClusterEvent } from '../events/ClusterEvent.js';
import { MAX_SERIES_POINTS, sampleInterval } from '../metrics/sampleInterval.js';
import type { ClusterRuntime } from '../simulation/ClusterRuntime.js';
import { FAILURE_CAUSES, type FailureCause } from './FailureCause.js';
import type {
  LatencyFigures,
  ServiceTrafficFigures,
  TrafficFigures,
  TrafficInterval,
  TrafficMetrics,
} from './TrafficMetrics.js';
import type { TrafficObserver } from './TrafficObserver.js';
import type { RequestFigures, TrafficReport } from './TrafficStats.js';

/** What a traffic collector reads: the clock, the scenario, the event log, the traffic figures and their hook. A `Simulation` is one. */
export interface TrafficRuntime extends Pick<ClusterRuntime, 'env' | 'scenario' | 'log'> {
  /** The figures so far (`sim.traffic()`). */
  traffic(): TrafficReport;
  /** Adds a hook hearing each request sent and answered (`sim.observeTraffic`). */
  observeTraffic(observer: TrafficObserver): void;
}

/** Options of {@link collectTraffic}. */
export interface TrafficOptions {
  /**
   * Length of a series interval, in ms (a finite number > 0). Default: the scenario's horizon / 200,
   * or one minute when the scenario has no horizon (as `collectMetrics`, so that their series line up).
   */
  readonly sampleEvery?: number | undefined;
  /**
   * Also report each service's cpu: the mean in use and the utilisation against its ready replicas'
   * requests (`ServiceTrafficFigures.cpu`). Default false, so reports without it keep their shape.
   */
  readonly cpu?: boolean | undefined;
}

/** Latencies of one load source's answered requests: in the current interval, and in the closed ones. */
interface SourceLatency {
  readonly interval: LatencyHistogram;
  readonly closed: LatencyHistogram;
  /** The service that answers the source's request type. */
  readonly service: ServiceLatency;
}

/** Latencies of the requests one service answered: calls from other services in the current interval, and every closed one. */
interface ServiceLatency {
  readonly calls: LatencyHistogram;
  readonly closed: LatencyHistogram;
  /** The load sources whose requests it answers. */
  readonly sources: SourceLatency[];
}

/**
 * Watches a simulation's requests and keeps its traffic figures (see {@link TrafficMetrics}): per load
 * source and per service, throughput, latency percentiles, failures by cause, retries and the spread
 * over replicas, and over time the requests sent, answered and failed per interval, latency
 * percentiles per interval and the requests in flight. Create it with {@link collectTraffic} right
 * after `createSimulation` (before `run`), read it with {@link report} at any time.
 *
 * Counts come from `sim.traffic()` (less what it held when the collector was created); latencies and
 * the series from the traffic hook (each request sent and answered) and `request.failed` events, as
 * they happen, so each lands in the interval it happened in. Like the metrics collector it puts
 * nothing on the agenda: an interval is closed when something happens after its end, or by a report.
 *
 * Work per request: one histogram record (per load source or, for calls, per service, for the current
 * interval; at an interval's end these are added to the run's histograms of the source and its service)
 * and a few additions. Recording is most of the cost, so a latency is recorded once, not once per figure.
 */
export class TrafficCollector implements TrafficObserver {
  private readonly sim: TrafficRuntime;
  private readonly from: number;
  private readonly withCpu: boolean;
  /** What `sim.traffic()` said when the collector was created, subtracted from later figures. */
  private readonly baseline: TrafficReport;
  private readonly sources = new Map<string, SourceLatency>();
  private readonly services = new Map<string, ServiceLatency>();
  /** The service answering each request type. */
  private readonly serviceOf = new Map<string, ServiceLatency>();
  /** Every load source's latencies of the current interval together, when there are several. */
  private readonly together = new LatencyHistogram();
  /** Requests of the load sources in flight. */
  private readonly inFlight: TimeWeighted;
  /** The current interval's requests sent, answered and failed by cause. */
  private sentNow = 0;
  private succeededNow = 0;
  private readonly failedNow = new Float64Array(FAILURE_CAUSES.length);
  private readonly rows: TrafficInterval[] = [];
  /** Length of a series interval, ms: doubles each time the series reaches MAX_SERIES_POINTS. */
  private every: number;
  /** Sampling instants passed so far (`from + k × sampleEvery`, k = 1, 2, ...). */
  private samples = 0;
  private nextSampleAt: number;
  /** Integral of the in-flight signal up to the last sampling instant. */
  private inFlightAtSample = 0;

  /**
   * Length of a series interval, in ms: the option (or horizon / 200) until a run outgrows
   * MAX_SERIES_POINTS intervals, then doubled each time it does (as collectMetrics does, so that
   * collectors created with the same interval keep the same instants).
   */
  get sampleEvery(): number {
    return this.every;
  }

  constructor(sim: TrafficRuntime, options: TrafficOptions = {}) {
    this.every = sampleInterval(sim.scenario.horizon, options.sampleEvery);
    this.sim = sim;
    this.from = sim.env.now;
    this.withCpu = options.cpu === true;
    this.nextSampleAt = this.from + this.every;
    this.baseline = sim.traffic();
    const { requests, load } = sim.scenario;
    for (const [name, type] of Object.entries(requests)) {
      let service = this.services.get(type.service);
      if (service === undefined) {
        service = { calls: new LatencyHistogram(), closed: new LatencyHistogram(), sources: [] };
        this.services.set(type.service, service);
      }
      this.serviceOf.set(name, service);
    }
    for (const source of load) {
      const service = this.serviceOf.get(source.request);
      if (service === undefined) continue;
      const book = { interval: new LatencyHistogram(), closed: new LatencyHistogram(), service };
      service.sources.push(book);
      this.sources.set(source.name, book);
    }
    let inFlight = 0;
    for (const figures of Object.values(this.baseline.sources)) inFlight += figures.inFlight;
    this.inFlight = new TimeWeighted(sim.env, inFlight);
    sim.observeTraffic(this);
    sim.log.subscribe(this.onEvent, ['request.failed']);
  }

  /** @internal the traffic hook: a load source sent a request */
  sent(_source: string): void {
    this.catchUp(this.sim.env.now);
    this.sentNow += 1;
    this.inFlight.add(1);
  }

  /** @internal the traffic hook: a request was answered */
  answered(request: string, source: string | null, latencyMs: number): void {
    this.catchUp(this.sim.env.now);
    if (source === null) {
      this.serviceOf.get(request)?.calls.record(latencyMs);
      return;
    }
    this.sources.get(source)?.interval.record(latencyMs);
    this.succeededNow += 1;
    this.inFlight.add(-1);
  }

  /** The figures so far, from the collector's creation to now. Can be called at any time, repeatedly. */
  report(): TrafficMetrics {
    const now = this.sim.env.now;
    this.catchUp(now);
    const horizon = this.sim.scenario.horizon ?? Number.POSITIVE_INFINITY;
    const loadMs = Math.max(0, Math.min(now, horizon) - this.from);
    const traffic = this.sim.traffic();
    const base = this.baseline;

    const sources: Record<string, TrafficFigures> = {};
    for (const [name, figures] of Object.entries(traffic.sources)) {
      const book = this.sources.get(name);
      const latency = book === undefined ? [] : [book.closed, book.interval];
      sources[name] = trafficFigures([since(figures, base.sources[name])], latency, loadMs);
    }

    const services: Record<string, ServiceTrafficFigures> = {};
    const requests = Object.entries(this.sim.scenario.requests);
    for (const [name, spread] of Object.entries(traffic.services)) {
      const mine = requests.filter(([, type]) => type.service === name).map(([request]) => request);
      const parts = mine.map((request) => since(traffic.requests[request]!, base.requests[request]));
      const before = base.services[name]?.served ?? {};
      const served: Record<string, number> = {};
      let total = 0;
      let most = 0;
      for (const [replica, n] of Object.entries(spread.served)) {
        const count = n - (before[replica] ?? 0);
        served[replica] = count;
        total += count;
        if (count > most) most = count;
      }
      const replicas = Object.keys(served).length;
      const windowMs = now - this.from;
      const cpuMs = spread.cpuMs - (base.services[name]?.cpuMs ?? 0);
      const requestedCpuMs = spread.requestedCpuMs - (base.services[name]?.requestedCpuMs ?? 0);
      const figures: ServiceTrafficFigures = {
        ...trafficFigures(parts, this.serviceLatencies(name), loadMs),
        requests: mine,
        served,
        imbalance: total === 0 ? null : most / (total / replicas),
      };
      services[name] = this.withCpu
        ? {
            ...figures,
            cpu: {
              mean: windowMs > 0 ? cpuMs / windowMs : null,
              utilization: requestedCpuMs > 0 ? cpuMs / requestedCpuMs : null,
            },
          }
        : figures;
    }

    const series = [...this.rows];
    const last = this.from + this.samples * this.every;
    if (now > last) series.push(this.row(now, (this.inFlight.integral() - this.inFlightAtSample) / (now - last)));
    return { window: { from: this.from, to: now, sampleEvery: this.every, loadMs }, sources, services, series };
  }

  private readonly onEvent = (event: ClusterEvent): void => {
    if (event.type !== 'request.failed') return;
    this.catchUp(event.at);
    this.failedNow[FAILURE_CAUSES.indexOf(event.cause)]! += 1;
    this.inFlight.add(-1);
  };

  /** The histograms holding every latency of a service's answers so far, closed intervals and current one. */
  private serviceLatencies(name: string): LatencyHistogram[] {
    const service = this.services.get(name);
    if (service === undefined) return [];
    return [service.closed, service.calls, ...service.sources.map((source) => source.interval)];
  }

  /**
   * Closes every interval that ended by `now`, before what happens at `now` is counted. The in-flight
   * signal has held its current value since its last change (at or before the interval's end), so its
   * integral at the end is the integral now less the current value times the time since.
   */
  private catchUp(now: number): void {
    if (now < this.nextSampleAt) return;
    let dt = this.every;
    const tw = this.inFlight;
    while (this.nextSampleAt <= now) {
      const at = this.nextSampleAt;
      const integral = tw.integral() - tw.current * (now - at);
      this.rows.push(this.row(at, (integral - this.inFlightAtSample) / dt));
      this.inFlightAtSample = integral;
      this.sentNow = 0;
      this.succeededNow = 0;
      this.failedNow.fill(0);
      for (const source of this.sources.values()) {
        if (source.interval.count === 0) continue;
        source.closed.merge(source.interval);
        source.service.closed.merge(source.interval);
        source.interval.reset();
      }
      for (const service of this.services.values()) {
        if (service.calls.count === 0) continue;
        service.closed.merge(service.calls);
        service.calls.reset();
      }
      this.samples += 1;
      if (this.samples === MAX_SERIES_POINTS) dt = this.halveSeries();
      this.nextSampleAt = this.from + (this.samples + 1) * dt;
    }
  }

  /**
   * Merges neighbouring rows in pairs and doubles the interval; returns the new length. Counts add up
   * and the in-flight means average exactly; the latencies of the two halves are no longer apart, so
   * a merged row's percentiles are the larger of its halves' (an upper bound, as is the p99 of any
   * interval taken from its worst half).
   */
  private halveSeries(): number {
    const rows = this.rows;
    const half = rows.length >> 1;
    for (let k = 0; k < half; k++) rows[k] = mergeRows(rows[2 * k]!, rows[2 * k + 1]!);
    rows.length = half;
    this.samples >>= 1;
    this.every *= 2;
    return this.every;
  }

  /** The current interval's figures as a series entry ending at `at`. */
  private row(at: number, inFlight: number): TrafficInterval {
    const latency = this.intervalLatency();
    const empty = latency === null || latency.count === 0;
    return {
      at,
      sent: this.sentNow,
      succeeded: this.succeededNow,
      failed: byCause(this.failedNow),
      p50: empty ? null : latency.percentile(50),
      p90: empty ? null : latency.percentile(90),
      p99: empty ? null : latency.percentile(99),
      inFlight,
    };
  }

  /** The latencies of every load source's answers in the current interval; null without load sources. */
  private intervalLatency(): LatencyHistogram | null {
    const sources = [...this.sources.values()];
    if (sources.length <= 1) return sources[0]?.interval ?? null;
    const together = this.together;
    together.reset();
    for (const source of sources) together.merge(source.interval);
    return together;
  }
}

/**
 * Starts collecting a run's traffic figures (see {@link TrafficCollector}): call it right after
 * `createSimulation` and before `run`, then `report()` when the run is over.
 */
export function collectTraffic(sim: TrafficRuntime, options?: TrafficOptions): TrafficCollector {
  return new TrafficCollector(sim, options);
}

/** Counts of `now` less those of `before` (when the collector started late); the latency is not used. */
function since(now: RequestFigures, before: RequestFigures | undefined): RequestFigures {
  if (before === undefined) return now;
  const failed = {} as Record<FailureCause, number>;
  for (const cause of FAILURE_CAUSES) failed[cause] = now.failed[cause] - before.failed[cause];
  return {
    sent: now.sent - before.sent,
    succeeded: now.succeeded - before.succeeded,
    failed,
    retries: now.retries - before.retries,
    inFlight: now.inFlight,
    // The time average since the run began: a collector started late does not re-weight it.
    meanInFlight: now.meanInFlight,
    latency: now.latency,
  };
}

/** The counts of `parts` added up, with the latencies of `histograms` together and the throughput over `loadMs`. */
function trafficFigures(
  parts: readonly RequestFigures[],
  histograms: readonly LatencyHistogram[],
  loadMs: number,
): TrafficFigures {
  const latency = new LatencyHistogram();
  for (const h of histograms) latency.merge(h);
  const failed = {} as Record<FailureCause, number>;
  for (const cause of FAILURE_CAUSES) failed[cause] = 0;
  let sent = 0;
  let succeeded = 0;
  let retries = 0;
  let inFlight = 0;
  let failedTotal = 0;
  for (const p of parts) {
    sent += p.sent;
    succeeded += p.succeeded;
    retries += p.retries;
    inFlight += p.inFlight;
    for (const cause of FAILURE_CAUSES) {
      failed[cause] += p.failed[cause];
      failedTotal += p.failed[cause];
    }
  }
  return {
    sent,
    succeeded,
    failed,
    failedTotal,
    retries,
    inFlight,
    throughput: loadMs > 0 ? succeeded / (loadMs / 1000) : null,
    latency: latencyFigures(latency),
  };
}

function latencyFigures(h: LatencyHistogram): LatencyFigures {
  if (h.count === 0) return { count: 0, mean: null, p50: null, p90: null, p99: null, p999: null, max: null };
  return {
    count: h.count,
    mean: h.mean(),
    p50: h.percentile(50),
    p90: h.percentile(90),
    p99: h.percentile(99),
    p999: h.percentile(99.9),
    max: h.max(),
  };
}

/** Two neighbouring rows of equal length as one (see TrafficCollector's halveSeries). */
function mergeRows(a: TrafficInterval, b: TrafficInterval): TrafficInterval {
  const failed = { ...a.failed };
  for (const cause of FAILURE_CAUSES) failed[cause] += b.failed[cause];
  return {
    at: b.at,
    sent: a.sent + b.sent,
    succeeded: a.succeeded + b.succeeded,
    failed,
    p50: larger(a.p50, b.p50),
    p90: larger(a.p90, b.p90),
    p99: larger(a.p99, b.p99),
    inFlight: (a.inFlight + b.inFlight) / 2,
  };
}

function larger(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b);
}

function byCause(counts: Float64Array): Record<FailureCause, number> {
  const out = {} as Record<FailureCause, number>;
  FAILURE_CAUSES.forEach((cause, i) => {
    out[cause] = counts[i]!;
  });
  return out;
}
