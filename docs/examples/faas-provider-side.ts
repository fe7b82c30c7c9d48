// Lesson 16, the provider's side: what the same function costs the platform in hosts, beside the memory
// its idle instances hold and what the user pays, as the scheduler spreads or packs the instances.
import { createSimulation } from '@berth/cluster';
import { scenario } from './faas-side-by-side/scenario.js';

// #region provider
/** Three significant figures, as berth run prints a function's bill. */
const dollars = (x: number) => (Number.isNaN(x) ? '-' : `$${x.toPrecision(3)}`);
console.log('platform  scheduler          hosts mean / peak  host-hours  idle GB-h  user cost');
const runs: Array<[string, string]> = [
  ['lambda', 'least-allocated'],
  ['lambda', 'most-allocated'],
  ['knative', 'least-allocated'],
];
for (const [platform, strategy] of runs) {
  const sim = createSimulation({ ...scenario(platform), scheduler: { strategy } }, { eventLog: { keep: 'none' } });
  sim.run();
  const r = sim.functions()!;
  const hosts = `${r.hostsUsed.mean.toFixed(2)} / ${r.hostsUsed.peak}`;
  console.log(
    `${platform.padEnd(10)}${strategy.padEnd(19)}${hosts.padStart(17)}${r.hostsUsed.hostHours.toFixed(2).padStart(12)}` +
      `${(r.total.idleGbSeconds / 3600).toFixed(2).padStart(11)}${dollars(r.total.cost).padStart(11)}`,
  );
}
// #endregion
