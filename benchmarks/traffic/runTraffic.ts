import { performance } from 'node:perf_hooks';
import { createSimulation, type RequestFigures, type Simulation } from '@berth/cluster';
import { type SteadyLoad, steadyShape } from './steadyLoad.js';
import { REQUEST, SERVICE, SOURCE, type TrafficShape, trafficScenario } from './trafficScenario.js';

/** What one timed traffic run reports. */
export interface TrafficRun {
  /** Wall time of the timed part alone (not building, not the warm-up). */
  readonly seconds: number;
  /** Requests answered in the timed part. */
  readonly events: number;
  /** Simulated time at the end of the run. */
  readonly endTime: number;
  /** What the clients saw over the whole run. */
  readonly figures: RequestFigures;
  /** Most served by one replica over the mean (1 = perfectly even). */
  readonly imbalance: number;
}

/** Builds a traffic scenario with the event log off (a clean run records no event per request anyway). */
export function buildTraffic(shape: TrafficShape, seed: number): Simulation {
  return createSimulation(trafficScenario(shape, seed), { eventLog: { keep: 'none' } });
}

function failures(figures: RequestFigures): number {
  return Object.values(figures.failed).reduce((a, b) => a + b, 0);
}

/**
 * Throws unless every request sent so far was answered or is still in flight and none failed: a
 * figure must not hide refusals or failures. Returns the clients' figures.
 */
export function checkClean(sim: Simulation): RequestFigures {
  const report = sim.traffic();
  const figures = report.sources[SOURCE]!;
  const failed = failures(figures) + failures(report.requests[REQUEST]!);
  if (failed > 0 || figures.succeeded + figures.inFlight !== figures.sent) {
    throw new Error(
      `traffic run: expected every request answered or in flight, got ${figures.sent} sent, ` +
        `${figures.succeeded} answered, ${figures.inFlight} in flight, ${failed} failed`,
    );
  }
  return figures;
}

/**
 * Runs the steady load: builds it and runs the warm-up untimed, collects, then times the rest to the
 * horizon with the wall clock. Throws unless the run is clean (see {@link checkClean}) and every
 * replica served.
 */
export function runTraffic(load: SteadyLoad, seed: number): TrafficRun {
  const sim = buildTraffic(steadyShape(load), seed);
  sim.run(load.warmupMs);
  const before = sim.traffic().sources[SOURCE]!.succeeded;
  // Building and warming up are not timed, and neither is collecting what they left behind.
  globalThis.gc?.();
  const start = performance.now();
  sim.run();
  const seconds = (performance.now() - start) / 1000;
  const figures = checkClean(sim);
  const service = sim.traffic().services[SERVICE]!;
  const served = Object.keys(service.served).length;
  if (served !== load.replicas) {
    throw new Error(`traffic run: expected all ${load.replicas} replicas to serve, ${served} did`);
  }
  return { seconds, events: figures.succeeded - before, endTime: sim.now, figures, imbalance: service.imbalance };
}
