// Strategies under failures: each placement strategy runs the same service-heavy cluster while hosts
// crash and recover at random. Failures come from the named stream 'failures' with one child stream per
// host, so every strategy sees the same failure sequence on a seed (checked below); the figures differ
// only by where each strategy put the replicas and their replacements. Prints Markdown.
import { availableParallelism, cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { FailureClusterSize } from './failureScenario.js';
import { type FailureRun, runFailureScenario } from './runFailureScenario.js';

const STRATEGIES = [
  'kubernetes',
  'best-fit',
  'worst-fit',
  'first-fit',
  'swarm-spread',
  'nomad-binpack',
  'ecs-spread-zone',
] as const;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const { values: args } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    seeds: { type: 'string' },
    days: { type: 'string' },
    hosts: { type: 'string' },
    services: { type: 'string' },
    replicas: { type: 'string' },
    'mtbf-days': { type: 'string' },
    'mttr-minutes': { type: 'string' },
    strategies: { type: 'string' },
  },
  strict: true,
});

function positive(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!(Number.isFinite(value) && value > 0)) throw new Error(`--${name}: expected a positive number, got '${text}'`);
  return value;
}

const smoke = args.smoke;
const seeds = Math.round(positive('seeds', args.seeds, smoke ? 2 : 10));
const days = positive('days', args.days, smoke ? 0.5 : 7);
const size: FailureClusterSize = {
  hosts: Math.round(positive('hosts', args.hosts, smoke ? 30 : 200)),
  services: Math.round(positive('services', args.services, smoke ? 6 : 30)),
  replicas: Math.round(positive('replicas', args.replicas, smoke ? 5 : 10)),
};
/** Per host: up for about a month in real fleets; compressed so that a week sees hundreds of failures. */
const mtbfMs = positive('mtbf-days', args['mtbf-days'], smoke ? 0.5 : 2) * DAY;
/** Repairs: lognormal, mean 15 min, cv 1 — some hosts are back before Kubernetes' 5-minute eviction, most not. */
const mttrMs = positive('mttr-minutes', args['mttr-minutes'], 15) * MINUTE;
const strategies: string[] =
  args.strategies === undefined ? [...STRATEGIES] : args.strategies.split(',').map((s) => s.trim());
/** Failures start once the initial placement has settled. */
const WARM_UP = 10 * MINUTE;

/** Two-sided 95% Student t quantiles for 1..10 degrees of freedom; 1.96 beyond. */
const T95 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228];

function meanCi(xs: readonly number[]): { mean: number; half: number } {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, half: Number.NaN };
  const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1);
  const t = T95[n - 2] ?? 1.96;
  return { mean, half: (t * Math.sqrt(variance)) / Math.sqrt(n) };
}

function show(xs: readonly number[], digits: number, scale = 1): string {
  const { mean, half } = meanCi(xs.map((x) => x * scale));
  const m = mean.toFixed(digits);
  return Number.isNaN(half) ? m : `${m} ± ${half.toFixed(digits)}`;
}

const results = new Map<string, FailureRun[]>();
for (const s of strategies) results.set(s, []);
const logs: string[][] = [];
// Seed-major order, so that machine noise spreads over every strategy alike.
for (let seed = 1; seed <= seeds; seed++) {
  const perSeed: string[] = [];
  for (const strategy of strategies) {
    const figures = runFailureScenario({
      size,
      seed,
      strategy,
      warmUp: WARM_UP,
      duration: days * DAY,
      mtbf: mtbfMs,
      mttr: mttrMs,
    });
    results.get(strategy)!.push(figures);
    perSeed.push(figures.failureLog);
  }
  logs.push(perSeed);
}
const sameFailures = logs.every((perSeed) => perSeed.every((log) => log === perSeed[0]));
if (!sameFailures) throw new Error('The strategies saw different failure sequences: common random numbers are broken.');

const hostFailures = results.get(strategies[0]!)!.map((r) => r.hostFailures);
const rows = strategies.map((strategy) => {
  const rs = results.get(strategy)!;
  return [
    strategy,
    show(
      rs.map((r) => r.full),
      3,
      100,
    ),
    show(
      rs.map((r) => r.replicas),
      3,
      100,
    ),
    show(
      rs.map((r) => r.worst),
      2,
      100,
    ),
    show(
      rs.map((r) => r.dark),
      0,
    ),
    show(
      rs.map((r) => r.recovery),
      1,
    ),
    show(
      rs.map((r) => r.outages),
      0,
    ),
    show(
      rs.map((r) => r.moved),
      0,
    ),
    show(
      rs.map((r) => r.lost),
      0,
    ),
    show(
      rs.map((r) => r.seconds),
      2,
    ),
  ];
});
const header = [
  'strategy',
  'all replicas up (%)',
  'replicas up (%)',
  'worst service (%)',
  'no replica up (s)',
  'recovery (s)',
  'outages',
  'moved',
  'lost',
  'wall (s)',
];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: readonly string[]) =>
  `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;

console.log(`## Strategies under failures${smoke ? ' (smoke)' : ''}\n`);
console.log(
  `Cluster: ${size.hosts} hosts (16 cores, 64 GiB) in ${3} zones; ${size.services} services × ${size.replicas} replicas; ` +
    `Kubernetes node-health timings (not ready after 50 s, evicted 300 s later), 20 s image pull, 5 s start-up.`,
);
console.log(
  `Failures: every host up for exponential(${(mtbfMs / DAY).toFixed(2)} d), down for lognormal(mean ${(mttrMs / MINUTE).toFixed(0)} min, cv 1); ` +
    `${days} simulated days after a ${WARM_UP / MINUTE}-minute warm-up; seeds 1..${seeds}; host failures per seed: ${hostFailures.join(', ')} ` +
    `(identical for every strategy: ${sameFailures ? 'checked' : 'NO'}). Means ± 95% CI across seeds (Student t).\n`,
);
console.log(line(header));
console.log(line(widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`))));
for (const row of rows) console.log(line(row));
console.log(
  `\nMachine: ${availableParallelism()} CPUs (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}.`,
);
