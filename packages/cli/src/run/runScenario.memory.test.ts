import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createSimulation, type ScenarioInput } from '@berth/cluster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NdjsonEventWriter } from './NdjsonEventWriter.js';
import { runScenario } from './runScenario.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** A steady workload: 30 replicas that each run 2 minutes and are replaced, for as long as the run lasts. */
const STEADY: ScenarioInput = {
  hosts: [{ group: 'n', count: 10, capacity: { cpu: '8', memory: '32Gi' } }],
  services: { web: { replicas: 30, template: { requests: { cpu: '500m', memory: '1Gi' }, duration: '2m' } } },
};
const HOUR = 3_600_000;
const dir = mkdtempSync(join(tmpdir(), 'berth-memory-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function heapUsed(): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

/** Heap still held after one run of `hours` (the simulation kept alive), and the run's event count. */
function retainedOnce(hours: number, run: (until: number) => { size: number; keepAlive: unknown }) {
  const before = heapUsed();
  const { size, keepAlive } = run(hours * HOUR);
  const after = heapUsed();
  expect(keepAlive).toBeDefined();
  return { bytes: after - before, events: size };
}

/**
 * The smaller of two such readings: what a run keeps only adds to the heap, while noise (code compiled, caches
 * filled on first use) comes and goes between two readings. Each reading is its own call, so nothing of the
 * first run is still held when the second starts.
 */
function retained(hours: number, run: (until: number) => { size: number; keepAlive: unknown }) {
  const first = retainedOnce(hours, run);
  const second = retainedOnce(hours, run);
  return first.bytes <= second.bytes ? first : second;
}

/** As `berth run --events file`: no event kept in memory, every event streamed to a file, metrics collected. */
function asBerthRun(until: number) {
  const writer = new NdjsonEventWriter(join(dir, `events-${until}.ndjson`));
  const outcome = runScenario(STEADY, { until, onEvent: writer.write });
  writer.close();
  expect(statSync(writer.path).size).toBeGreaterThan(0);
  expect(writer.count).toBe(outcome.sim.log.size);
  return { size: outcome.sim.log.size, keepAlive: outcome };
}

/** The simulation alone, log off: what the model itself keeps. */
function bare(until: number) {
  const sim = createSimulation(STEADY, { eventLog: { keep: 'none' } }).run(until);
  return { size: sim.log.size, keepAlive: sim };
}

function keepingAll(until: number) {
  const sim = createSimulation(STEADY, { eventLog: { keep: 'all' } }).run(until);
  return { size: sim.log.size, keepAlive: sim };
}

describe('memory over simulated time, steady workload', () => {
  let bareGrowth = 0;
  beforeAll(() => {
    // One run of each kind first, so that compiling the code is not counted against the first measurement.
    for (const run of [bare, asBerthRun, keepingAll]) run(HOUR);
    bareGrowth = retained(10, bare).bytes - retained(1, bare).bytes;
  }, 120_000);

  it('berth run keeps nothing per event: memory is flat from 1 h to 10 h', () => {
    const run1 = retained(1, asBerthRun);
    const run10 = retained(10, asBerthRun);
    expect(run10.events).toBeGreaterThan(9 * run1.events);
    // berth run streams events and forgets finished containers (keepFinished: false): less than 1 MB
    // more over 9 extra hours and about 57,000 extra events, while the simulation keeping its
    // finished containers grows by about 1 KB per container.
    expect(Math.abs(run10.bytes - run1.bytes)).toBeLessThan(2 ** 20);
    expect(bareGrowth).toBeGreaterThan(4 * 2 ** 20);
  });

  it('keeping the whole log does grow with time, so the measurement would see it', () => {
    const all1 = retained(1, keepingAll);
    const all10 = retained(10, keepingAll);
    const logGrowth = all10.bytes - all1.bytes - bareGrowth;
    // At least 40 bytes per extra event kept (an event object holds 4-6 fields).
    expect(logGrowth).toBeGreaterThan(40 * (all10.events - all1.events));
  });
});

describe('memory of a run far past its horizon (issue 15)', () => {
  // The steady workload with a 1-minute horizon: metric series sample every 0.3 s, so 1,000 horizons
  // (about 16.7 h) would hold 200,000 points per series; MAX_SERIES_POINTS keeps 4,096 at most.
  const SHORT: ScenarioInput = { ...STEADY, horizon: '1m' };
  const MINUTE = 60_000;
  let points = 0;
  function pastHorizon(until: number) {
    const outcome = runScenario(SHORT, { until });
    points = outcome.metrics.hosts.series.length;
    return { size: outcome.sim.log.size, keepAlive: outcome };
  }

  it('is flat from 100 to 1,000 horizons: the series are merged, not grown', () => {
    const at100 = retained((100 * MINUTE) / HOUR, pastHorizon);
    const at1000 = retained((1000 * MINUTE) / HOUR, pastHorizon);
    expect(at1000.events).toBeGreaterThan(9 * at100.events);
    expect(points).toBeLessThanOrEqual(4097);
    // Measured: a few hundred KB either way (GC noise); 200,000 points in each of the series would be
    // over 10 MB.
    const growth = at1000.bytes - at100.bytes;
    expect(Math.abs(growth), `heap growth from 100 to 1,000 horizons: ${growth} bytes`).toBeLessThan(2 ** 20);
  });
});
