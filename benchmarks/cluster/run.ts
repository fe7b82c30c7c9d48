import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { runBareLoop } from '../kernel/bareLoop.js';
import { type Contestant, interleave, median, pairedRatio, type Rates } from '../kernel/interleave.js';
import type { ModelSize } from '../kernel/modelSize.js';
import { cpuModel, positiveInteger } from '../machine.js';
import { CONTAINERS_PER_HOST, type HostLayout, mixedFleetScenario, UNIFORM_HOST } from './mixedFleet.js';
import { type PlacementRun, runPlacement } from './runPlacement.js';
import { type BasicSize, schedulingBasicScenario } from './schedulingBasic.js';

const SUITES = ['basic', 'fleet', 'scaling', 'mixed-hosts'] as const;
type Suite = (typeof SUITES)[number];

const { values: args } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    only: { type: 'string' },
    rounds: { type: 'string' },
    'scaling-rounds': { type: 'string' },
    'basic-hosts': { type: 'string' },
    'basic-containers': { type: 'string' },
    'fleet-hosts': { type: 'string' },
    sizes: { type: 'string' },
    'mixed-sizes': { type: 'string' },
    'scan-limit': { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
  strict: true,
});

function integerList(name: string, text: string | undefined, fallback: readonly number[]): number[] {
  if (text === undefined) return [...fallback];
  return text.split(',').map((part) => positiveInteger(name, part.trim(), 0));
}

const smoke = args.smoke;
const suites: Suite[] = (args.only ?? SUITES.join(',')).split(',').map((s) => {
  const name = s.trim();
  if (!(SUITES as readonly string[]).includes(name))
    throw new Error(`--only: expected a comma-separated list of ${SUITES.join(', ')}, got '${name}'`);
  return name as Suite;
});
const rounds = positiveInteger('rounds', args.rounds, smoke ? 1 : 7);
const scalingRounds = positiveInteger('scaling-rounds', args['scaling-rounds'], smoke ? 1 : 3);
const basic: BasicSize = {
  hosts: positiveInteger('basic-hosts', args['basic-hosts'], smoke ? 200 : 5000),
  containers: positiveInteger('basic-containers', args['basic-containers'], smoke ? 400 : 10_000),
};
const fleetHosts = positiveInteger('fleet-hosts', args['fleet-hosts'], smoke ? 100 : 10_000);
const sizes = integerList('sizes', args.sizes, smoke ? [100, 200] : [1000, 2000, 5000, 10_000, 20_000, 50_000]);
const mixedSizes = integerList('mixed-sizes', args['mixed-sizes'], smoke ? [100] : [1000, 2000, 5000]);
const scanLimit = positiveInteger('scan-limit', args['scan-limit'], smoke ? 200 : 2000);
/** The kernel benchmark's floor, 1,000,000 events at full size: run in every round beside the cases. */
const bareSize: ModelSize = smoke ? { processes: 20, timeouts: 50 } : { processes: 1000, timeouts: 1000 };

const BARE = 'bare loop';
const INDEXED = ['best-fit', 'worst-fit', 'first-fit'] as const;
const SCANS = ['most-allocated', 'least-allocated'] as const;

const bareLoop: Contestant = {
  name: BARE,
  run: () => {
    const start = performance.now();
    const outcome = runBareLoop(bareSize, 42);
    return { seconds: (performance.now() - start) / 1000, ...outcome };
  },
};

/** A case whose last run is kept, to report attempts and hosts used. */
function placementCase(name: string, build: () => PlacementRun, last: Map<string, PlacementRun>): Contestant {
  return {
    name,
    run: () => {
      const run = build();
      last.set(name, run);
      return run;
    },
  };
}

function runSuite(label: string, contestants: Contestant[], suiteRounds: number): Rates {
  return interleave(contestants, suiteRounds, (name, round, sample) => {
    if (args.verbose) {
      const rate = Math.round(sample.events / sample.seconds).toLocaleString('en-US');
      console.error(`${label} round ${round} ${name}: ${rate}/s (${sample.seconds.toFixed(3)} s)`);
    }
  });
}

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const micros = (rate: number): string => (1e6 / rate).toFixed(2);
const verdict = (ok: boolean): string => (ok ? 'met' : '**missed**');
/** How many bare-loop events take the time of one placement, median of per-round ratios. */
const bareCost = (rates: Rates, name: string): number => pairedRatio(rates.get(BARE)!, rates.get(name)!);

const cpu = cpuModel();
const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');

const out: string[] = [];
const loadBefore = load();
out.push('## Cluster scheduler benchmarks');
out.push('');
out.push(`Machine: ${availableParallelism()} CPUs (${cpu}), Node ${process.version}.`);
out.push(
  `Each suite runs its cases interleaved, one warm-up round then ${rounds} rounds (${scalingRounds} for the scaling suites), ` +
    'and reports medians. Only `sim.run()` is timed; every container must be placed at its first attempt. ' +
    `The bare loop (the kernel benchmark's floor, ${int(bareSize.processes * bareSize.timeouts)} events) runs in every ` +
    'round: "bare-loop events per placement" is the median over rounds of (bare-loop events/s) ÷ (placements/s), ' +
    'a machine-independent cost.',
);
out.push('');

if (suites.includes('basic')) {
  const last = new Map<string, PlacementRun>();
  const name = 'kubernetes';
  const rates = runSuite(
    'basic',
    [placementCase(name, () => runPlacement(schedulingBasicScenario(basic), basic.containers), last), bareLoop],
    rounds,
  );
  const list = rates.get(name)!;
  const rate = median(list);
  out.push(
    `### SchedulingBasic: ${int(basic.hosts)} hosts × (4 cpu, 32 GiB, 110 containers), ` +
      `${int(basic.containers)} containers × (100m, 500 MiB)`,
  );
  out.push('');
  out.push('| strategy | placements/s (median) | min – max | µs per placement | bare-loop events per placement |');
  out.push('|---|---:|---:|---:|---:|');
  out.push(
    `| ${name} (adaptive sampling) | ${int(rate)} | ${int(Math.min(...list))} – ${int(Math.max(...list))} | ` +
      `${micros(rate)} | ${bareCost(rates, name).toFixed(1)} |`,
  );
  out.push(`| ${BARE} (events/s) | ${int(median(rates.get(BARE)!))} | | | |`);
  out.push('');
  out.push(
    `${smoke ? 'Target (not meaningful at smoke sizes)' : 'Target'}: ≥ 20,000 placements/s: ${int(rate)}, ${verdict(rate >= 20_000)} ` +
      "(kube-scheduler's own SchedulingBasic threshold is 680 pods/s).",
  );
  out.push('');
}

if (suites.includes('fleet')) {
  const last = new Map<string, PlacementRun>();
  const containers = fleetHosts * CONTAINERS_PER_HOST;
  const contestants = INDEXED.map((s) =>
    placementCase(s, () => runPlacement(mixedFleetScenario(fleetHosts, s, 'uniform'), containers), last),
  );
  const rates = runSuite('fleet', [...contestants, bareLoop], rounds);
  out.push(
    `### Mixed workload: ${int(fleetHosts)} hosts × (${UNIFORM_HOST.cpu} cpu, 64 GiB), ${int(containers)} containers of mixed shapes`,
  );
  out.push('');
  out.push(
    '| strategy | placements/s (median) | min – max | µs per placement | bare-loop events per placement | hosts used |',
  );
  out.push('|---|---:|---:|---:|---:|---:|');
  for (const s of INDEXED) {
    const list = rates.get(s)!;
    const rate = median(list);
    out.push(
      `| ${s} | ${int(rate)} | ${int(Math.min(...list))} – ${int(Math.max(...list))} | ${micros(rate)} | ` +
        `${bareCost(rates, s).toFixed(1)} | ${int(last.get(s)!.hostsUsed)} |`,
    );
  }
  out.push(`| ${BARE} (events/s) | ${int(median(rates.get(BARE)!))} | | | | |`);
  out.push('');
  out.push(`${smoke ? 'Targets (not meaningful at smoke sizes)' : 'Targets'}: ≥ 50,000 placements/s:`);
  out.push('');
  for (const s of ['best-fit', 'worst-fit'] as const) {
    const rate = median(rates.get(s)!);
    out.push(
      `- ${s === 'best-fit' ? 'bin-pack (best-fit)' : 'spread (worst-fit)'}: ${int(rate)}, ${verdict(rate >= 50_000)}`,
    );
  }
  out.push('');
}

/** Runs every strategy at every size (scans only up to the scan limit) and prints the growth tables. */
function scalingSuite(layout: HostLayout, hostCounts: readonly number[], title: string): void {
  const strategies = [...INDEXED, ...SCANS];
  const perSize = new Map<number, Rates>();
  for (const hosts of hostCounts) {
    const last = new Map<string, PlacementRun>();
    const containers = hosts * CONTAINERS_PER_HOST;
    const contestants = strategies
      .filter((s) => hosts <= scanLimit || !(SCANS as readonly string[]).includes(s))
      .map((s) => placementCase(s, () => runPlacement(mixedFleetScenario(hosts, s, layout), containers), last));
    perSize.set(hosts, runSuite(`${layout} ${hosts}`, [...contestants, bareLoop], scalingRounds));
  }
  const cell = (hosts: number, s: string, f: (rates: Rates) => string): string => {
    const rates = perSize.get(hosts)!;
    return rates.has(s) ? f(rates) : '–';
  };
  out.push(`### ${title}`);
  out.push('');
  out.push(
    `Full-scan strategies (${SCANS.join(', ')}: every host filtered and scored per container) run up to ` +
      `${int(scanLimit)} hosts only.`,
  );
  out.push('');
  out.push('µs per placement (median):');
  out.push('');
  out.push(`| hosts | containers | ${strategies.join(' | ')} | bare loop events/s |`);
  out.push(`|---:|---:|${strategies.map(() => '---:|').join('')}---:|`);
  for (const hosts of hostCounts) {
    const cells = strategies.map((s) => cell(hosts, s, (r) => micros(median(r.get(s)!))));
    const bare = int(median(perSize.get(hosts)!.get(BARE)!));
    out.push(`| ${int(hosts)} | ${int(hosts * CONTAINERS_PER_HOST)} | ${cells.join(' | ')} | ${bare} |`);
  }
  out.push('');
  const first = hostCounts[0]!;
  out.push(`Bare-loop events per placement (in parentheses: growth against ${int(first)} hosts):`);
  out.push('');
  out.push(`| hosts | ${strategies.join(' | ')} |`);
  out.push(`|---:|${strategies.map(() => '---:|').join('')}`);
  for (const hosts of hostCounts) {
    const cells = strategies.map((s) =>
      cell(hosts, s, (r) => {
        const cost = bareCost(r, s);
        const base = perSize.get(first)!;
        const growth = base.has(s) ? ` (${(cost / bareCost(base, s)).toFixed(2)}×)` : '';
        return `${cost.toFixed(1)}${growth}`;
      }),
    );
    out.push(`| ${int(hosts)} | ${cells.join(' | ')} |`);
  }
  out.push('');
}

const span = (list: readonly number[]): string => `${int(list[0]!)} to ${int(list[list.length - 1]!)}`;
if (suites.includes('scaling')) {
  scalingSuite(
    'uniform',
    sizes,
    `Time per placement from ${span(sizes)} hosts × (16 cpu, 64 GiB), 10 mixed containers per host`,
  );
}
if (suites.includes('mixed-hosts')) {
  scalingSuite(
    'mixed',
    mixedSizes,
    `Mixed host shapes: ${span(mixedSizes)} hosts of 8, 16 and 32 cpu interleaved, 10 mixed containers per host`,
  );
}

out.push(`Load average (1, 5, 15 min): ${loadBefore} at the start, ${load()} at the end.`);
out.push('');
console.log(out.join('\n'));
