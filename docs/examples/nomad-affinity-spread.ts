// Strategies: Nomad's affinity and spread blocks, averaged with the bin-packing fit.
import { createSimulation, type ScenarioInput } from '@berth/cluster';

// #region spread
// Ten clients in two datacenters. The group asks for 70% of its 20 allocations in dc1 and 30% in dc2,
// and prefers (weight 50) clients whose `rack` metadata is r1.
const cluster: ScenarioInput = {
  seed: 3,
  scheduler: { strategy: 'nomad-binpack' },
  hosts: [
    {
      group: 'dc1-r1',
      count: 3,
      capacity: { cpu: '64000m', memory: '256Gi' },
      labels: { datacenter: 'dc1', rack: 'r1' },
    },
    {
      group: 'dc1-r2',
      count: 2,
      capacity: { cpu: '64000m', memory: '256Gi' },
      labels: { datacenter: 'dc1', rack: 'r2' },
    },
    {
      group: 'dc2-r1',
      count: 5,
      capacity: { cpu: '64000m', memory: '256Gi' },
      labels: { datacenter: 'dc2', rack: 'r1' },
    },
  ],
  services: {
    api: {
      replicas: 20,
      template: {
        requests: { cpu: '250m', memory: '256Mi' },
        nomad: {
          // biome-ignore lint/suspicious/noTemplateCurlyInString: Nomad's attribute syntax, not a template.
          affinities: [{ attribute: '${meta.rack}', value: 'r1', weight: 50 }],
          spreads: [
            {
              // biome-ignore lint/suspicious/noTemplateCurlyInString: Nomad's attribute syntax, not a template.
              attribute: '${node.datacenter}',
              weight: 100,
              targets: [
                { value: 'dc1', percent: 70 },
                { value: 'dc2', percent: 30 },
              ],
            },
          ],
        },
      },
    },
  },
};
const sim = createSimulation(cluster, { explain: ['api-0'] }).run('1s');
const perGroup: Record<string, number> = {};
for (let i = 0; i < 20; i++) {
  const group = sim.container(`api-${i}`)?.host?.group ?? 'pending';
  perGroup[group] = (perGroup[group] ?? 0) + 1;
}
console.log('allocations per group:', perGroup);
const first = sim.decisions('api-0')[0]!;
console.log(`api-0: ${first.considered} of ${first.hostCount} clients ranked (max(count, 100) with blocks)`);
for (const h of first.hosts.slice(0, 3))
  console.log(`  ${h.host}: NomadPlacement ${h.scores.NomadPlacement!.raw.toFixed(4)}`);
// #endregion
