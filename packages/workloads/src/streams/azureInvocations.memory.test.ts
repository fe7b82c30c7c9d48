import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { createSimulation, type ScenarioInput } from '@berth/cluster';
import { createRandom } from '@berth/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRACE_STREAMS } from './TRACE_STREAMS.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const FUNCTIONS = 40;
/** Minute columns per file: a short "day", so that many files stay quick to replay. */
const MINUTES = 120;
const dir = mkdtempSync(join(tmpdir(), 'berth-azure-memory-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `days` gzipped invocation tables with the trace's columns (synthetic counts: 0 to 4 a minute per function). */
function daysOf(days: number): string[] {
  const rng = createRandom(7).stream('counts');
  const header = `HashOwner,HashApp,HashFunction,Trigger,${Array.from({ length: MINUTES }, (_, m) => m + 1).join(',')}`;
  return Array.from({ length: days }, (_, d) => {
    const rows = Array.from({ length: FUNCTIONS }, (_, f) => {
      const counts = Array.from({ length: MINUTES }, () => rng.integer(0, 5));
      return `o,a${f},f${f},http,${counts.join(',')}`;
    });
    const file = join(dir, `invocations-${days}-d${String(d + 1).padStart(2, '0')}.csv.gz`);
    writeFileSync(file, gzipSync(`${header}\n${rows.join('\n')}\n`));
    return file;
  });
}

function heapUsed(): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

/**
 * Replays the files as `berth run` does (no event kept, finished containers forgotten) to the middle of
 * the last one, so that the reading is taken while the stream holds a file and has read all before it.
 */
async function replay(files: string[]) {
  const definitions = Object.fromEntries(
    Array.from({ length: FUNCTIONS }, (_, f) => [
      `f${f}`,
      { memory: 128, handler: { dist: 'constant' as const, value: 200 } },
    ]),
  );
  const scenario: ScenarioInput = {
    seed: 2,
    horizon: files.length * MINUTES * 60_000,
    hosts: [{ group: 'n', count: 4, capacity: { cpu: '64', memory: '256Gi' } }],
    functions: { platform: 'lambda', definitions },
    streams: [{ name: 'azure', trace: { format: 'azure-functions-2019-invocations', files } }],
  };
  const sim = createSimulation(scenario, {
    traceStreams: TRACE_STREAMS,
    eventLog: { keep: 'none' },
    keepFinished: false,
  });
  await sim.runAsync((files.length - 0.5) * MINUTES * 60_000);
  return sim;
}

async function retainedOnce(files: string[]) {
  const before = heapUsed();
  const sim = await replay(files);
  const bytes = heapUsed() - before;
  const [report] = sim.streamReports();
  expect(report!.done).toBe(false);
  return { bytes, invoked: report!.invoked };
}

/** The smaller of two readings (noise only adds), each its own call (see traceStream.memory.test.ts). */
async function retained(files: string[]) {
  const first = await retainedOnce(files);
  const second = await retainedOnce(files);
  return first.bytes <= second.bytes ? first : second;
}

describe('memory of an Azure invocations stream does not grow with the trace', () => {
  let oneDay: string[] = [];
  let sixDays: string[] = [];
  beforeAll(async () => {
    oneDay = daysOf(1);
    sixDays = daysOf(6);
    // Compile the code first, so that compiling is not counted against the first reading.
    await replay(oneDay);
  }, 120_000);

  it('gzipped day files: flat from 1 to 6 files', async () => {
    const one = await retained(oneDay);
    const six = await retained(sixDays);
    // About 2 invocations a minute per function: about 4,800 in half a file, 52,800 in five and a half.
    expect(one.invoked).toBeGreaterThan(4_000);
    expect(six.invoked).toBeGreaterThan(10 * one.invoked);
    // Under 1 MiB over about 48,000 more invocations (about 20 bytes each); a function instance kept costs about 1 KB.
    expect(six.bytes - one.bytes).toBeLessThan(2 ** 20);
  }, 120_000);
});
