import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createSimulation } from '@berth/cluster';
import { runBareLoop } from '../kernel/bareLoop.js';
import { type Contestant, interleave, median, pairedRatio } from '../kernel/interleave.js';
import type { ModelSize } from '../kernel/modelSize.js';
import { cpuModel, positiveInteger } from '../machine.js';
import { loadAzureSlice, sliceScenario } from './azureSlice.js';
import { keepAliveStudy, STUDY_POLICIES } from './keepAliveStudy.js';

const { values: args } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    rounds: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    clock: { type: 'string', default: 'wall' },
  },
  strict: true,
});

const smoke = args.smoke;
if (args.clock !== 'wall' && args.clock !== 'cpu') throw new Error(`--clock: expected wall or cpu, got ${args.clock}`);
/**
 * Seconds on the chosen clock: wall time, or this process's cpu time (user + system, every thread), for
 * a machine shared with other work, where wall time measures the others as much as this run.
 */
const seconds = (): number => {
  if (args.clock === 'wall') return performance.now() / 1000;
  const used = process.cpuUsage();
  return (used.user + used.system) / 1e6;
};
const rounds = positiveInteger('rounds', args.rounds, smoke ? 1 : 7);
const bareSize: ModelSize = smoke ? { processes: 20, timeouts: 50 } : { processes: 1000, timeouts: 1000 };
/** The target of issue 12: simulated invocations per second of wall time, on the slice. */
const TARGET = 1_000_000;
const SLICE = 'Azure slice, fixed 10 min (invocations/s)';
const BARE = 'bare loop (events/s)';

const slice = await loadAzureSlice();
const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const loadBefore = loadavg()
  .map((l) => l.toFixed(2))
  .join(', ');

const out: string[] = [];
out.push('## Serverless functions on the Azure Functions 2019 slice (issue 12)');
out.push('');
out.push(`Machine: ${availableParallelism()} CPUs (${cpuModel()}), Node ${process.version}.`);
out.push(
  `Workload: the real 100-function slice (${int(slice.invocations)} invocations over ${slice.minutes} minutes, ` +
    `${slice.malformed} malformed rows), counts per minute replayed at uniform times within each minute, ` +
    'app memory, lognormal handlers; `lambda` preset with the account and scaling limits lifted; seed 1.',
);
out.push('');

const policies = smoke ? STUDY_POLICIES.filter(([l]) => l === 'fixed 10 min' || l === 'hybrid 4 h') : STUDY_POLICIES;
const points = keepAliveStudy(slice, policies);
out.push('### Keep-alive: 75th-percentile application cold-start % against wasted memory');
out.push('');
out.push(
  '| policy | p75 app cold-start % | idle memory (GB-h) | normalised wasted memory | cold starts (all) | Pareto front |',
);
out.push('|---|---:|---:|---:|---:|:---:|');
for (const p of points) {
  out.push(
    `| ${p.label} | ${p.p75ColdStartPercent.toFixed(1)} | ${(p.idleGbSeconds / 3600).toFixed(1)} | ` +
      `${p.normalisedWaste.toFixed(3)} | ${(100 * p.coldStartRatio).toFixed(2)}% | ${p.pareto ? 'yes' : ''} |`,
  );
}
out.push('');

let lastRate = 0;
const contestants: Contestant[] = [
  {
    name: SLICE,
    run: () => {
      const sim = createSimulation(sliceScenario(slice, { policy: 'fixed', ttl: '10m' }), {
        eventLog: { keep: 'none' },
        keepFinished: false,
      });
      const start = seconds();
      sim.run();
      const took = seconds() - start;
      const arrived = sim.functions()!.total.arrived;
      lastRate = arrived / took;
      return { seconds: took, events: arrived, endTime: sim.now };
    },
  },
  {
    name: BARE,
    run: () => {
      const start = seconds();
      const outcome = runBareLoop(bareSize, 42);
      return { seconds: seconds() - start, ...outcome };
    },
  },
];
const rates = interleave(contestants, rounds, (name, round, sample) => {
  if (args.verbose) console.error(`round ${round} ${name}: ${int(sample.events / sample.seconds)}/s`);
});
const fn = rates.get(SLICE)!;
const bare = rates.get(BARE)!;
const rate = median(fn);
out.push(
  `### Speed (${rounds} rounds after a warm-up, interleaved with the kernel's bare loop; ${args.clock === 'wall' ? 'wall time' : 'cpu time of this process'})`,
);
out.push('');
out.push('| variant | per second (median) | min – max | vs bare loop |');
out.push('|---|---:|---:|---:|');
out.push(
  `| ${SLICE} | ${int(rate)} | ${int(Math.min(...fn))} – ${int(Math.max(...fn))} | ${pairedRatio(fn, bare).toFixed(3)}× |`,
);
out.push(`| ${BARE} | ${int(median(bare))} | ${int(Math.min(...bare))} – ${int(Math.max(...bare))} | 1× |`);
out.push('');
out.push(
  `${smoke ? 'Target (not meaningful at smoke sizes)' : 'Target'}: ≥ ${int(TARGET)} simulated invocations/s${args.clock === 'cpu' ? ' (here per second of cpu time, not wall time)' : ''}: ` +
    `${int(rate)}, ${rate >= TARGET ? 'met' : '**missed**'} (last round ${int(lastRate)}/s).`,
);
out.push(
  `Load average before: ${loadBefore}; after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(', ')}.`,
);
console.log(out.join('\n'));
