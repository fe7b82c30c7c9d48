import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createSimulation, type ScenarioInput, type Simulation } from '@berth/cluster';
import { createRandom } from '@berth/kernel';
import { afterAll, describe, expect, it } from 'vitest';
import { readAlibabaBatchTasks } from '../alibaba2018/readAlibabaBatchTasks.js';
import { readAlibabaContainerMeta } from '../alibaba2018/readAlibabaContainerMeta.js';
import { readAlibabaMachineMeta } from '../alibaba2018/readAlibabaMachineMeta.js';
import { readAlibabaGpuNodes } from '../alibabaGpu2023/readAlibabaGpuNodes.js';
import { readAlibabaGpuPods } from '../alibabaGpu2023/readAlibabaGpuPods.js';
import type { TraceRecord } from '../convert/TraceRecord.js';
import { convertTrace } from '../convert/traceToScenario.js';
import type { TraceReader } from '../csv/TraceReader.js';
import { readGoogleJobEvents } from '../google2011/readGoogleJobEvents.js';
import { readGoogleMachineEvents } from '../google2011/readGoogleMachineEvents.js';
import { readGoogleTaskEvents } from '../google2011/readGoogleTaskEvents.js';
import { TRACE_STREAMS } from './TRACE_STREAMS.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../test/fixtures/${name}`, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'berth-trace-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CELL: ScenarioInput = {
  seed: 11,
  hosts: [{ group: 'm', count: 8, capacity: { cpu: '16', memory: '64Gi' } }],
  scheduler: { strategy: 'best-fit' },
};

function traceScenario(format: string, files: string[], extra: object = {}): ScenarioInput {
  return { ...CELL, streams: [{ name: 'g', trace: { format, files }, ...extra }] };
}

async function replay(scenario: ScenarioInput, until?: string): Promise<Simulation> {
  const sim = createSimulation(scenario, { traceStreams: TRACE_STREAMS });
  await sim.runAsync(until);
  return sim;
}

const digest = (sim: Simulation) => sim.events().map((e) => JSON.stringify(e));

/**
 * A synthetic task_events table with the trace's 13 columns (not real data): `jobs` jobs of 1-5 tasks
 * submitted over time, each task scheduled 1 s after its submission and ending (FINISH, FAIL or KILL)
 * after a lognormal run; rows in time order, as in the trace.
 */
function syntheticTaskEvents(jobs: number, seed: number): string[] {
  const rng = createRandom(seed).stream('trace');
  const rows: Array<{ t: number; line: string }> = [];
  for (let j = 0; j < jobs; j++) {
    const submit = 600_000_000 + j * 2_000_000;
    const tasks = rng.integer(1, 6);
    for (let i = 0; i < tasks; i++) {
      const cpu = [0.0125, 0.025, 0.0625][rng.integer(0, 3)]!;
      const mem = [0.0155, 0.031, 0.062][rng.integer(0, 3)]!;
      const row = (t: number, type: number, machine = '') =>
        rows.push({
          t,
          line: `${t},,${1000 + j},${i},${machine},${type},user,1,${rng.integer(0, 12)},${cpu},${mem},0.0001,0`,
        });
      row(submit, 0);
      row(submit + 1_000_000, 1, String(rng.integer(1, 9)));
      row(submit + 1_000_000 + Math.round(rng.lognormal(17, 1)), [4, 3, 5][rng.integer(0, 3)]!);
    }
  }
  // Stable sort by time: same-time rows keep their order, as a trace file's would.
  return rows.sort((a, b) => a.t - b.t).map((r) => r.line);
}

describe('trace streams', () => {
  it('replays Google task_events event by event, counting malformed rows and what it left out', async () => {
    const sim = await replay(traceScenario('google-2011-task-events', [fixture('google-task_events.csv')]));
    const [report] = sim.streamReports();
    // 17 lines: a comment, 12 good rows, 3 malformed (timestamp 'x', memory 'x', 3 columns) and event type 9.
    expect(report!.source).toMatchObject({ rows: 12, malformed: 4 });
    expect(report!.source!.firstErrors[0]).toMatch(/google-task_events\.csv: line 9: column 1 \(timestamp\)/);
    // SUBMITs: 6000/0, 6000/1, 7000/0, 6000/1 again after its EVICT, 9000/0... whose only event is a KILL (not submitted).
    expect(report).toMatchObject({ submitted: 4, done: true, late: 0 });
    expect(report!.source!.skipped).toEqual({ 'KILL of a task not submitted in the stream': 1 });
    // Task 6000/0 was scheduled at 1 s and finished at 61 s: Berth stops it then.
    const first = sim.container('g-0')!;
    expect(first.phase).toBe('succeeded');
    expect(first.finishedAt).toBe(61_000);
    // 0.0625 of the 32-core, 128 GiB reference machine: 2000 millicores, and 0.0312 × 131,072 MiB.
    expect([...first.spec.requests].slice(0, 2)).toEqual([2000, 0.0312 * 131_072]);
  });

  it('reads gzip the same as plain text', async () => {
    const plain = await replay(traceScenario('google-2011-task-events', [fixture('google-task_events.csv')]));
    const gz = await replay(traceScenario('google-2011-task-events', [fixture('google-task_events.csv.gz')]));
    expect(digest(gz)).toEqual(digest(plain));
  });

  const lines = syntheticTaskEvents(400, 3);
  const whole = join(dir, 'whole.csv');
  const firstHalf = join(dir, 'part-00000.csv.gz');
  const secondHalf = join(dir, 'part-00001.csv');
  writeFileSync(whole, `${lines.join('\n')}\n`);
  writeFileSync(firstHalf, gzipSync(`${lines.slice(0, 600).join('\n')}\n`));
  writeFileSync(secondHalf, `${lines.slice(600).join('\n')}\n`);

  it('gives identical results replayed twice, and as one piece or as two halves', async () => {
    const once = await replay(traceScenario('google-2011-task-events', [whole]));
    const twice = await replay(traceScenario('google-2011-task-events', [whole]));
    const halves = await replay(traceScenario('google-2011-task-events', [firstHalf, secondHalf]));
    const [report] = once.streamReports();
    expect(report!.submitted).toBe(lines.filter((l) => l.split(',')[5] === '0').length);
    expect(report!.submitted).toBeGreaterThan(900);
    expect(report!.source!.malformed).toBe(0);
    expect(once.counters.placed).toBe(report!.submitted);
    expect(digest(twice)).toEqual(digest(once));
    expect(digest(halves)).toEqual(digest(once));
    expect(halves.streamReports()[0]!.source!.rows).toBe(lines.length);
  });

  it('stops at the stream’s limit and until', async () => {
    const limited = await replay(traceScenario('google-2011-task-events', [whole], { limit: 25 }));
    expect(limited.streamReports()[0]!.submitted).toBe(25);
    const early = await replay(traceScenario('google-2011-task-events', [whole], { until: '700s' }));
    // Jobs arrive every 2 s from 600 s: the last before 700 s is job 49.
    expect([...early.allContainers()].every((c) => c.createdAt < 700_000)).toBe(true);
    expect(early.streamReports()[0]!.done).toBe(true);
  });

  // Every format of TRACE_STREAMS, streamed from its fixture: rows and malformed rows as its reader counts
  // them, and for the tables read through their converters, the hosts and containers `berth trace convert`
  // makes of the same file. The Google tables are streamed event by event (tested above and in googleReplay).
  const READERS: Record<string, { file: string; read: (file: string) => TraceReader<unknown> }> = {
    'google-2011-task-events': { file: 'google-task_events.csv', read: readGoogleTaskEvents },
    'google-2011-job-events': { file: 'google-job_events.csv', read: readGoogleJobEvents },
    'google-2011-machine-events': { file: 'google-machine_events.csv', read: readGoogleMachineEvents },
    'alibaba-2018-machine-meta': { file: 'alibaba-machine_meta.csv', read: readAlibabaMachineMeta },
    'alibaba-2018-container-meta': { file: 'alibaba-container_meta.csv', read: readAlibabaContainerMeta },
    'alibaba-2018-batch-task': { file: 'alibaba-batch_task.csv', read: readAlibabaBatchTasks },
    'alibaba-gpu-2023-nodes': { file: 'alibaba-gpu-nodes.csv', read: readAlibabaGpuNodes },
    'alibaba-gpu-2023-pods': { file: 'alibaba-gpu-pods.csv', read: readAlibabaGpuPods },
  };
  const CONVERTED = new Set(Object.keys(READERS).filter((f) => !f.startsWith('google-')));
  const HOST_TABLES = new Set(['alibaba-2018-machine-meta', 'alibaba-gpu-2023-nodes']);

  it('has a fixture for every format it streams', () => {
    // Azure invocation counts invoke a scenario's functions: streamed from their fixture in azureInvocations.test.ts.
    expect(Object.keys(TRACE_STREAMS).sort()).toEqual(
      [...Object.keys(READERS), 'azure-functions-2019-invocations'].sort(),
    );
  });

  for (const [format, { file, read }] of Object.entries(READERS)) {
    it(`streams ${format} with the rows its reader reads${CONVERTED.has(format) ? ', as berth trace convert converts it' : ''}`, async () => {
      const direct = read(fixture(file));
      const records = await direct.toArray();
      // Until a day: the GPU pods find no GPU on these hosts, and a pending container's retries never end.
      const sim = await replay(traceScenario(format, [fixture(file)]), '1d');
      const [report] = sim.streamReports();
      expect(report!.done).toBe(true);
      expect(report!.source).toMatchObject({ rows: direct.report.rows, malformed: direct.report.malformed });
      expect(report!.source!.rows).toBeGreaterThan(0);
      // Something of every table reaches the simulation: containers, or hosts.
      expect(report!.submitted + report!.hostsAdded).toBeGreaterThan(0);
      if (!CONVERTED.has(format)) return;
      // A table of hosts converts alone; a table of tasks needs hosts given (they are not counted as the trace's).
      const hostTable = HOST_TABLES.has(format);
      // Only the converted tables' records are TraceRecords (machine_events have no converter).
      const converted = await convertTrace(records as TraceRecord[], hostTable ? {} : { hosts: CELL.hosts });
      expect(report!.submitted).toBe(converted.report.tasks + converted.report.containers);
      expect(report!.hostsAdded).toBe(hostTable ? converted.report.hosts : 0);
      expect(report!.source!.skipped).toEqual(converted.report.skipped);
    });
  }

  it('names an unknown format with the known ones', () => {
    expect(() => createSimulation(traceScenario('nope', ['x.csv']), { traceStreams: TRACE_STREAMS })).toThrow(
      /unknown trace format 'nope'; known: google-2011-task-events, google-2011-job-events, google-2011-machine-events, alibaba-2018-machine-meta[\s\S]*→ at streams\[0\]\.trace\.format/,
    );
  });
});
