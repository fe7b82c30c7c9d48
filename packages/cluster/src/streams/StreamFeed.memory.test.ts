import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../scenario/scenarioSchema.js';
import { compileTemplate } from '../simulation/compileTemplate.js';
import { createSimulation } from '../simulation/Simulation.js';
import type { StreamItem } from './StreamItem.js';
import type { WorkloadSource } from './WorkloadSource.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const HOUR = 3_600_000;
/** Batch tasks at 5/s, 40 s on average: about 200 running at a time, 18,000 more per simulated hour. */
const STREAMED: ScenarioInput = {
  seed: 3,
  hosts: [{ group: 'n', count: 20, capacity: { cpu: '16', memory: '64Gi' } }],
  scheduler: { strategy: 'first-fit' },
  streams: [
    {
      name: 'batch',
      arrivals: { process: 'poisson', rate: 5 },
      template: { requests: { cpu: '500m', memory: '1Gi' } },
      duration: { dist: 'lognormal', mean: '40s', cv: 1 },
    },
  ],
};

function heapUsed(): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

/** Heap held after one run of `hours` with the simulation alive, and what it submitted. */
async function retainedOnce(hours: number, run: (until: number) => Promise<{ keepAlive: unknown; submitted: number }>) {
  const before = heapUsed();
  const { keepAlive, submitted } = await run(hours * HOUR);
  const bytes = heapUsed() - before;
  expect(keepAlive).toBeDefined();
  return { bytes, submitted };
}

/**
 * The smaller of two such readings (noise only adds). Each reading is its own call: read in one loop, the
 * first run's simulation can still be held when the second reading starts, and the second then reads
 * nothing whatever a run keeps.
 */
async function retained(hours: number, run: (until: number) => Promise<{ keepAlive: unknown; submitted: number }>) {
  const first = await retainedOnce(hours, run);
  const second = await retainedOnce(hours, run);
  return first.bytes <= second.bytes ? first : second;
}

const synthetic = async (until: number) => {
  const sim = createSimulation(STREAMED, { eventLog: { keep: 'none' }, keepFinished: false }).run(until);
  return { keepAlive: sim, submitted: sim.streamReports()[0]!.submitted };
};

/** Arrivals every 200 ms from an async iterator of the user's (a file being read, say), run with runAsync. */
const fromAsyncIterator = async (until: number) => {
  const source: WorkloadSource = {
    name: 'mine',
    open: ({ runtime }) => {
      const task = compileTemplate(runtime, { requests: { cpu: '500m', memory: '1Gi' }, duration: '40s' });
      return (async function* (): AsyncGenerator<StreamItem> {
        for (let i = 0; ; i++) {
          if (i % 64 === 0) await Promise.resolve();
          yield { type: 'submit', at: 200 * (i + 1), spec: task.spec(`mine-${i}`) };
        }
      })();
    },
  };
  const sim = createSimulation(
    { ...STREAMED, streams: [] },
    { eventLog: { keep: 'none' }, keepFinished: false, streams: [source] },
  );
  await sim.runAsync(until);
  return { keepAlive: sim, submitted: sim.streamReports()[0]!.submitted };
};

describe('memory of a stream does not grow with its length', () => {
  it('a synthetic stream: flat from 1 h to 5 h of arrivals', async () => {
    await synthetic(HOUR);
    const one = await retained(1, synthetic);
    const five = await retained(5, synthetic);
    // 5/s × 3,600 s: about 18,000 arrivals an hour, 72,000 more over 4 extra hours.
    expect(five.submitted).toBeGreaterThan(4.5 * one.submitted);
    // Less than 1 MiB over 72,000 more containers: under 15 bytes each; a container kept costs about 1 KB.
    expect(five.bytes - one.bytes).toBeLessThan(2 ** 20);
  });

  it('an endless async iterator: flat from 1 h to 5 h', async () => {
    await fromAsyncIterator(HOUR);
    const one = await retained(1, fromAsyncIterator);
    const five = await retained(5, fromAsyncIterator);
    // One every 200 ms before the end (the end itself is not run, as in sim.run).
    expect(one.submitted).toBe(17_999);
    expect(five.submitted).toBe(89_999);
    expect(five.bytes - one.bytes).toBeLessThan(2 ** 20);
  });
});
