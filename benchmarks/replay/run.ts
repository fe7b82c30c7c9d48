import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { median } from '../kernel/interleave.js';
import { cpuModel, positiveInteger } from '../machine.js';
import { CLOUDSIM_SIZE, cloudsimShapeScenario, type ReplaySize } from './cloudsimShape.js';
import { type ReplayRun, runReplay } from './runReplay.js';

const { values: args } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    rounds: { type: 'string' },
    hosts: { type: 'string' },
    'long-running': { type: 'string' },
    'batch-tasks': { type: 'string' },
  },
  strict: true,
});

const smoke = args.smoke;
const rounds = positiveInteger('rounds', args.rounds, smoke ? 1 : 5);
const size: ReplaySize = {
  hosts: positiveInteger('hosts', args.hosts, smoke ? 200 : CLOUDSIM_SIZE.hosts),
  longRunning: positiveInteger('long-running', args['long-running'], smoke ? 400 : CLOUDSIM_SIZE.longRunning),
  batchTasks: positiveInteger('batch-tasks', args['batch-tasks'], smoke ? 500 : CLOUDSIM_SIZE.batchTasks),
};
/** CloudSim Plus's time for its equivalent on a 2-core laptop, and the target here. */
const CLOUDSIM_SECONDS = 78;
const TARGET_SECONDS = 10;

const cpu = cpuModel();

const scenario = cloudsimShapeScenario(size);
const expected = size.longRunning + size.batchTasks;
const runs: ReplayRun[] = [];
const loadBefore = loadavg()[0]!;
// One warm-up replay (not counted), then the timed rounds, each from a collected heap.
for (let round = 0; round <= rounds; round++) {
  globalThis.gc?.();
  const run = runReplay(scenario, expected);
  if (round > 0) runs.push(run);
  console.error(
    `round ${round}${round === 0 ? ' (warm-up)' : ''}: build ${run.buildSeconds.toFixed(2)} s, run ${run.runSeconds.toFixed(2)} s, total ${run.totalSeconds.toFixed(2)} s, cpu ${run.cpuSeconds.toFixed(2)} s`,
  );
}
const loadAfter = loadavg()[0]!;

const pick = (f: (r: ReplayRun) => number) => median(runs.map(f));
const seconds = (s: number) => s.toFixed(2);
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const total = pick((r) => r.totalSeconds);
const cpuTotal = pick((r) => r.cpuSeconds);
const last = runs.at(-1)!;

console.log(`## Replay at scale: the CloudSim Plus comparison shape${smoke ? ' (smoke size)' : ''}\n`);
console.log(
  `Machine: ${cpus().length} CPUs (${cpu}), Node ${process.version}; load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after.`,
);
console.log(
  `Scenario (benchmarks/replay/cloudsimShape.ts): ${int(size.hosts)} hosts, ${int(size.longRunning)} long-running containers, ` +
    `${int(size.batchTasks)} batch tasks over the first hour, first-fit, run to 2 h of simulated time; ` +
    `medians of ${rounds} rounds after one warm-up.\n`,
);
console.log('| step | wall time (median) | min – max |');
console.log('| --- | ---: | ---: |');
const row = (label: string, f: (r: ReplayRun) => number) => {
  const values = runs.map(f);
  console.log(
    `| ${label} | ${seconds(median(values))} s | ${seconds(Math.min(...values))} – ${seconds(Math.max(...values))} s |`,
  );
};
row('createSimulation (validate, build hosts, create replicas)', (r) => r.buildSeconds);
row('run to the horizon', (r) => r.runSeconds);
row('metrics report', (r) => r.reportSeconds);
row('**total**', (r) => r.totalSeconds);
row('CPU time of the whole replay (user + system)', (r) => r.cpuSeconds);
console.log('');
console.log(
  `${int(last.placed)} containers placed, each at its first attempt; ${int(last.events)} cluster events ` +
    `(${int(last.events / pick((r) => r.runSeconds))} events/s while running); at most ${int(last.hostsUsedPeak)} hosts used; ` +
    `heap ${int(pick((r) => r.heapUsed) / 2 ** 20)} MiB in use at the end.\n`,
);
if (!smoke) {
  console.log(
    `Target: under ${TARGET_SECONDS} s: ${seconds(total)} s, ${total < TARGET_SECONDS ? 'met' : '**missed**'}; ` +
      `CPU time ${seconds(cpuTotal)} s. CloudSim Plus needs about ${CLOUDSIM_SECONDS} s (1.3 minutes) for its equivalent: ${(CLOUDSIM_SECONDS / total).toFixed(1)}× faster here.`,
  );
}
