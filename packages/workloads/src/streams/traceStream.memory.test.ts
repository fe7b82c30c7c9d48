import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { createSimulation, type ScenarioInput } from '@berth/cluster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticGoogleTaskEvents } from '../synthetic/syntheticGoogleTrace.js';
import { TRACE_STREAMS } from './TRACE_STREAMS.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const HOUR_MICROS = 3_600_000_000;
const dir = mkdtempSync(join(tmpdir(), 'berth-trace-memory-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A gzipped task_events file (the trace's schema, synthetic rows) of `hours` of jobs, one every 2 s,
 * 1 to 5 tasks each running 2 minutes on average: about 5,400 tasks an hour, about 100 at a time.
 */
async function traceOf(hours: number): Promise<string> {
  const jobs = Array.from({ length: hours * 1800 }, (_, i) => ({ time: 600_000_000 + i * 2_000_000, jobId: `${i}` }));
  let text = '';
  for await (const line of syntheticGoogleTaskEvents(jobs, { seed: 5, meanRunMicros: 120_000_000 })) text += line;
  const file = join(dir, `task_events-${hours}h.csv.gz`);
  writeFileSync(file, gzipSync(text));
  return file;
}

function heapUsed(): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

/** Replays the file to its end, as `berth run` does (no event kept, finished containers forgotten). */
async function replay(file: string) {
  const scenario: ScenarioInput = {
    seed: 2,
    hosts: [{ group: 'n', count: 20, capacity: { cpu: '32', memory: '128Gi' } }],
    scheduler: { strategy: 'best-fit' },
    streams: [{ name: 'tasks', trace: { format: 'google-2011-task-events', files: [file] } }],
  };
  const sim = createSimulation(scenario, {
    traceStreams: TRACE_STREAMS,
    eventLog: { keep: 'none' },
    keepFinished: false,
  });
  await sim.runAsync();
  return sim;
}

/** Heap held after one replay with the simulation alive, and what it read. */
async function retainedOnce(file: string) {
  const before = heapUsed();
  const sim = await replay(file);
  const bytes = heapUsed() - before;
  const [report] = sim.streamReports();
  expect(report!.done).toBe(true);
  return { bytes, submitted: report!.submitted, rows: report!.source!.rows };
}

/**
 * The smaller of two such readings (noise only adds). Each reading is its own call: read in one loop, the
 * first replay's simulation can still be held when the second reading starts, which then reads nothing.
 */
async function retained(file: string) {
  const first = await retainedOnce(file);
  const second = await retainedOnce(file);
  return first.bytes <= second.bytes ? first : second;
}

describe('memory of a trace stream does not grow with the trace', () => {
  let oneHour = '';
  let fiveHours = '';
  beforeAll(async () => {
    oneHour = await traceOf(1);
    fiveHours = await traceOf(5);
    // Compile the code first, so that compiling is not counted against the first reading.
    await replay(oneHour);
  }, 120_000);

  it('a gzipped Google task_events file: flat from 1 h to 5 h of tasks', async () => {
    const one = await retained(oneHour);
    const five = await retained(fiveHours);
    expect(one.rows).toBeGreaterThan(HOUR_MICROS / 2_000_000);
    expect(five.submitted).toBeGreaterThan(4.5 * one.submitted);
    // Under 1 MiB over about 21,600 more tasks (under 50 bytes each); a container kept costs about 1 KB.
    expect(five.bytes - one.bytes).toBeLessThan(2 ** 20);
  }, 120_000);
});
