// Lesson 10, try it yourself: a higher utilisation target, a steeper day or a slower start-up, and a
// delayed metrics pipeline — each against the lesson's day.
import type { ScenarioInput } from '@berth/cluster';
import { DEMAND, day, runDay } from './daily-peak/dailyPeak.js';

const MINUTE = 60_000;
/** The parts of the lesson's scenario the changes touch. */
interface Day {
  images: { web: { pullTime: string } };
  services: {
    web: {
      usage: { cpu: { amplitude: number } };
      autoscaling: { metrics: Array<{ averageUtilization: number }>; metricsDelay?: string };
    };
  };
}

/** Runs the lesson's day with one change and prints a row; `target` and `amplitude` as changed. */
function variant(name: string, change: (d: Day) => void): void {
  const scenario = day(true);
  const d = scenario as unknown as Day;
  change(d);
  const target = d.services.web.autoscaling.metrics[0]!.averageUtilization / 100;
  const amplitude = d.services.web.usage.cpu.amplitude;
  const { samples, autoscaling } = runDay(scenario as ScenarioInput, MINUTE);
  const a = autoscaling!;
  // The demand of this day (the lesson's curve with this amplitude), over the ready replicas' requests.
  const demand = (t: number) =>
    DEMAND.mean * (1 + amplitude * Math.cos((2 * Math.PI * (t - DEMAND.peakAt)) / DEMAND.period));
  // From 00:30 on: the first minutes are the replicas' own start-up.
  const utilisation = samples.filter((s) => s.at >= 30 * MINUTE).map((s) => demand(s.at) / (s.ready * 500));
  const above = utilisation.filter((u) => u > target * 1.1).length;
  const peak = Math.max(...utilisation);
  const longest = Math.max(...a.reactions.map((r) => r.durationMs ?? 0)) / 1000;
  const fleet = Math.ceil((DEMAND.mean * (1 + amplitude)) / (500 * target));
  const saved = 1 - a.replicas.mean / fleet;
  const cells = [
    a.replicas.mean.toFixed(2).padStart(5),
    String(fleet).padStart(5),
    `${(saved * 100).toFixed(0)}%`.padStart(5),
    String(above).padStart(5),
    `${(peak * 100).toFixed(0)}%`.padStart(5),
    `${longest} s`.padStart(7),
  ];
  console.log(`${name.padEnd(22)} ${cells.join('  ')}`);
}

console.log('change                  mean  fleet  saved  above   peak  longest');
variant('none (the lesson)', () => {});
// 1. Kubernetes' own default target, 80 %: fewer replicas, a smaller fleet, less headroom.
variant('averageUtilization 80', (d) => {
  d.services.web.autoscaling.metrics[0]!.averageUtilization = 80;
});
// 2. A steeper day, and a slower start-up: more samples above the band.
variant('amplitude 0.95', (d) => {
  d.services.web.usage.cpu.amplitude = 0.95;
});
variant("pullTime '2m'", (d) => {
  d.images.web.pullTime = '2m';
});
// 3. A metrics pipeline 30 s late: its delay adds to the start-up.
variant("metricsDelay '30s'", (d) => {
  d.services.web.autoscaling.metricsDelay = '30s';
});
