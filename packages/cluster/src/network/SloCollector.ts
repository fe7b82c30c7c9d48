import { nearestRank } from '../metrics/nearestRank.js';
import type { SloSpec } from '../scenario/sloSchema.js';
import type { FailureCause } from './FailureCause.js';
import type { ServiceSloFigures, SloMetrics } from './SloMetrics.js';
import type { TrafficRuntime } from './TrafficCollector.js';
import type { TrafficObserver } from './TrafficObserver.js';

/** What an SLO collector reads: the clock, the scenario and the traffic hook. A `Simulation` is one. */
export type SloRuntime = Pick<TrafficRuntime, 'env' | 'scenario' | 'observeTraffic'>;

/** One service's objective and its counts: of the current window, and of the closed ones. */
interface Book {
  readonly name: string;
  readonly spec: SloSpec;
  /** Start of the current window, ms. */
  start: number;
  answered: number;
  over: number;
  failed: number;
  readonly totals: Totals;
}

interface Totals {
  windows: number;
  violations: number;
  latencyViolations: number;
  errorViolations: number;
  violationMs: number;
  answered: number;
  over: number;
  failed: number;
  readonly spans: Array<{ from: number; to: number }>;
}

/**
 * Judges each service's service-level objective (a service's `slo` in the scenario) window by window,
 * from the collector's creation: windows of `slo.window` ms, one after the other. In a window in which
 * some of the service's requests finished, the latency objective holds when the `percentile`-th
 * latency of the requests it answered (nearest rank, counted exactly: at least ⌈p·n/100⌉ of the n
 * answered within the threshold) is at most the threshold, and the error objective when the requests
 * that failed for good are at most `errorRatio` of those that finished. Every request a service
 * answers counts, from load sources and from other services' calls; latency runs from the first try
 * to the answer, as clients see it.
 *
 * The objectives are the scenario's when the collector is created. Hears the traffic hook only (per
 * request: a lookup and a few additions); puts nothing on the agenda. Create it with {@link collectSlo}
 * before `run`; read it with `report` at any time.
 */
export class SloCollector implements TrafficObserver {
  private readonly byRequest = new Map<string, Book>();
  private readonly books: Book[] = [];
  private readonly from: number;

  constructor(private readonly sim: SloRuntime) {
    this.from = sim.env.now;
    const { services, requests } = sim.scenario;
    for (const [name, service] of Object.entries(services)) {
      const spec = service.slo;
      if (spec === undefined) continue;
      const totals: Totals = {
        windows: 0,
        violations: 0,
        latencyViolations: 0,
        errorViolations: 0,
        violationMs: 0,
        answered: 0,
        over: 0,
        failed: 0,
        spans: [],
      };
      const book: Book = { name, spec, start: this.from, answered: 0, over: 0, failed: 0, totals };
      this.books.push(book);
      for (const [request, type] of Object.entries(requests))
        if (type.service === name) this.byRequest.set(request, book);
    }
    if (this.books.length > 0) sim.observeTraffic(this);
  }

  /** @internal the traffic hook */
  sent(_source: string): void {}

  /** @internal the traffic hook: a request was answered */
  answered(request: string, _source: string | null, latencyMs: number): void {
    const book = this.byRequest.get(request);
    if (book === undefined) return;
    this.roll(book, this.sim.env.now);
    book.answered += 1;
    if (book.spec.latency !== null && latencyMs > book.spec.latency.thresholdMs) book.over += 1;
  }

  /** @internal the traffic hook: a request failed for good */
  failed(request: string, _source: string | null, _cause: FailureCause): void {
    const book = this.byRequest.get(request);
    if (book === undefined) return;
    this.roll(book, this.sim.env.now);
    book.failed += 1;
  }

  /** The figures so far, the current window judged as far as it has got. Can be called at any time, repeatedly. */
  report(): SloMetrics {
    const now = this.sim.env.now;
    const services: Record<string, ServiceSloFigures> = {};
    for (const book of this.books) {
      this.roll(book, now);
      const t: Totals = { ...book.totals, spans: book.totals.spans.map((s) => ({ ...s })) };
      judge(book, t, now);
      const latency = book.spec.latency !== null;
      const finished = t.answered + t.failed;
      services[book.name] = {
        objective: book.spec,
        windows: t.windows,
        violations: t.violations,
        latencyViolations: t.latencyViolations,
        errorViolations: t.errorViolations,
        violationMinutes: t.violationMs / 60_000,
        answered: t.answered,
        failed: t.failed,
        overThreshold: latency ? t.over : null,
        overThresholdFraction: latency && t.answered > 0 ? t.over / t.answered : null,
        errorFraction: finished > 0 ? t.failed / finished : null,
        spans: t.spans,
      };
    }
    return { window: { from: this.from, to: now }, services };
  }

  /** Closes the book's current window if `now` is past it, and starts the window holding `now`. */
  private roll(book: Book, now: number): void {
    const w = book.spec.windowMs;
    if (now < book.start + w) return;
    judge(book, book.totals, book.start + w);
    book.start = this.from + Math.floor((now - this.from) / w) * w;
    book.answered = 0;
    book.over = 0;
    book.failed = 0;
  }
}

/** Adds the book's current window, ending at `end`, to `t` when some request finished in it. */
function judge(book: Book, t: Totals, end: number): void {
  const { answered, over, failed, spec } = book;
  if (answered + failed === 0) return;
  t.windows += 1;
  t.answered += answered;
  t.over += over;
  t.failed += failed;
  const slow =
    spec.latency !== null && answered > 0 && answered - over < nearestRank(spec.latency.percentile, answered);
  const failing = spec.errorRatio !== null && failed > spec.errorRatio * (answered + failed);
  if (slow) t.latencyViolations += 1;
  if (failing) t.errorViolations += 1;
  if (!slow && !failing) return;
  t.violations += 1;
  t.violationMs += end - book.start;
  const last = t.spans.at(-1);
  if (last !== undefined && last.to === book.start) last.to = end;
  else t.spans.push({ from: book.start, to: end });
}

/**
 * Starts judging the services' objectives (see {@link SloCollector}): call it right after
 * `createSimulation` and before `run`, then `report()` when the run is over.
 */
export function collectSlo(sim: SloRuntime): SloCollector {
  return new SloCollector(sim);
}
