// Streaming workloads: a synthetic generator in the scenario, a trace read as the run goes, your own iterator.
import { fileURLToPath } from 'node:url';
import { compileTemplate, createSimulation, type ScenarioInput, type WorkloadSource } from '@berth/cluster';
import { TRACE_STREAMS } from '@berth/workloads';

// #region synthetic
const cell: ScenarioInput = {
  seed: 3,
  hosts: [
    { group: 'small', count: 20, capacity: { cpu: '8', memory: '32Gi' } },
    { group: 'large', count: 5, capacity: { cpu: '32', memory: '128Gi' } },
  ],
  scheduler: { strategy: 'best-fit' },
  streams: [
    {
      name: 'batch',
      arrivals: { process: 'poisson', rate: 10 },
      sizes: [
        { weight: 8, requests: { cpu: '500m', memory: '1Gi' } },
        { weight: 2, requests: { cpu: '2', memory: '8Gi' } },
      ],
      duration: { dist: 'lognormal', mean: '30s', cv: 2 },
    },
  ],
};
// Nothing is generated up front: each arrival is drawn when simulated time reaches the one before.
const sim = createSimulation(cell, { eventLog: { keep: 'none' }, keepFinished: false }).run('1h');
const [batch] = sim.streamReports();
console.log(`synthetic: ${batch!.submitted} tasks submitted in 1 h, ${sim.counters.placed} placed`);
// #endregion synthetic

// #region trace
// The same cell replaying a (hand-written) Google 2011 task_events file, read as the run goes.
const file = fileURLToPath(new URL('../../packages/workloads/test/fixtures/google-task_events.csv', import.meta.url));
const replay = createSimulation(
  { ...cell, streams: [{ name: 'google', trace: { format: 'google-2011-task-events', files: [file] } }] },
  { traceStreams: TRACE_STREAMS },
);
await replay.runAsync();
const [google] = replay.streamReports();
console.log(
  `trace: ${google!.source!.rows} rows read, ${google!.source!.malformed} malformed, ` +
    `${google!.submitted} tasks submitted, ${google!.ended} ended as the trace says`,
);
for (const error of google!.source!.firstErrors) console.log(`  ${error.slice(error.lastIndexOf('line '))}`);
// #endregion trace

// #region iterator
// Your own source: any iterable of items in time order (an async one for data you await).
const bursts: WorkloadSource = {
  name: 'bursts',
  open: ({ runtime }) => {
    const job = compileTemplate(runtime, { requests: { cpu: '4', memory: '8Gi' }, duration: '2m' });
    return (function* () {
      for (let minute = 0; minute < 10; minute++)
        for (let i = 0; i < 5; i++)
          yield { type: 'submit' as const, at: minute * 60_000, spec: job.spec(`burst-${minute}-${i}`) };
    })();
  },
};
const own = createSimulation({ ...cell, streams: [] }, { streams: [bursts] }).run('15m');
console.log(`iterator: ${own.streamReports()[0]!.submitted} submitted, ${own.counters.placed} placed`);
// #endregion iterator
