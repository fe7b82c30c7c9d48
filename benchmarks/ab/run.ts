// Same-process A/B benchmark of the working tree (B) against a git ref (A): both are compiled to
// JavaScript the same way outside the repository (CompiledBuild.ts), imported into this one process,
// and run alternately, round by round, on the kernel, scheduler and failure benchmarks (abCases.ts).
// Prints Markdown; exits 1 when the two sides produced different results on any case.
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CURRENT_CLUSTER } from '../cluster/ClusterApi.js';
import { runBareLoop } from '../kernel/bareLoop.js';
import { CURRENT_KERNEL } from '../kernel/KernelApi.js';
import { cpuModel, positiveInteger } from '../machine.js';
import { type AbCase, abCases, FULL_SIZES, SMOKE_SIZES } from './abCases.js';
import { alternate, type CaseOutcome } from './alternate.js';
import { commitBuild, workingTreeBuild } from './CompiledBuild.js';
import { DEFAULT_TOLERANCE, formatAbReport } from './formatAbReport.js';
import { loadBuild, loadHelpers, type Side } from './Side.js';

// `pnpm run bench:ab -- --ref x` hands the script its `--`: drop it, or every option after it is positional.
const argv = process.argv.slice(2);
if (argv[0] === '--') argv.shift();
const { values: args } = parseArgs({
  args: argv,
  options: {
    ref: { type: 'string' },
    rounds: { type: 'string' },
    tolerance: { type: 'string' },
    only: { type: 'string' },
    smoke: { type: 'boolean', default: false },
    'against-itself': { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
  strict: true,
});

const smoke = args.smoke;
const againstItself = args['against-itself'];
if ((args.ref === undefined) === !againstItself) {
  throw new Error('give --ref <git ref> (A) to compare with the working tree (B), or --against-itself, not both');
}
const rounds = positiveInteger('rounds', args.rounds, smoke ? 1 : 7);
const sizes = smoke ? SMOKE_SIZES : FULL_SIZES;
const tolerancePercent = args.tolerance === undefined ? DEFAULT_TOLERANCE * 100 : Number(args.tolerance);
if (!(Number.isFinite(tolerancePercent) && tolerancePercent >= 0)) {
  throw new Error(`--tolerance: expected a percentage (0 or more), got '${args.tolerance}'`);
}
const log = (line: string): void => console.error(line);

let cases: AbCase[] = abCases(sizes);
if (args.only !== undefined) {
  const wanted = args.only.split(',').map((id) => id.trim());
  const unknown = wanted.filter((id) => !cases.some((c) => c.id === id));
  if (unknown.length > 0) {
    throw new Error(`--only: no case ${unknown.join(', ')}; the cases are ${cases.map((c) => c.id).join(', ')}`);
  }
  cases = cases.filter((c) => wanted.includes(c.id));
}

const repo = fileURLToPath(new URL('..', import.meta.url));
let sides: [Side, Side];
const buildNotes: string[] = [];
if (againstItself) {
  // A test of the tool, not a measurement: both sides are this checkout's sources as the loader runs them.
  const label = 'the working tree, from its TypeScript sources (--against-itself: not a measurement of a change)';
  sides = [
    { name: 'A', label, kernel: CURRENT_KERNEL, cluster: CURRENT_CLUSTER, helpers: await loadHelpers('A') },
    { name: 'B', label, kernel: CURRENT_KERNEL, cluster: CURRENT_CLUSTER, helpers: await loadHelpers('B') },
  ];
} else {
  const buildA = commitBuild(repo, args.ref!, log);
  const buildB = workingTreeBuild(repo, log);
  for (const [name, build] of [
    ['A', buildA],
    ['B', buildB],
  ] as const) {
    const how = build.fresh ? 'built by this run' : 'reused';
    buildNotes.push(`Build ${name}: ${build.key} in berth-ab/ under the OS temp directory (${how}).`);
  }
  const [apiA, apiB] = [await loadBuild(buildA), await loadBuild(buildB)];
  sides = [
    { name: 'A', label: `${args.ref} = ${buildA.label}`, ...apiA, helpers: await loadHelpers('A') },
    { name: 'B', label: buildB.label, ...apiB, helpers: await loadHelpers('B') },
  ];
}

const yardstick = (): number => {
  const start = performance.now();
  const outcome = runBareLoop(sizes.yardstick, 42);
  return outcome.events / ((performance.now() - start) / 1000);
};

const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
const loadBefore = load();
const loadBefore1 = loadavg()[0]!;
const started = performance.now();
const outcomes: CaseOutcome[] = [];
for (const abCase of cases) {
  log(`${abCase.id}: ${abCase.title}`);
  outcomes.push(
    alternate(abCase, sides, rounds, yardstick, (c, side, round, run, bare) => {
      if (!args.verbose) return;
      const rate = Math.round(run.count / run.seconds).toLocaleString('en-US');
      log(
        `  round ${round} ${side.name}: ${rate} ${c.unit}/s (${run.seconds.toFixed(3)} s), bare loop ${Math.round(bare)}/s`,
      );
    }),
  );
}
const minutes = (performance.now() - started) / 60_000;
const busy = Math.max(loadBefore1, loadavg()[0]!) > availableParallelism();

const command = `pnpm run bench:ab -- ${argv.join(' ')}`;
const notes = [
  `Command: \`${command}\` in benchmarks/.`,
  `Machine: ${availableParallelism()} CPUs (${cpuModel()}), Node ${process.version}; load average (1, 5, 15 min) ` +
    `${loadBefore} at the start, ${load()} at the end; ${minutes.toFixed(1)} minutes.`,
  `${rounds} timed round${rounds === 1 ? '' : 's'} after a warm-up round, A and B alternating which runs first; ` +
    `before every run, the bare loop (${(sizes.yardstick.processes * sizes.yardstick.timeouts).toLocaleString('en-US')} events) ` +
    'as a yardstick. B/A speed: median and range of the per-round ratios of rates (above 1: B faster); ' +
    'bare-loop events per unit: the yardstick rate over the run rate, a cost (lower is faster). ' +
    `Verdict: a two-sided sign test on the per-round ratios (p < 0.05) and a median off 1 by ${tolerancePercent}% or more.` +
    (smoke ? ' Smoke sizes: the figures mean nothing.' : ''),
  ...buildNotes,
];
if (busy) {
  notes.push(
    '**The machine was busy** (1-minute load average above its CPU count): wall-time ratios are unreliable ' +
      'then (an A/A run of two identical builds at load 6-8 found B "faster by 14%" by wall time on one case); ' +
      'read the CPU-time table.',
  );
}
console.log(
  formatAbReport({ a: sides[0].label, b: sides[1].label, tolerance: tolerancePercent / 100, notes }, outcomes),
);
if (outcomes.some((o) => o.mismatch !== null)) process.exitCode = 1;
