import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { runBareLoop } from '../kernel/bareLoop.js';
import type { ModelSize } from '../kernel/modelSize.js';
import { cpuModel, positiveInteger } from '../machine.js';
import { BORG_CELL, type BorgSize, DAY } from './borgCell.js';
import { type BorgRun, runBorg } from './runBorg.js';

const STRATEGIES = ['first-fit', 'best-fit', 'worst-fit', 'kubernetes'] as const;

const { values: args } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    month: { type: 'boolean', default: false },
    days: { type: 'string' },
    hosts: { type: 'string' },
    only: { type: 'string' },
    points: { type: 'string' },
  },
  strict: true,
});

const smoke = args.smoke;
const days = args.month ? 29 : positiveInteger('days', args.days, 1);
const size: BorgSize = smoke
  ? { hosts: 500, replicas: 400, batchRate: 10, horizon: 600_000 }
  : {
      ...BORG_CELL,
      hosts: positiveInteger('hosts', args.hosts, BORG_CELL.hosts),
      horizon: days * DAY,
    };
const strategies = (args.only ?? STRATEGIES.join(',')).split(',').map((s) => s.trim());
const points = positiveInteger('points', args.points, smoke ? 2 : args.month ? 29 : 8);
const bareSize: ModelSize = smoke ? { processes: 20, timeouts: 50 } : { processes: 1000, timeouts: 1000 };

/** The kernel's bare loop, the floor every figure is stated against: median events/s of 3 runs. */
function bareEventsPerSecond(): number {
  runBareLoop(bareSize, 41); // warm-up: compiled before it is timed
  const rates: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    const { events } = runBareLoop(bareSize, 42 + i);
    rates.push(events / ((performance.now() - start) / 1000));
  }
  return rates.sort((a, b) => a - b)[1]!;
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const hours = (ms: number) => (ms < 3_600_000 ? `${fmt(ms / 60_000)} min` : `${fmt(ms / 3_600_000)} h`);

console.log(`bench:borg — ${cpuModel()}, ${availableParallelism()} cores, load ${loadavg()[0]!.toFixed(2)}`);
console.log(
  `cell: ${fmt(size.hosts)} hosts of three shapes, ${fmt(size.replicas)} service replicas, batch tasks at ` +
    `${size.batchRate}/s (lognormal run times, mean 10 min, cv 2), ${hours(size.horizon)} simulated` +
    (smoke ? ' (smoke size)' : ''),
);
const bareBefore = bareEventsPerSecond();
console.log(`bare loop: ${fmt(bareBefore)} events/s`);
const runs: BorgRun[] = [];
for (const strategy of strategies) {
  const run = runBorg(size, strategy, points, (point, cpu, placements) =>
    // Progress on stderr, so that a long run can be followed (and a cut-short one still says something).
    console.error(
      `${strategy} at ${hours(point.at)}: cpu ${fmt(cpu, 1)} s, ${fmt(placements)} placements, heap ${fmt(point.heapMiB)} MiB`,
    ),
  );
  runs.push(run);
  const usPerPlacement = (run.seconds * 1e6) / run.placements;
  console.log(
    `${strategy.padEnd(11)} wall ${fmt(run.seconds, 1)} s, cpu ${fmt(run.cpuSeconds, 1)} s (build ${fmt(run.buildSeconds, 1)} s); ` +
      `${fmt(run.placements)} placements of ${fmt(run.submitted)} submitted (${fmt(run.attempts)} attempts), ` +
      `${fmt(run.placements / run.seconds)} placements/s (${fmt(run.placements / run.cpuSeconds)} per cpu-second), ` +
      `${fmt(usPerPlacement, 1)} µs each = ` +
      `${fmt((usPerPlacement * bareBefore) / 1e6)} bare-loop events; ${fmt(run.events)} cluster events`,
  );
  console.log(
    `${''.padEnd(11)} heap after gc (MiB): ${run.heap.map((p) => `${hours(p.at)} ${fmt(p.heapMiB)}`).join(', ')}`,
  );
}
const bareAfter = bareEventsPerSecond();
console.log(
  `bare loop after: ${fmt(bareAfter)} events/s (${fmt((100 * bareAfter) / bareBefore - 100, 1)}% from before)`,
);
if (runs.some((r) => r.placements === 0)) throw new Error('a strategy placed nothing: the benchmark measured nothing');
