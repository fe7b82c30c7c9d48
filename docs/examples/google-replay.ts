// Replaying a Google 2011 cell (machines and tasks) with two strategies, compared with the trace's own decisions.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSimulation, type ScenarioInput } from '@berth/cluster';
import { googleReplay, syntheticGoogleMachineEvents, syntheticGoogleTaskEvents } from '@berth/workloads';

// #region tables
// The real task and machine tables are 41 GB; here, synthetic ones with the trace's schema: 600 jobs
// submitted 2 s apart from the trace's start (600 s), on 40 machines of three shapes.
const dir = mkdtempSync(join(tmpdir(), 'berth-google-'));
const jobs = Array.from({ length: 600 }, (_, i) => ({ time: 600_000_000 + i * 2_000_000, jobId: String(1000 + i) }));
const options = { seed: 7, machines: 40, meanRunMicros: 240_000_000 };
let tasks = '';
for await (const line of syntheticGoogleTaskEvents(jobs, options)) tasks += line;
writeFileSync(join(dir, 'task_events.csv'), tasks);
writeFileSync(join(dir, 'machine_events.csv'), [...syntheticGoogleMachineEvents(options)].join(''));
// #endregion tables

// #region replay
const cell = (strategy: string): ScenarioInput => ({
  hosts: [], // the trace's machine_events add them
  scheduler: { strategy },
  streams: [
    { name: 'machines', trace: { format: 'google-2011-machine-events', files: [join(dir, 'machine_events.csv')] } },
    { name: 'tasks', trace: { format: 'google-2011-task-events', files: [join(dir, 'task_events.csv')] } },
  ],
});
for (const strategy of ['kubernetes', 'best-fit']) {
  const replay = googleReplay();
  const sim = createSimulation(cell(strategy), { traceStreams: replay.traceStreams, eventLog: { keep: 'none' } });
  const used = new Set<string>();
  sim.log.subscribe((e) => e.type === 'container.scheduled' && used.add(e.host), ['container.scheduled']);
  await sim.runAsync();
  const r = replay.report();
  console.log(`${strategy}: ${r.submitted} submissions, ${r.berthPlaced} placed (the trace: ${r.traceScheduled})`);
  console.log(`  on ${used.size} of ${sim.cluster.hosts.length} machines`);
  console.log(`  same machine as the trace: ${r.sameMachine} of ${r.bothPlaced} placed by both`);
  console.log(
    `  mean wait: ${(r.berthMeanWaitMs ?? 0).toFixed(0)} ms (the trace: ${(r.traceMeanWaitMs ?? 0).toFixed(0)} ms)`,
  );
  console.log(`  evictions: ${r.berthEvictions} (the trace: ${r.traceEvictions}, both: ${r.evictedByBoth})`);
}
// #endregion replay
rmSync(dir, { recursive: true, force: true });
