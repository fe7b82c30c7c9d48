import { LatencyHistogram, TimeWeighted } from '@berth/kernel';
import type { ClusterEvent } from '../events/ClusterEvent.js';
import { sampleInterval } from '../metrics/sampleInterval.js';
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
}

/** Running totals of one interval: what the load sources sent, what succeeded and failed, the latencies. */
interface IntervalBook {
  sent: number;
  succeeded: number;
  readonly failed: Float64Array;
  readonly latency: LatencyHistogram;
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
 * Work per request is a histogram record and a few additions.
 */
export class TrafficCollector implements TrafficObserver {
  /** Length of a series interval, in ms. */
  readonly sampleEvery: number;
  private readonly sim: TrafficRuntime;
  private readonly from: number;
  /** What `sim.traffic()` said when the collector was created, subtracted from later figures. */
  private readonly baseline: TrafficReport;
  private readonly sourceLatency = new Map<string, LatencyHistogram>();
  private readonly serviceLatency = new Map<string, LatencyHistogram>();
  /** The latency histogram of the service answering each request type. */
  private readonly latencyByRequest = new Map<string, LatencyHistogram>();
  /** Requests of the load sources in flight. */
  private readonly inFlight: TimeWeighted;
  private readonly current: IntervalBook;
  private readonly rows: TrafficInterval[] = [];
  /** Sampling instants passed so far (`from + k × sampleEvery`, k = 1, 2, ...). */
  private samples = 0;
  private nextSampleAt: number;
  /** Integral of the in-flight signal up to the last sampling instant. */
  private inFlightAtSample = 0;

  constructor(sim: TrafficRuntime, options: TrafficOptions = {}) {
    this.sampleEvery = sampleInterval(sim.scenario.horizon, options.sampleEvery);
    this.sim = sim;
    this.from = sim.env.now;
    this.nextSampleAt = this.from + this.sampleEvery;
    this.baseline = sim.traffic();
    for (const source of sim.scenario.load) this.sourceLatency.set(source.name, new LatencyHistogram());
    for (const [name, type] of Object.entries(sim.scenario.requests)) {
      let histogram = this.serviceLatency.get(type.service);
      if (histogram === undefined) {
        histogram = new LatencyHistogram();
        this.serviceLatency.set(type.service, histogram);
      }
      this.latencyByRequest.set(name, histogram);
    }
    let inFlight = 0;
    for (const figures of Object.values(this.baseline.sources)) inFlight += figures.inFlight;
    this.inFlight = new TimeWeighted(sim.env, inFlight);
    this.current = {
      sent: 0,
      succeeded: 0,
      failed: new Float64Array(FAILURE_CAUSES.length),
      latency: new LatencyHistogram(),
    };
    sim.observeTraffic(this);
    sim.log.subscribe(this.onEvent);
  }

  /** @internal the traffic hook: a load source sent a request */
  sent(_source: string): void {
    this.catchUp(this.sim.env.now);
    this.current.sent += 1;
    this.inFlight.add(1);
  }

  /** @internal the traffic hook: a request was answered */
  answered(request: string, source: string | null, latencyMs: number): void {
    this.catchUp(this.sim.env.now);
    this.latencyByRequest.get(request)?.record(latencyMs);
    if (source === null) return;
    this.sourceLatency.get(source)?.record(latencyMs);
    const current = this.current;
    current.succeeded += 1;
    current.latency.record(latencyMs);
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
      const latency = this.sourceLatency.get(name) ?? new LatencyHistogram();
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
      services[name] = {
        ...trafficFigures(parts, this.serviceLatency.get(name) ?? new LatencyHistogram(), loadMs),
        requests: mine,
        served,
        imbalance: total === 0 ? null : most / (total / replicas),
      };
    }

    const series = [...this.rows];
    const last = this.from + this.samples * this.sampleEvery;
    if (now > last) series.push(this.row(now, (this.inFlight.integral() - this.inFlightAtSample) / (now - last)));
    return { window: { from: this.from, to: now, sampleEvery: this.sampleEvery, loadMs }, sources, services, series };
  }

  private readonly onEvent = (event: ClusterEvent): void => {
    if (event.type !== 'request.failed') return;
    this.catchUp(event.at);
    this.current.failed[FAILURE_CAUSES.indexOf(event.cause)]! += 1;
    this.inFlight.add(-1);
  };

  /**
   * Closes every interval that ended by `now`, before what happens at `now` is counted. The in-flight
   * signal has held its current value since its last change (at or before the interval's end), so its
   * integral at the end is the integral now less the current value times the time since.
   */
  private catchUp(now: number): void {
    if (now < this.nextSampleAt) return;
    const dt = this.sampleEvery;
    const tw = this.inFlight;
    while (this.nextSampleAt <= now) {
      const at = this.nextSampleAt;
      const integral = tw.integral() - tw.current * (now - at);
      this.rows.push(this.row(at, (integral - this.inFlightAtSample) / dt));
      this.inFlightAtSample = integral;
      const current = this.current;
      current.sent = 0;
      current.succeeded = 0;
      current.failed.fill(0);
      current.latency.reset();
      this.samples += 1;
      this.nextSampleAt = this.from + (this.samples + 1) * dt;
    }
  }

  /** The current interval's figures as a series entry ending at `at`. */
  private row(at: number, inFlight: number): TrafficInterval {
    const { sent, succeeded, latency } = this.current;
    const empty = latency.count === 0;
    return {
      at,
      sent,
      succeeded,
      failed: byCause(this.current.failed),
      p50: empty ? null : latency.percentile(50),
      p90: empty ? null : latency.percentile(90),
      p99: empty ? null : latency.percentile(99),
      inFlight,
    };
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
    latency: now.latency,
  };
}

/** The counts of `parts` added up, with `latency` and the throughput over `loadMs`. */
function trafficFigures(parts: readonly RequestFigures[], latency: LatencyHistogram, loadMs: number): TrafficFigures {
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

function byCause(counts: Float64Array): Record<FailureCause, number> {
  const out = {} as Record<FailureCause, number>;
  FAILURE_CAUSES.forEach((cause, i) => {
    out[cause] = counts[i]!;
  });
  return out;
}
