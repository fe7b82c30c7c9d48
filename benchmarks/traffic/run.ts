import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { runBareLoop } from '../kernel/bareLoop.js';
import { type Contestant, interleave, median, pairedRatio } from '../kernel/interleave.js';
import type { ModelSize } from '../kernel/modelSize.js';
import { cpuModel, positiveInteger } from '../machine.js';
import { agendaEntriesPerRequest } from './agendaEntries.js';
import { type InFlightKind, measureInFlight } from './inFlightMemory.js';
import { runTraffic, type TrafficRun } from './runTraffic.js';
import { arrivalRate, type SteadyLoad, timedMs } from './steadyLoad.js';

const { values: args } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    rounds: { type: 'string' },
    requests: { type: 'string' },
    replicas: { type: 'string' },
    concurrency: { type: 'string' },
    'service-time': { type: 'string' },
    rho: { type: 'string' },
    'in-flight': { type: 'string' },
    seed: { type: 'string', default: '42' },
    verbose: { type: 'boolean', default: false },
  },
  strict: true,
});

/** A `--name` option's value as a number in (0, 1), `fallback` when absent. */
function fraction(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!(value > 0 && value < 1)) throw new Error(`--${name}: expected a number between 0 and 1, got '${text}'`);
  return value;
}

const smoke = args.smoke;
const rounds = positiveInteger('rounds', args.rounds, smoke ? 1 : 7);
const seed = positiveInteger('seed', args.seed, 42);
const load: SteadyLoad = {
  replicas: positiveInteger('replicas', args.replicas, 100),
  concurrency: positiveInteger('concurrency', args.concurrency, 1),
  queue: 100,
  serviceTimeMs: positiveInteger('service-time', args['service-time'], 10),
  rho: fraction('rho', args.rho, 0.7),
  warmupMs: 1000,
  requests: positiveInteger('requests', args.requests, smoke ? 5000 : 1_000_000),
};
const inFlightCount = positiveInteger('in-flight', args['in-flight'], smoke ? 10_000 : 1_000_000);
/** The kernel benchmark's floor, 1,000,000 events at full size: run in every round beside the traffic. */
const bareSize: ModelSize = smoke ? { processes: 20, timeouts: 50 } : { processes: 1000, timeouts: 1000 };
/** The target of issue 10: simulated requests per second of wall time. */
const TARGET = 1_000_000;

const TRAFFIC = 'P2C traffic (requests/s)';
const BARE = 'bare loop (events/s)';

let last: TrafficRun | null = null;
const contestants: Contestant[] = [
  {
    name: TRAFFIC,
    run: () => {
      last = runTraffic(load, seed);
      return last;
    },
  },
  {
    name: BARE,
    run: () => {
      const start = performance.now();
      const outcome = runBareLoop(bareSize, 42);
      return { seconds: (performance.now() - start) / 1000, ...outcome };
    },
  },
];

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const load1 = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
const loadBefore = load1();

const rates = interleave(contestants, rounds, (name, round, sample) => {
  if (args.verbose) {
    const rate = int(sample.events / sample.seconds);
    console.error(`round ${round} ${name}: ${rate}/s (${sample.seconds.toFixed(3)} s)`);
  }
});
const traffic = rates.get(TRAFFIC)!;
const bare = rates.get(BARE)!;
const rate = median(traffic);
const run = last as TrafficRun | null;
if (run === null) throw new Error('no traffic run');

const out: string[] = [];
out.push('## Traffic: Poisson arrivals through least-request (P2C)');
out.push('');
out.push(`Machine: ${availableParallelism()} CPUs (${cpuModel()}), Node ${process.version}.`);
out.push(
  `System: ${int(load.replicas)} replicas × concurrency ${load.concurrency} (queue ${load.queue}), exponential ` +
    `service time of mean ${load.serviceTimeMs} ms, Poisson arrivals at ${int(arrivalRate(load))}/s: ` +
    `ρ = ${load.rho}. Seed ${seed}.`,
);
out.push(
  `Each round builds the scenario and runs ${load.warmupMs / 1000} s of simulated time untimed, then times ` +
    `${(timedMs(load) / 1000).toFixed(1)} s of simulated time (about ${int(load.requests)} requests); ` +
    `medians of ${rounds} rounds after one warm-up round, interleaved with the kernel's bare loop ` +
    `(${int(bareSize.processes * bareSize.timeouts)} events).`,
);
out.push('');
out.push('| variant | per second (median) | min – max | vs bare loop |');
out.push('|---|---:|---:|---:|');
out.push(
  `| ${TRAFFIC} | ${int(rate)} | ${int(Math.min(...traffic))} – ${int(Math.max(...traffic))} | ` +
    `${pairedRatio(traffic, bare).toFixed(3)}× |`,
);
out.push(`| ${BARE} | ${int(median(bare))} | ${int(Math.min(...bare))} – ${int(Math.max(...bare))} | 1× |`);
out.push('');
const bareEventsPerRequest = pairedRatio(bare, traffic);
out.push(
  `Bare-loop events per request (median of per-round ratios): ${bareEventsPerRequest.toFixed(2)}; ` +
    `µs per request: ${(1e6 / rate).toFixed(3)}.`,
);
const entries = agendaEntriesPerRequest(load, seed);
out.push(
  `Kernel agenda entries run per request: ${entries.total.toFixed(3)} (` +
    entries.byLabel.map(([label, n]) => `${label} ${n.toFixed(3)}`).join(', ') +
    ').',
);
const latency = run.figures.latency;
out.push(
  `Last round: ${int(run.figures.succeeded)} answered, ${int(run.figures.inFlight)} in flight at the end, none ` +
    `failed; latency mean ${latency.mean.toFixed(2)} ms, p50 ${latency.p50.toFixed(2)}, p99 ` +
    `${latency.p99.toFixed(2)} ms; imbalance (most served ÷ mean) ${run.imbalance.toFixed(3)}.`,
);
out.push('');
const verdict = rate >= TARGET ? 'met' : '**missed**';
out.push(
  `${smoke ? 'Target (not meaningful at smoke sizes)' : 'Target'}: ≥ ${int(TARGET)} simulated requests/s: ` +
    `${int(rate)}, ${verdict}.`,
);
out.push('');

out.push(`### Memory per request in flight (about ${int(inFlightCount)} in flight)`);
out.push('');
out.push('| where the requests are | in flight | bytes per request | heap used at peak |');
out.push('|---|---:|---:|---:|');
const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
for (const [label, kind] of [
  ['in service (each holds a slot and an agenda entry)', 'in-service'],
  ['queued at their replica (one in service per replica)', 'queued'],
] as const satisfies ReadonlyArray<readonly [string, InFlightKind]>) {
  const m = measureInFlight(kind, inFlightCount, load.replicas, seed);
  out.push(`| ${label} | ${int(m.inFlight)} | ${m.bytesPerRequest.toFixed(1)} | ${mib(m.heapUsedPeak)} |`);
}
out.push('');
out.push(`Load average (1, 5, 15 min): ${loadBefore} at the start, ${load1()} at the end.`);
out.push('');
console.log(out.join('\n'));
