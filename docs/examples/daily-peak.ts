// Lesson 10: autoscaling a service through a daily peak. A day of cpu demand, a horizontal pod
// autoscaler following it, and what it saves against a fleet sized for the peak.
import { DEMAND, day, runDay } from './daily-peak/dailyPeak.js';
import { DAY_FLEETS, runFleetDay, SLO_P99_MS } from './daily-peak/fleetDay.js';

const clock = (ms: number) => (ms === 86_400_000 ? '24:00' : new Date(ms).toISOString().slice(11, 16));
const pct = (x: number) => `${(x * 100).toFixed(0)}%`.padStart(5);

// #region hourly
const HOUR = 3_600_000;
const { samples, autoscaling } = runDay(day(true), HOUR / 4);
console.log('time   demand  replicas  utilisation');
for (const s of samples.filter((s) => s.at % (2 * HOUR) === 0)) {
  const cores = (s.demand / 1000).toFixed(2);
  console.log(`${clock(s.at)}  ${cores.padStart(6)}  ${String(s.ready).padStart(8)}  ${pct(s.utilization)}`);
}
// #endregion

// #region scalings
const a = autoscaling!;
console.log();
console.log(
  `${a.scaleUps} scale-ups, ${a.scaleDowns} scale-downs; replicas from ${a.replicas.min} to ${a.replicas.max}`,
);
const firstDown = a.scalings.find((e) => e.to < e.from)!;
console.log(`first scale-down at ${clock(firstDown.at)} (${firstDown.from} → ${firstDown.to}): ${firstDown.reason}`);
const longest = Math.max(...a.reactions.map((r) => r.durationMs ?? 0));
console.log(`longest wait from a scale-up to its replicas ready: ${longest / 1000} s`);
const steps = a.loadSteps!;
const late = Math.max(...steps.map((s) => s.durationMs ?? 0));
console.log(`load steps: ${steps.length}; longest from a load step to enough replicas ready: ${late / 1000} s`);
const hot = samples.filter((s) => s.utilization > 0.6 * 1.1).length;
console.log(`samples above the target's tolerance band (66 %): ${hot} of ${samples.length}`);
// #endregion

// #region savings
// A static fleet sized for the peak at the same 60 % target: ceil(5.1 cores / (0.5 core × 0.6)) = 17.
const peak = DEMAND.mean * (1 + DEMAND.amplitude);
const fleet = Math.ceil(peak / (500 * 0.6));
const hpaHours = a.replicas.mean * 24;
console.log();
console.log(`static fleet for the peak: ${fleet} replicas, ${fleet * 24} replica-hours a day`);
console.log(`with the autoscaler: ${hpaHours.toFixed(1)} replica-hours (mean ${a.replicas.mean.toFixed(2)} replicas)`);
console.log(`saved: ${pct(1 - hpaHours / (fleet * 24)).trim()} of the replica-hours`);
const ideal = samples.reduce((sum, s) => sum + Math.max(2, Math.ceil(s.demand / 300)), 0) / samples.length;
console.log(`exactly 60 % at every sample (no tolerance band) would need: mean ${ideal.toFixed(2)} replicas`);
// #endregion

// #region fleets
// A day of requests on three fleets: what each costs and what the users see.
console.log();
console.log('fleet                     cost  host-h  peak hosts  p50 ms  p99 ms  min over 1 s  req over 1 s  failed');
for (const fleet of DAY_FLEETS) {
  const o = runFleetDay(fleet);
  const over = `${o.sloViolations} of ${o.minutes}`;
  const slow = `${(o.overThreshold * 100).toFixed(3)}%`;
  console.log(
    `${fleet.padEnd(24)} ${o.cost.toFixed(2).padStart(6)}  ${o.hostHours.toFixed(1).padStart(6)}  ` +
      `${String(o.peakHosts).padStart(10)}  ${o.p50.toFixed(0).padStart(6)}  ${o.p99.toFixed(0).padStart(6)}  ` +
      `${over.padStart(12)}  ${slow.padStart(12)}  ${String(o.failed).padStart(6)}`,
  );
}
console.log(`objective: each minute's p99 at most ${SLO_P99_MS} ms`);
// #endregion
