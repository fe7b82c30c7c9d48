import { performance } from 'node:perf_hooks';
import { createSimulation } from '@berth/cluster';
import { cpuTime } from '../machine.js';
import { type BorgSize, borgCellScenario } from './borgCell.js';

/** The heap after a full collection, at one simulated time. */
export interface HeapPoint {
  readonly at: number;
  readonly heapMiB: number;
}

/** One strategy's run of the cell. */
export interface BorgRun {
  readonly strategy: string;
  /** Wall time of the run (building not included), s. */
  readonly seconds: number;
  /** CPU time of the process during the run, s. */
  readonly cpuSeconds: number;
  /** Seconds to build the simulation (hosts, service, first arrival). */
  readonly buildSeconds: number;
  readonly placements: number;
  readonly attempts: number;
  readonly submitted: number;
  /** Cluster events of the run. */
  readonly events: number;
  readonly heap: readonly HeapPoint[];
}

const MiB = 2 ** 20;

function heapAfterGc(): number {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed / MiB;
}

/**
 * Runs the cell on one strategy as `berth run` would (no event kept, finished containers forgotten),
 * in `points` equal slices of simulated time, reading the heap after a full collection at the end of
 * each (outside the timed part), told to `onPoint` with the CPU time and placements so far.
 */
export function runBorg(
  size: BorgSize,
  strategy: string,
  points: number,
  onPoint?: (point: HeapPoint, cpuSeconds: number, placements: number) => void,
): BorgRun {
  const buildStart = performance.now();
  const sim = createSimulation(borgCellScenario(size, strategy), { eventLog: { keep: 'none' }, keepFinished: false });
  const buildSeconds = (performance.now() - buildStart) / 1000;
  const heap: HeapPoint[] = [{ at: 0, heapMiB: heapAfterGc() }];
  let seconds = 0;
  let cpuSeconds = 0;
  for (let i = 1; i <= points; i++) {
    const until = (size.horizon * i) / points;
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    sim.run(until);
    seconds += (performance.now() - start) / 1000;
    cpuSeconds += cpuTime(process.cpuUsage(cpuStart));
    const point = { at: until, heapMiB: heapAfterGc() };
    heap.push(point);
    onPoint?.(point, cpuSeconds, sim.counters.placed);
  }
  const [batch] = sim.streamReports();
  return {
    strategy,
    seconds,
    cpuSeconds,
    buildSeconds,
    placements: sim.counters.placed,
    attempts: sim.counters.attempts,
    submitted: (batch?.submitted ?? 0) + size.replicas,
    events: sim.log.size,
    heap,
  };
}
