// Guide: a selector written from scratch, plugged in as part of a complete strategy.
import { CPU, createSimulation, defaultFilters, formatDecision, type HostView, type Selector } from '@berth/cluster';

// #region selector
/**
 * Cheapest fit: the feasible host with the lowest hourly cost; among equally cheap hosts, the one
 * with the least free CPU (to keep the others empty); then the first declared.
 */
function cheapestFit(): Selector {
  const cents = (host: HostView) => Math.round(host.hourlyCost * 100);
  const freeCpu = (host: HostView) => host.capacity[CPU]! - host.allocated[CPU]!;
  // Explain records raw, normalised and weighted scores; a rule-based ranking has one number for all three.
  const measure = (value: number) => ({ raw: value, normalized: value, weighted: value });
  return {
    name: 'cheapest-fit',
    select(_request, context) {
      const recorder = context.recorder; // non-null only while explaining
      let best: HostView | null = null;
      for (const host of context.cluster.hosts) {
        if (!context.feasible(host)) continue; // runs every filter; records the rejection when explaining
        recorder?.accept(host.name, { 'cents/h': measure(cents(host)), 'free cpu (m)': measure(freeCpu(host)) }, null);
        const better =
          best === null || cents(host) < cents(best) || (cents(host) === cents(best) && freeCpu(host) < freeCpu(best));
        if (better) best = host;
      }
      if (recorder !== null) recorder.considered = context.cluster.hosts.length;
      return best;
    },
  };
}
// #endregion

// #region simulation
const sim = createSimulation(
  {
    seed: 1,
    hosts: [
      { group: 'standard', count: 2, capacity: { cpu: '8', memory: '32Gi' }, hourlyCost: 0.4 },
      { group: 'small', count: 2, capacity: { cpu: '2', memory: '8Gi' }, hourlyCost: 0.1 },
    ],
    services: { api: { replicas: 3, template: { requests: { cpu: '1', memory: '2Gi' } } } },
  },
  {
    strategy: { name: 'cheapest-fit', filters: defaultFilters(), selector: cheapestFit(), preemption: false },
    explain: ['api-2'],
  },
);
sim.run('1m');
console.log(formatDecision(sim.decisions('api-2')[0]!));
for (const host of Object.values(sim.snapshot().hosts)) {
  console.log(`${host.name.padEnd(10)} ${host.containers.join(' ') || '(empty)'}`);
}
// #endregion
