// The scaling curve: time per placement from 1,000 to 50,000 hosts for first-fit, best-fit, worst-fit
// and the `kubernetes` preset, on the cluster benchmark's mixed workload (10 containers per host, one
// job at time 0), interleaved round by round with the kernel's bare loop. Times are CPU times, so that
// a machine shared with other work slows both sides alike. Prints the table and each curve's shape with
// its evidence, and writes what it measured to docs/concepts/scaling-curve.json and the chart rendered
// from it to docs/concepts/scaling-curve.svg (with --smoke, to the OS temp directory: smoke sizes say
// nothing about scaling). --render redraws the committed chart from the committed data, measuring nothing.
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { renderPlot } from '../../docs/tools/plots.js';
import { CONTAINERS_PER_HOST, mixedFleetScenario } from '../cluster/mixedFleet.js';
import { runPlacement } from '../cluster/runPlacement.js';
import { runBareLoop } from '../kernel/bareLoop.js';
import { type Contestant, interleave, median, pairedRatio } from '../kernel/interleave.js';
import type { ModelSize } from '../kernel/modelSize.js';
import { cpuModel, cpuTime, positiveInteger } from '../machine.js';
import { curveFit, type ScalingData, type ScalingPoint, scalingChart } from './scalingChart.js';

const STRATEGIES = ['first-fit', 'best-fit', 'worst-fit', 'kubernetes'] as const;
const BARE = 'bare loop';

const { values: args } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    sizes: { type: 'string' },
    rounds: { type: 'string' },
    only: { type: 'string' },
    svg: { type: 'string' },
    data: { type: 'string' },
    render: { type: 'boolean', default: false },
  },
  strict: true,
});
const smoke = args.smoke;
const here = dirname(fileURLToPath(import.meta.url));
const committed = (ext: string) => resolve(here, `../../docs/concepts/scaling-curve.${ext}`);
const scratch = (ext: string) => join(tmpdir(), `berth-scaling-curve.${ext}`);
const svgPath = args.svg ?? (smoke ? scratch('svg') : committed('svg'));
const dataPath = args.data ?? (smoke ? scratch('json') : committed('json'));

if (args.render) {
  const data = JSON.parse(readFileSync(dataPath, 'utf8')) as ScalingData;
  writeFileSync(svgPath, await renderPlot(scalingChart(data.points, data.title)));
  console.log(`Chart of ${data.points.length} points rendered from the data file.`);
  process.exit(0);
}

const sizes = (args.sizes ?? (smoke ? '100,200,400' : '1000,2000,5000,10000,20000,50000'))
  .split(',')
  .map((s) => positiveInteger('sizes', s.trim(), 0));
const rounds = positiveInteger('rounds', args.rounds, smoke ? 1 : 3);
const strategies = (args.only ?? STRATEGIES.join(',')).split(',').map((s) => s.trim());
const bareSize: ModelSize = smoke ? { processes: 20, timeouts: 50 } : { processes: 1000, timeouts: 1000 };

const bareLoop: Contestant = {
  name: BARE,
  run: () => {
    const cpu = process.cpuUsage();
    const outcome = runBareLoop(bareSize, 42);
    return { seconds: cpuTime(process.cpuUsage(cpu)), ...outcome };
  },
};
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(', ');
const machine = `${availableParallelism()} CPUs (${cpuModel()}), Node ${process.version}`;
const command = `pnpm --silent run bench:scaling${process.argv
  .slice(2)
  .filter((a) => !a.startsWith('--svg') && !a.startsWith('--data'))
  .map((a) => ` ${a}`)
  .join('')}`;

console.log(`## Scaling curve: time per placement against hosts`);
console.log('');
console.log(
  `Machine: ${machine}; load ${load()} at the start. ` +
    `Hosts of 16 cpu / 64 GiB, ${CONTAINERS_PER_HOST} mixed containers per host (the cluster benchmark's workload), ` +
    `one warm-up round at the first size then ${rounds} rounds per size interleaved with the bare loop; ` +
    'CPU times, medians.',
);
console.log('');
const chartTitle = (last: number) => `Time per placement, ${int(sizes[0]!)} to ${int(last)} hosts`;
const points: ScalingPoint[] = [];
const measured: Array<{ hosts: number; bareEventsPerSecond: number; load: string }> = [];
for (const [i, hosts] of sizes.entries()) {
  const containers = hosts * CONTAINERS_PER_HOST;
  // Wall times ride along for the record: the last run's per strategy, collected by round below.
  const lastWall = new Map<string, number>();
  const wall = new Map<string, number[]>(strategies.map((s) => [s, []]));
  const contestants: Contestant[] = strategies.map((strategy) => ({
    name: strategy,
    run: () => {
      const run = runPlacement(mixedFleetScenario(hosts, strategy, 'uniform'), containers);
      lastWall.set(strategy, run.seconds);
      return { seconds: run.cpuSeconds, events: run.events, endTime: run.endTime };
    },
  }));
  // The first size warms the code up; a round at 50,000 hosts is minutes, and the code is warm by then.
  const rates = interleave(
    [...contestants, bareLoop],
    rounds,
    (name, round) => {
      if (round > 0 && name !== BARE) wall.get(name)!.push(lastWall.get(name)!);
    },
    i === 0,
  );
  const bare = rates.get(BARE)!;
  measured.push({ hosts, bareEventsPerSecond: Math.round(median(bare)), load: load() });
  for (const strategy of strategies) {
    const list = rates.get(strategy)!;
    points.push({
      strategy,
      hosts,
      micros: round3(1e6 / median(list)),
      bareEvents: round3(pairedRatio(bare, list)),
      wallMicros: round3((1e6 * median(wall.get(strategy)!)) / containers),
    });
  }
  // Each size's figures as soon as they are known, so that a run cut short still says something.
  const row = strategies.map((s) => {
    const p = points.find((q) => q.strategy === s && q.hosts === hosts)!;
    return `${s} ${p.micros.toFixed(2)} µs (${p.bareEvents.toFixed(1)} bare-loop events)`;
  });
  console.error(`${int(hosts)} hosts: ${row.join(', ')}; bare loop ${int(median(bare))} events/CPU s; load ${load()}`);
  // The data and the chart of the sizes measured so far, rewritten after each size (a run cut short leaves both).
  const data: ScalingData = { title: chartTitle(hosts), command, machine, rounds, sizes: measured, points };
  writeFileSync(dataPath, `${JSON.stringify(data, null, 2)}\n`);
  writeFileSync(svgPath, await renderPlot(scalingChart(points, data.title)));
}

// The table and the verdicts as docs/concepts/scaling.md states them (scalingChart.test.ts holds the page to the data).
console.log(`| hosts | ${strategies.join(' | ')} | bare loop events/CPU s | load after |`);
console.log(`|---:|${strategies.map(() => '---:|').join('')}---:|---|`);
for (const size of measured) {
  const cells = strategies.map((s) => {
    const p = points.find((q) => q.strategy === s && q.hosts === size.hosts)!;
    return `${p.micros.toFixed(1)} (${p.bareEvents.toFixed(1)})`;
  });
  console.log(`| ${int(size.hosts)} | ${cells.join(' | ')} | ${int(size.bareEventsPerSecond)} | ${size.load} |`);
}
console.log('');
if (measured.length >= 3) {
  const last = sizes[sizes.length - 1]!;
  // The ratio over the last decade measured (5,000 to 50,000 by default), where a log curve adds a constant.
  const from = sizes.find((h) => h * 10 >= last)!;
  for (const s of strategies) {
    const own = points.filter((p) => p.strategy === s);
    const cost = (hosts: number) => own.find((p) => p.hosts === hosts)!.bareEvents;
    const f = curveFit(own.map((p) => ({ hosts: p.hosts, cost: p.bareEvents })));
    console.log(
      `- **${s}: ${f.shape}**: ×${(cost(last) / cost(from)).toFixed(2)} from ${int(from)} to ${int(last)} hosts; ` +
        `exponent ${f.exponent.toFixed(2)}; R² ${f.r2Logarithmic.toFixed(2)} against ln hosts, ` +
        `${f.r2Linear.toFixed(2)} against hosts`,
    );
  }
  console.log('');
}
console.log(
  `Load ${load()} at the end. Data and chart written to ${smoke ? 'the temp directory' : 'docs/concepts/scaling-curve.json and .svg'}.`,
);

/** Three decimals: the data file keeps what the measurement can tell. */
function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
