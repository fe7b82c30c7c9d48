// Node autoscaling benchmark: a diurnal fleet (replica counts of 1-cpu services following a daily curve,
// no HPA) on a static fleet sized for the peak, a node group with the cluster autoscaler, and a
// Karpenter-like provisioner: cost against the containers' wait for a host. Then the speed of a week of a
// 100-host cluster, against the kernel's bare loop in the same process. Prints Markdown.
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { collectMetrics, collectNodeScaling, createSimulation } from '@berth/cluster';
import { DAY_FLEETS, type DayOutcome, runFleetDay, SLO_P99_MS } from '../../docs/examples/daily-peak/fleetDay.js';
import { runBareLoop } from '../kernel/bareLoop.js';
import { interleave, median, pairedRatio } from '../kernel/interleave.js';
import type { ModelSize } from '../kernel/modelSize.js';
import { cpuModel, cpuTime, positiveInteger } from '../machine.js';
import { type DiurnalSize, diurnalScenario, type FleetKind } from './diurnalFleet.js';

const { values: args } = parseArgs({
  options: { smoke: { type: 'boolean', default: false }, rounds: { type: 'string' }, seed: { type: 'string' } },
  strict: true,
});
const smoke = args.smoke;
const rounds = positiveInteger('rounds', args.rounds, smoke ? 1 : 5);
const seed = positiveInteger('seed', args.seed, 1);
const KINDS: readonly FleetKind[] = ['static', 'cluster-autoscaler', 'provisioner'];

/** One day of 20 services between 10 and 38 replicas: 200 to 760 cpu, up to 95 hosts of 8 cpu. */
const DAY: DiurnalSize = smoke
  ? { services: 4, trough: 2, peak: 10, days: 1, maxHosts: 5 }
  : { services: 20, trough: 10, peak: 38, days: 1, maxHosts: 100 };
const WEEK: DiurnalSize = { ...DAY, days: smoke ? 1 : 7 };
const bareSize: ModelSize = smoke ? { processes: 20, timeouts: 50 } : { processes: 1000, timeouts: 1000 };

interface Outcome {
  readonly cost: number;
  readonly hostHours: number;
  readonly peakHosts: number;
  readonly launched: number;
  readonly consolidations: number;
  readonly scaleDowns: number;
  readonly waitMean: number;
  readonly waitP99: number;
  readonly waitMax: number;
  readonly events: number;
  readonly cpuSeconds: number;
  readonly wallSeconds: number;
}

function runFleet(size: DiurnalSize, kind: FleetKind): Outcome {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const sim = createSimulation(diurnalScenario(size, kind, seed), {
    keepFinished: false,
    eventLog: { keep: 'none' },
  });
  const metrics = collectMetrics(sim);
  const scaling = collectNodeScaling(sim);
  sim.run();
  const m = metrics.report();
  const r = scaling.report();
  return {
    cost: r.cost,
    hostHours: r.hostHours,
    peakHosts: r.peakHosts,
    launched: r.launched,
    consolidations: r.consolidations,
    scaleDowns: r.scaleDowns,
    waitMean: m.pending.mean ?? 0,
    waitP99: m.pending.p99 ?? 0,
    waitMax: m.pending.max ?? 0,
    events: sim.log.size,
    cpuSeconds: cpuTime(process.cpuUsage(cpu)),
    wallSeconds: (performance.now() - wall) / 1000,
  };
}

const out: string[] = [];
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(', ');
out.push('## Node autoscaling: a diurnal fleet without HPA');
out.push('');
out.push(
  `Machine: ${availableParallelism()} CPUs (${cpuModel()}), Node ${process.version}; load ${load()} at the start.`,
);
out.push(
  `Fleet: ${DAY.services} services of 1-cpu / 2 GiB replicas, each between ${DAY.trough} and ${DAY.peak} replicas on a daily ` +
    `cosine peaking at 14:00 (shifted up to an hour per service), counts changed every 15 min; hosts of 8 cpu / 32 GiB ` +
    'at $0.384/h (the provisioner: 2, 4, 8 and 16 cpu at the same price per cpu), one static system host in every ' +
    `fleet. Static: ${DAY.maxHosts} more hosts, enough for the peak. Every autoscaler setting at its default. Seed ${seed}.`,
);
out.push('');
out.push(
  '| fleet | cost ($/day) | host-hours | peak hosts | launched | removed (CA) / consolidated | wait for a host: mean / p99 / max |',
);
out.push('|---|---:|---:|---:|---:|---:|---:|');
const day = new Map<FleetKind, Outcome>();
for (const kind of KINDS) {
  const o = runFleet(DAY, kind);
  day.set(kind, o);
  out.push(
    `| ${kind} | ${o.cost.toFixed(2)} | ${o.hostHours.toFixed(1)} | ${o.peakHosts} | ${o.launched} | ` +
      `${kind === 'provisioner' ? o.consolidations : o.scaleDowns} | ${s(o.waitMean)} / ${s(o.waitP99)} / ${s(o.waitMax)} |`,
  );
}
const staticCost = day.get('static')!.cost;
out.push('');
out.push(
  `Cost against the static fleet: cluster autoscaler ${(day.get('cluster-autoscaler')!.cost / staticCost).toFixed(3)}×, ` +
    `provisioner ${(day.get('provisioner')!.cost / staticCost).toFixed(3)}×. The wait is each placement's time from ` +
    "creation to binding, over every placement of the day (the static fleet's is the scheduler's own).",
);

// Speed: a week of each fleet, interleaved with the bare loop (1,000,000 events) in every round.
const contestants = [
  ...KINDS.map((kind) => ({
    name: kind,
    run: () => {
      const o = runFleet(WEEK, kind);
      return { seconds: o.cpuSeconds, events: o.events, endTime: WEEK.days };
    },
  })),
  {
    name: 'bare loop',
    run: () => {
      const cpu = process.cpuUsage();
      const outcome = runBareLoop(bareSize, 42);
      return { seconds: cpuTime(process.cpuUsage(cpu)), ...outcome };
    },
  },
];
const rates = interleave(contestants, rounds);
const bare = rates.get('bare loop')!;
out.push('');
out.push(
  `### Speed: ${WEEK.days} days of the same fleet (up to ${WEEK.maxHosts} hosts), CPU time, medians of ${rounds} rounds ` +
    "after a warm-up, interleaved with the kernel's bare loop",
);
out.push('');
out.push('| fleet | simulated span in (CPU s, median) | events | events/s | vs bare loop |');
out.push('|---|---:|---:|---:|---:|');
for (const kind of KINDS) {
  const r = rates.get(kind)!;
  const events = runFleet(WEEK, kind).events;
  out.push(
    `| ${kind} | ${(events / median(r)).toFixed(2)} | ${int(events)} | ${int(median(r))} | ${pairedRatio(r, bare).toFixed(4)}× |`,
  );
}
out.push(`| bare loop | | ${int(bareSize.processes * bareSize.timeouts)} | ${int(median(bare))} | 1× |`);
out.push('');

// A day of requests with the HPA: lesson 10's fleets (docs/examples/daily-peak/fleetDay.ts).
const horizon = smoke ? '10m' : '1d';
out.push(`## HPA on a day of requests: cost against latency (${horizon})`);
out.push('');
out.push(
  'One service, 1-cpu replicas answering one request at a time in U(150, 350) ms, Poisson arrivals on a daily ' +
    'cosine (mean 20/s, 70 % swing, peak 14:00), least-request balancing. Static: 15 replicas on 4 worker hosts ' +
    '(the peak at 60 %); the others: the HPA on cpu at 60 % (2..40 replicas) with a node group of 4-cpu hosts and ' +
    'the cluster autoscaler, or with the provisioner (2, 4, 8, 16 cpu). $0.048 per cpu-hour, one system host in ' +
    `every fleet. Objective: each minute's p99 at most ${SLO_P99_MS} ms. Seed 11.`,
);
out.push('');
out.push(
  '| fleet | cost ($) | vs static | host-hours | peak hosts | requests | p50 | p99 | minutes over objective | failed |',
);
out.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
const days = new Map<string, DayOutcome>();
for (const fleet of DAY_FLEETS) days.set(fleet, runFleetDay(fleet, 11, horizon));
const staticDay = days.get('static')!.cost;
for (const [fleet, o] of days) {
  out.push(
    `| ${fleet} | ${o.cost.toFixed(2)} | ${(o.cost / staticDay).toFixed(3)}× | ${o.hostHours.toFixed(1)} | ${o.peakHosts} | ` +
      `${int(o.sent)} | ${o.p50.toFixed(0)} ms | ${o.p99.toFixed(0)} ms | ${o.sloViolations} of ${o.minutes} | ${o.failed} |`,
  );
}
const dayRates = interleave(
  [
    ...DAY_FLEETS.map((fleet) => ({
      name: fleet,
      run: () => {
        const cpu = process.cpuUsage();
        const o = runFleetDay(fleet, 11, horizon);
        return { seconds: cpuTime(process.cpuUsage(cpu)), events: o.sent, endTime: 1 };
      },
    })),
    contestants.at(-1)!,
  ],
  rounds,
);
const dayBare = dayRates.get('bare loop')!;
out.push('');
out.push(
  `Speed, CPU time, medians of ${rounds} rounds after a warm-up, interleaved with the bare loop (requests/s against its events/s):`,
);
out.push('');
out.push('| fleet | the day in (CPU s, median) | requests/s | vs bare loop |');
out.push('|---|---:|---:|---:|');
for (const fleet of DAY_FLEETS) {
  const r = dayRates.get(fleet)!;
  const sent = days.get(fleet)!.sent;
  out.push(
    `| ${fleet} | ${(sent / median(r)).toFixed(2)} | ${int(median(r))} | ${pairedRatio(r, dayBare).toFixed(4)}× |`,
  );
}
out.push(`| bare loop | | ${int(median(dayBare))} events/s | 1× |`);
out.push('');
out.push(`Load ${load()} at the end.`);
console.log(out.join('\n'));
