// The scaling curve: time per placement from 1,000 to 50,000 hosts for first-fit, best-fit, worst-fit
// and the `kubernetes` preset, on the cluster benchmark's mixed workload (10 containers per host, one
// job at time 0), interleaved round by round with the kernel's bare loop. Prints the table and each
// curve's shape, and writes the chart to docs/concepts/scaling-curve.svg (with --smoke, to the OS temp
// directory: smoke sizes say nothing about scaling).
import { writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { renderPlot } from '../../docs/tools/plots.js';
import { CONTAINERS_PER_HOST, mixedFleetScenario } from '../cluster/mixedFleet.js';
import { runPlacement } from '../cluster/runPlacement.js';
import { runBareLoop } from '../kernel/bareLoop.js';
import { type Contestant, interleave, median, pairedRatio } from '../kernel/interleave.js';
import type { ModelSize } from '../kernel/modelSize.js';
import { cpuModel, positiveInteger } from '../machine.js';
import { curveShape, type ScalingPoint, scalingChart } from './scalingChart.js';

const STRATEGIES = ['first-fit', 'best-fit', 'worst-fit', 'kubernetes'] as const;
const BARE = 'bare loop';

const { values: args } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    sizes: { type: 'string' },
    rounds: { type: 'string' },
    only: { type: 'string' },
    svg: { type: 'string' },
  },
  strict: true,
});
const smoke = args.smoke;
const sizes = (args.sizes ?? (smoke ? '100,200,400' : '1000,2000,5000,10000,20000,50000'))
  .split(',')
  .map((s) => positiveInteger('sizes', s.trim(), 0));
const rounds = positiveInteger('rounds', args.rounds, smoke ? 1 : 3);
const strategies = (args.only ?? STRATEGIES.join(',')).split(',').map((s) => s.trim());
const here = dirname(fileURLToPath(import.meta.url));
const svgPath =
  args.svg ??
  (smoke ? join(tmpdir(), 'berth-scaling-curve.svg') : resolve(here, '../../docs/concepts/scaling-curve.svg'));
const bareSize: ModelSize = smoke ? { processes: 20, timeouts: 50 } : { processes: 1000, timeouts: 1000 };

const bareLoop: Contestant = {
  name: BARE,
  run: () => {
    const start = performance.now();
    const outcome = runBareLoop(bareSize, 42);
    return { seconds: (performance.now() - start) / 1000, ...outcome };
  },
};
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(', ');

console.log(`## Scaling curve: time per placement against hosts`);
console.log('');
console.log(
  `Machine: ${availableParallelism()} CPUs (${cpuModel()}), Node ${process.version}; load ${load()} at the start. ` +
    `Hosts of 16 cpu / 64 GiB, ${CONTAINERS_PER_HOST} mixed containers per host (the cluster benchmark's workload), ` +
    `one warm-up round then ${rounds} rounds interleaved with the bare loop; medians.`,
);
console.log('');
const chartTitle = (last: number) => `Time per placement, ${int(sizes[0]!)} to ${int(last)} hosts`;
const points: ScalingPoint[] = [];
const bareRates: number[] = [];
for (const hosts of sizes) {
  const containers = hosts * CONTAINERS_PER_HOST;
  const contestants: Contestant[] = strategies.map((strategy) => ({
    name: strategy,
    run: () => runPlacement(mixedFleetScenario(hosts, strategy, 'uniform'), containers),
  }));
  const rates = interleave([...contestants, bareLoop], rounds);
  const bare = rates.get(BARE)!;
  bareRates.push(median(bare));
  for (const strategy of strategies) {
    const list = rates.get(strategy)!;
    points.push({ strategy, hosts, micros: 1e6 / median(list), bareEvents: pairedRatio(bare, list) });
  }
  // Each size's figures as soon as they are known, so that a run cut short still says something.
  const row = strategies.map((s) => {
    const p = points.find((q) => q.strategy === s && q.hosts === hosts)!;
    return `${s} ${p.micros.toFixed(2)} µs (${p.bareEvents.toFixed(1)} bare-loop events)`;
  });
  console.error(`${int(hosts)} hosts: ${row.join(', ')}; bare loop ${int(median(bare))} events/s; load ${load()}`);
  // The chart of the sizes measured so far, rewritten after each size (a run cut short leaves one).
  writeFileSync(svgPath, await renderPlot(scalingChart(points, chartTitle(hosts))));
}

console.log(`| hosts | ${strategies.map((s) => `${s} µs (bare-loop events)`).join(' | ')} | bare loop events/s |`);
console.log(`|---:|${strategies.map(() => '---:|').join('')}---:|`);
sizes.forEach((hosts, i) => {
  const cells = strategies.map((s) => {
    const p = points.find((q) => q.strategy === s && q.hosts === hosts)!;
    return `${p.micros.toFixed(2)} (${p.bareEvents.toFixed(1)})`;
  });
  console.log(`| ${int(hosts)} | ${cells.join(' | ')} | ${int(bareRates[i]!)} |`);
});
console.log('');
if (sizes.length >= 3) {
  for (const s of strategies) {
    const own = points.filter((p) => p.strategy === s);
    const shape = curveShape(own.map((p) => ({ hosts: p.hosts, cost: p.bareEvents })));
    const growth = own[own.length - 1]!.bareEvents / own[0]!.bareEvents;
    console.log(
      `- ${s}: ${shape} (bare-loop events per placement ×${growth.toFixed(2)} from ${int(sizes[0]!)} to ${int(sizes[sizes.length - 1]!)} hosts)`,
    );
  }
  console.log('');
}
console.log(
  `Load ${load()} at the end. Chart written to ${smoke ? 'the temp directory' : 'docs/concepts/scaling-curve.svg'}.`,
);
