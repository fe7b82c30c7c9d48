// @berth/workloads: a seeded synthetic fleet and workload, placed by @berth/cluster's Kubernetes scheduler.
import { createSimulation } from '@berth/cluster';
import { createRandom } from '@berth/kernel';
import { generateFleet, generateWorkload, poissonArrivals, requestMix } from '@berth/workloads';

const hosts = generateFleet({
  zones: ['a', 'b'],
  shapes: [{ name: 'std', count: 4, capacity: { cpu: '16', memory: '64Gi' } }],
});
const { jobs, containers } = generateWorkload(
  {
    horizon: 600_000, // arrivals during the first ten simulated minutes
    classes: [
      {
        name: 'web',
        kind: 'service',
        arrivals: poissonArrivals(0.05), // one every 20 s on average
        requests: requestMix([
          { weight: 2, requests: { cpu: '500m', memory: '512Mi' } },
          { weight: 1, requests: { cpu: '1', memory: '1Gi' } },
        ]),
      },
    ],
  },
  createRandom(5),
);

const sim = createSimulation({ seed: 5, hosts, jobs, containers }).run('20m');
console.log(`hosts: ${hosts.map((group) => `${group.group} x${group.count}`).join(', ')}`);
console.log(`containers generated: ${containers.length}, placed: ${sim.counters.placed}`);
