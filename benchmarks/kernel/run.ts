import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { cpuModel, positiveInteger } from '../machine.js';
import { runBareLoop } from './bareLoop.js';
import { runCallbackModel } from './callbackModel.js';
import { runGeneratorModel } from './generatorModel.js';
import { type Contestant, interleave, median, pairedRatio, type Sample } from './interleave.js';
import type { ModelOutcome, ModelSize } from './modelSize.js';
import { measurePending } from './pendingMemory.js';
import { PYTHON, runSimpyModel, simpyPendingBytes, simpyUnavailableReason } from './runSimpy.js';

const { values: args } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    processes: { type: 'string' },
    timeouts: { type: 'string' },
    rounds: { type: 'string' },
    pending: { type: 'string' },
    seed: { type: 'string', default: '42' },
    'no-simpy': { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
  strict: true,
});

const smoke = args.smoke;
const size: ModelSize = {
  processes: positiveInteger('processes', args.processes, smoke ? 20 : 1000),
  timeouts: positiveInteger('timeouts', args.timeouts, smoke ? 50 : 1000),
};
const rounds = positiveInteger('rounds', args.rounds, smoke ? 2 : 7);
const pendingCount = positiveInteger('pending', args.pending, smoke ? 10_000 : 1_000_000);
const seed = positiveInteger('seed', args.seed, 42);

const GENERATOR = 'generator API';
const CALLBACK = 'callback API (reschedule)';
const CALLBACK_NEW = 'callback API (schedule)';
const BARE = 'bare loop';
const SIMPY = 'SimPy 3';

function timed(model: () => ModelOutcome): () => Sample {
  return () => {
    const start = performance.now();
    const outcome = model();
    return { seconds: (performance.now() - start) / 1000, ...outcome };
  };
}

const contestants: Contestant[] = [
  { name: GENERATOR, run: timed(() => runGeneratorModel(size, seed)) },
  { name: CALLBACK, run: timed(() => runCallbackModel(size, seed, true)) },
  { name: CALLBACK_NEW, run: timed(() => runCallbackModel(size, seed, false)) },
  { name: BARE, run: timed(() => runBareLoop(size, seed)) },
];
const simpyMissing = args['no-simpy'] ? 'left out (--no-simpy)' : simpyUnavailableReason();
let simpyVersion = '';
if (simpyMissing === null) {
  contestants.push({
    name: SIMPY,
    run: () => {
      const result = runSimpyModel(size, seed);
      simpyVersion = result.version;
      return result;
    },
  });
} else {
  console.error(`Skipping SimPy: ${simpyMissing}.`);
}

// Every JavaScript variant draws the same delays in the same order, so they must end at the same instant.
const endTimes = new Map<string, number>();
const rates = interleave(contestants, rounds, (name, round, sample) => {
  if (args.verbose) console.error(`round ${round} ${name}: ${(sample.events / sample.seconds).toFixed(0)} events/s`);
  if (name !== SIMPY) endTimes.set(name, sample.endTime);
});
const distinctEnds = new Set(endTimes.values());
if (distinctEnds.size !== 1) {
  throw new Error(`JavaScript variants disagree on the end time: ${JSON.stringify([...endTimes])}`);
}

const fmtRate = (r: number): string => Math.round(r).toLocaleString('en-US');
const fmtRatio = (r: number): string => `${r.toFixed(2)}×`;
const medians = new Map([...rates].map(([name, list]) => [name, median(list)]));
const hasSimpy = rates.has(SIMPY);

const cpu = cpuModel();

const out: string[] = [];
out.push(
  `## Kernel: ${size.processes.toLocaleString('en-US')} processes × ${size.timeouts.toLocaleString('en-US')} exponential timeouts`,
);
out.push('');
out.push(
  `Machine: ${availableParallelism()} CPUs (${cpu}), Node ${process.version}` +
    (hasSimpy ? `, SimPy ${simpyVersion} on ${PYTHON}` : '') +
    '.',
);
out.push(
  `Model: ${size.processes.toLocaleString('en-US')} processes × ${size.timeouts.toLocaleString('en-US')} timeouts = ` +
    `${(size.processes * size.timeouts).toLocaleString('en-US')} events, seed ${seed}; ` +
    `medians of ${rounds} interleaved rounds after one warm-up round.`,
);
out.push('');
out.push(
  `| variant | events/s (median) | min – max | vs bare loop |${hasSimpy ? ' vs SimPy 3 |' : ''}`,
  `|---|---:|---:|---:|${hasSimpy ? '---:|' : ''}`,
);
for (const [name, list] of rates) {
  const cells = [
    name,
    fmtRate(medians.get(name)!),
    `${fmtRate(Math.min(...list))} – ${fmtRate(Math.max(...list))}`,
    fmtRatio(pairedRatio(list, rates.get(BARE)!)),
  ];
  if (hasSimpy) cells.push(fmtRatio(pairedRatio(list, rates.get(SIMPY)!)));
  out.push(`| ${cells.join(' | ')} |`);
}
out.push('');
out.push(`All JavaScript variants ended at simulated time ${[...distinctEnds][0]} (same draws, same order).`);
out.push('');

const generator = rates.get(GENERATOR)!;
const callback = rates.get(CALLBACK)!;
const verdict = (ok: boolean): string => (ok ? 'met' : '**missed**');
const vsBare = pairedRatio(generator, rates.get(BARE)!);
const callbackVsGenerator = pairedRatio(callback, generator);
out.push(smoke ? 'Targets (not meaningful at smoke sizes):' : 'Targets:');
out.push('');
if (hasSimpy) {
  const vsSimpy = pairedRatio(generator, rates.get(SIMPY)!);
  out.push(`- generator API ≥ 5× SimPy 3: ${fmtRatio(vsSimpy)}, ${verdict(vsSimpy >= 5)}`);
} else {
  out.push(`- generator API ≥ 5× SimPy 3: not measured (${simpyMissing})`);
}
out.push(`- generator API ≥ 0.8× bare loop: ${fmtRatio(vsBare)}, ${verdict(vsBare >= 0.8)}`);
out.push(
  `- callback API faster than generator API: ${fmtRatio(callbackVsGenerator)}, ${verdict(callbackVsGenerator > 1)}`,
);
out.push('');

out.push(`### Memory with ${pendingCount.toLocaleString('en-US')} events pending`);
out.push('');
out.push('| API | bytes per pending event | heap used at peak |');
out.push('|---|---:|---:|');
const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
for (const [label, kind] of [
  ['generator API: `env.timeout(d)`', 'timeout'],
  ['callback API: `env.schedule(d, fn)`', 'callback'],
] as const) {
  const m = measurePending(kind, pendingCount, seed);
  out.push(`| ${label} | ${m.bytesPerEvent.toFixed(1)} | ${mib(m.heapUsedPeak)} |`);
}
if (hasSimpy) {
  out.push(`| SimPy 3: \`env.timeout(d)\` (tracemalloc) | ${simpyPendingBytes(pendingCount, seed).toFixed(1)} | – |`);
}
out.push('');
console.log(out.join('\n'));
