import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { cpuModel, positiveInteger } from '../machine.js';
import { bySizeSum, hostsUsed, knownOptimumInstance, PACKING_STRATEGIES } from './knownOptimum.js';

// Vector packing with known optima (issue 13): full hosts cut into random items in 2 and 3 resources,
// so the optimum is the number of hosts cut. Every multi-resource strategy places the items one at a
// time, in arrival order and in the order of decreasing size sum; first-fit on the latter is FFD by
// size sum, the offline baseline. Prints hosts used / optimum (mean and worst over the seeds).
const { values: args } = parseArgs({
  options: { smoke: { type: 'boolean', default: false }, seeds: { type: 'string' }, hosts: { type: 'string' } },
  strict: true,
});
const seeds = positiveInteger('seeds', args.seeds, args.smoke ? 2 : 10);
const hosts = positiveInteger('hosts', args.hosts, args.smoke ? 10 : 40);
const pool = 3 * hosts;

console.log(`## Vector packing with known optima${args.smoke ? ' (smoke)' : ''}\n`);
console.log(
  `Machine: ${cpus().length} CPUs (${cpuModel()}), Node ${process.version}; load average ${loadavg()[0]!.toFixed(2)}.`,
);
console.log(
  `${hosts} full hosts (64 cpu, 256 GiB, and 1,000 units of example.com/disk in 3 resources) each cut into 2-6 random items; ` +
    `optimum = ${hosts} hosts; ${seeds} seeds per dimension; a pool of ${pool} empty hosts (a strategy that spreads uses all of them). ` +
    'Hosts used / optimum, mean [worst]; "vs FFD" = hosts used over FFD by size sum on the same instance, mean.\n',
);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
for (const dimensions of [2, 3] as const) {
  const instances = Array.from({ length: seeds }, (_, s) => knownOptimumInstance(dimensions, hosts, s + 1));
  const sorted = instances.map(bySizeSum);
  const ffd = instances.map((inst, i) => hostsUsed(inst, sorted[i]!, { strategy: 'first-fit' }, pool));
  console.log(
    `### ${dimensions} resources (${mean(instances.map((i) => i.items.length)).toFixed(0)} items on average)\n`,
  );
  console.log(
    '| strategy | arrival order: hosts / optimum | vs FFD | by decreasing size sum: hosts / optimum | vs FFD | sorted: fewer / same / more hosts than FFD |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  const cell = (used: number[]) => {
    if (used.some((u) => u < 0)) return 'an item found no host';
    const ratios = used.map((u, i) => u / instances[i]!.optimum);
    return `${mean(ratios).toFixed(3)} [${Math.max(...ratios).toFixed(3)}]`;
  };
  const vs = (used: number[]) => (used.some((u) => u < 0) ? '' : mean(used.map((u, i) => u / ffd[i]!)).toFixed(3));
  console.log(`| FFD by size sum (first-fit, sorted) | | | ${cell(ffd)} | 1.000 | |`);
  for (const strategy of PACKING_STRATEGIES) {
    const online = instances.map((inst) => hostsUsed(inst, inst.items, strategy.scheduler(inst.resources), pool));
    const offline = instances.map((inst, i) => hostsUsed(inst, sorted[i]!, strategy.scheduler(inst.resources), pool));
    const fewer = offline.filter((u, i) => u >= 0 && u < ffd[i]!).length;
    const same = offline.filter((u, i) => u === ffd[i]!).length;
    const more = offline.filter((u, i) => u > ffd[i]!).length;
    console.log(
      `| ${strategy.label} | ${cell(online)} | ${vs(online)} | ${cell(offline)} | ${vs(offline)} | ${fewer} / ${same} / ${more} |`,
    );
  }
  console.log('');
}
