import type { Simulation } from '@berth/cluster';
import { buildTraffic, checkClean } from './runTraffic.js';
import type { TrafficShape } from './trafficScenario.js';

/** Where the in-flight requests are: each in service at a replica, or all but one per replica queued. */
export type InFlightKind = 'in-service' | 'queued';

/** Simulated time over which the requests arrive, ms. */
const FILL_MS = 10_000;
/** Where the baseline is taken: after the replicas started and the data plane synced (at 0), with a handful sent. */
const BASELINE_MS = 0.01;
/** A service time that no request finishes within the fill (one day). */
const NEVER_MS = 86_400_000;

/**
 * The scenario that fills the replicas with about `count` requests in flight over ten simulated
 * seconds: constant service times of a day, so none is answered; for `in-service` every replica works
 * on all of its share at once (a concurrency of twice the mean share, and no queue, so an overflow
 * would fail a request and show); for `queued` every replica works on one and queues the rest.
 */
export function inFlightShape(kind: InFlightKind, count: number, replicas: number): TrafficShape {
  const share = Math.ceil((2 * count) / replicas) + 10;
  return {
    replicas,
    concurrency: kind === 'in-service' ? share : 1,
    queue: kind === 'in-service' ? 0 : share,
    serviceTime: { dist: 'constant', value: NEVER_MS },
    rate: (count / FILL_MS) * 1000,
    horizonMs: FILL_MS,
  };
}

/** Runs `sim` to the baseline and then to the end of the fill; `measure` is called at both points. */
export function fillInFlight(sim: Simulation, measure: (inFlight: number) => void): void {
  sim.run(BASELINE_MS);
  measure(checkClean(sim).inFlight);
  sim.run(FILL_MS);
  measure(checkClean(sim).inFlight);
}

/** Heap cost of requests in flight. */
export interface InFlightMemory {
  /** Requests in flight at the end of the fill. */
  readonly inFlight: number;
  /** Growth of V8's used heap from the baseline to the end of the fill (after full collections), per request added. */
  readonly bytesPerRequest: number;
  /** Used heap at the end of the fill, in bytes. */
  readonly heapUsedPeak: number;
}

function collect(): void {
  const gc = globalThis.gc;
  if (gc === undefined) throw new Error('Memory figures need a full collection: run node with --expose-gc.');
  // Two passes: the first may only schedule finalisation of what the second reclaims.
  gc();
  gc();
}

/**
 * Builds the in-flight scenario, measures the used heap (after full collections) at the baseline and
 * with about `count` requests in flight, and divides the growth by the requests added. What a
 * request holds is all in the growth: its request and attempt records, its agenda entry while in
 * service, its place in the replica's queue or set of held requests, and the growth of those arrays.
 */
export function measureInFlight(kind: InFlightKind, count: number, replicas: number, seed: number): InFlightMemory {
  const sim = buildTraffic(inFlightShape(kind, count, replicas), seed);
  const points: { inFlight: number; heap: number }[] = [];
  fillInFlight(sim, (inFlight) => {
    collect();
    points.push({ inFlight, heap: process.memoryUsage().heapUsed });
  });
  const [start, end] = [points[0]!, points[1]!];
  return {
    inFlight: end.inFlight,
    bytesPerRequest: (end.heap - start.heap) / (end.inFlight - start.inFlight),
    heapUsedPeak: end.heap,
  };
}
