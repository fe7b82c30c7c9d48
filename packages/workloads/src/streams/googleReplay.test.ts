import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createSimulation, type ScenarioInput } from '@berth/cluster';
import { afterAll, describe, expect, it } from 'vitest';
import { syntheticGoogleMachineEvents, syntheticGoogleTaskEvents } from '../synthetic/syntheticGoogleTrace.js';
import { googleReplay } from './googleReplay.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-replay-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fixture = (name: string) => fileURLToPath(new URL(`../../test/fixtures/${name}`, import.meta.url));

/** No host of its own: the trace's machine_events add them, then its task_events come. */
const REPLAY: ScenarioInput = {
  seed: 1,
  hosts: [],
  scheduler: { strategy: 'best-fit' },
  streams: [
    {
      name: 'machines',
      trace: { format: 'google-2011-machine-events', files: [fixture('google-machine_events.csv')] },
    },
    { name: 'tasks', trace: { format: 'google-2011-task-events', files: [fixture('google-task_events.csv')] } },
  ],
};

describe('googleReplay', () => {
  it('replays machines and tasks and says how the placements and evictions differ from the trace', async () => {
    const replay = googleReplay();
    const sim = createSimulation(REPLAY, { traceStreams: replay.traceStreams });
    await sim.runAsync();
    const [machines, tasks] = sim.streamReports();
    expect(machines).toMatchObject({ hostsAdded: 4, hostsRemoved: 1, hostsRestored: 1, hostsResized: 1, done: true });
    expect(machines!.source).toMatchObject({
      rows: 8,
      malformed: 2,
      skipped: { 'ADD of a machine without capacity': 1 },
    });
    // Machine 13 is a whole reference machine: 32 cores, 128 GiB; machine 14 a quarter of its cpu.
    // Machine 12's UPDATE at 95 s doubled its memory (0.2493 → 0.4995 of 128 GiB, normalised as ADD's).
    expect(sim.cluster.hosts.map((h) => [h.name, h.capacity[0], h.capacity[1]])).toEqual([
      ['machine-11', 16_000, 0.2493 * 131_072],
      ['machine-12', 16_000, 0.4995 * 131_072],
      ['machine-13', 32_000, 131_072],
      ['machine-14', 8_000, 0.2493 * 131_072],
    ]);
    expect(tasks).toMatchObject({ submitted: 4, ended: 3, done: true });
    // Berth (best-fit) put 6000/0 and 6000/1 both on machine-11 at once; the trace waited 1 s and put
    // 6000/1 on machine 12. 7000/0 (a quarter of the reference memory) fits only machine-13 in Berth,
    // the trace put it on 11; the resubmitted 6000/1 went to 13 in both.
    expect([...sim.allContainers()].map((c) => [c.name, c.host?.name, c.scheduledAt])).toEqual([
      ['tasks-0', 'machine-11', 0],
      ['tasks-1', 'machine-11', 0],
      ['tasks-2', 'machine-13', 5000],
      ['tasks-3', 'machine-13', 121_000],
    ]);
    expect(replay.report()).toEqual({
      submitted: 4,
      traceScheduled: 4,
      berthPlaced: 4,
      bothPlaced: 4,
      sameMachine: 2,
      onlyTracePlaced: 0,
      onlyBerthPlaced: 0,
      // Every SCHEDULE is 1 s after its SUBMIT; Berth placed each at once.
      traceMeanWaitMs: 1000,
      berthMeanWaitMs: 0,
      traceEvictions: 1,
      berthEvictions: 0,
      evictedByBoth: 0,
      // 7000/0 is still running when the trace ends: it counts above, not here.
      traceEnds: { FINISH: 2, EVICT: 1 },
    });
  });

  it('on a synthetic stream with the trace’s schema: counts add up, Berth preempts where the trace evicts, and a replay repeats', async () => {
    const jobs = Array.from({ length: 400 }, (_, i) => ({
      time: 600_000_000 + i * 1_500_000,
      jobId: String(9000 + i),
    }));
    const options = { seed: 8, machines: 12, meanRunMicros: 300_000_000 };
    const tasksFile = join(dir, 'task_events.csv.gz');
    const machinesFile = join(dir, 'machine_events.csv');
    const lines: string[] = [];
    for await (const line of syntheticGoogleTaskEvents(jobs, options)) lines.push(line);
    writeFileSync(tasksFile, gzipSync(lines.join('')));
    writeFileSync(machinesFile, [...syntheticGoogleMachineEvents(options)].join(''));
    const scenario: ScenarioInput = {
      hosts: [],
      scheduler: { strategy: 'kubernetes' },
      streams: [
        { name: 'machines', trace: { format: 'google-2011-machine-events', files: [machinesFile] } },
        { name: 'tasks', trace: { format: 'google-2011-task-events', files: [tasksFile] } },
      ],
    };
    const run = async () => {
      const replay = googleReplay();
      const sim = createSimulation(scenario, { traceStreams: replay.traceStreams, eventLog: { keep: 'none' } });
      await sim.runAsync();
      return { report: replay.report(), streams: sim.streamReports() };
    };
    const first = await run();
    const { report } = first;
    const count = (code: string) => lines.filter((l) => l.split(',')[5] === code).length;
    expect(report.submitted).toBe(count('0'));
    expect(report.traceScheduled).toBe(count('1'));
    expect(report.traceEvictions).toBe(count('2'));
    expect(report.traceEnds).toEqual({ EVICT: count('2'), FAIL: count('3'), FINISH: count('4'), KILL: count('5') });
    expect(report.bothPlaced).toBeLessThanOrEqual(Math.min(report.traceScheduled, report.berthPlaced));
    expect(report.sameMachine).toBeLessThanOrEqual(report.bothPlaced);
    // The trace's machines are random among 12; Berth's are its own choice: they agree about 1 time in 12
    // at most by chance, far from always.
    expect(report.sameMachine).toBeLessThan(report.bothPlaced / 3);
    // About 2,000 tasks of up to 1/16 of a machine for 5 min each, 1.5 s apart per job: the 12 machines fill,
    // so Berth preempts low-priority tasks, which the trace ended otherwise.
    expect(report.berthEvictions).toBeGreaterThan(0);
    expect(report.traceMeanWaitMs).toBeGreaterThan(0);
    expect(await run()).toEqual(first);
  });
});
