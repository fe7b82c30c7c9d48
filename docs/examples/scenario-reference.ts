// The scenario reference's complete example: every section of a scenario, run to its horizon.

import { createSimulation, parseScenario, type ScenarioInput } from '@berth/cluster';
import { ConfigError } from '@berth/kernel';

// #region scenario
const scenario: ScenarioInput = {
  name: 'shop',
  description: 'A web shop: a front end, a nightly report, a database pinned to its host, and a GPU job.',
  seed: 7,
  horizon: '20m',
  scheduler: {
    strategy: 'kubernetes',
    queue: 'priority',
    preemption: true,
    initialBackoff: '1s',
    maxBackoff: '10s',
    maxUnschedulableWait: '5m',
  },
  hosts: [
    { group: 'web', count: 3, capacity: { cpu: '4', memory: '16Gi' }, labels: { zone: 'a' }, hourlyCost: 0.2 },
    { group: 'spare', count: 2, capacity: { cpu: '4', memory: '16Gi' }, labels: { zone: 'b' }, hourlyCost: 0.2 },
    { name: 'db-host', capacity: { cpu: '8', memory: '64Gi' }, labels: { zone: 'a', disk: 'ssd' }, maxContainers: 10 },
    {
      name: 'gpu-host',
      capacity: { cpu: '16', memory: '64Gi', gpu: 2 },
      labels: { zone: 'b' },
      taints: [{ key: 'gpu', value: 'true', effect: 'NoSchedule' }],
      hourlyCost: 2.5,
    },
  ],
  images: {
    shop: { pullTime: '8s', size: '300Mi' },
    report: { pullTime: '20s', size: '1Gi' },
    trainer: { pullTime: '1m', size: '6Gi' },
  },
  services: {
    front: {
      replicas: 4,
      template: {
        requests: { cpu: '500m', memory: '1Gi' },
        limits: { cpu: '1', memory: '2Gi' },
        image: 'shop',
        startup: '5s',
        labels: { app: 'front' },
        spread: [{ topologyKey: 'zone', maxSkew: 1 }],
        antiAffinity: 'hostname',
      },
    },
  },
  jobs: {
    report: {
      submitAt: '2m',
      tasks: [
        { count: 6, requests: { cpu: '1', memory: '4Gi' }, image: 'report', duration: '3m' },
        { at: '5m', requests: { cpu: '2', memory: '8Gi' }, image: 'report', duration: '1m', priority: 10 },
      ],
    },
  },
  containers: [
    { name: 'db', host: 'db-host', requests: { cpu: '4', memory: '32Gi' }, priority: 100, startup: '30s' },
    {
      name: 'train',
      at: '1m',
      requests: { cpu: '8', memory: '32Gi', gpu: 1 },
      image: 'trainer',
      duration: '10m',
      tolerations: [{ key: 'gpu', operator: 'Equal', value: 'true', effect: 'NoSchedule' }],
      affinity: { required: [{ key: 'zone', operator: 'In', values: ['b'] }] },
    },
  ],
};
// #endregion

// #region run
const sim = createSimulation(scenario);
sim.run(); // to the horizon, 20 minutes
const snapshot = sim.snapshot();
console.log(`${scenario.name} at ${snapshot.at / 60_000} min:`);
for (const host of Object.values(snapshot.hosts)) {
  const cpu = `${host.allocated.cpu}/${host.capacity.cpu}m cpu`;
  console.log(`  ${host.name.padEnd(8)} ${cpu.padEnd(17)} ${host.containers.join(' ') || '(empty)'}`);
}
const phases = new Map<string, number>();
for (const c of Object.values(snapshot.containers)) phases.set(c.phase, (phases.get(c.phase) ?? 0) + 1);
console.log(`containers: ${[...phases].map(([phase, n]) => `${n} ${phase}`).join(', ')}`);
// #endregion

// #region defaults
const parsed = parseScenario(scenario);
console.log(`front requests: ${JSON.stringify(parsed.services.front!.template.requests)} (millicores, MiB)`);
console.log(
  `report task 0 runs for ${parsed.jobs.report!.tasks[0]!.duration} ms, db for ${parsed.containers[0]!.duration} ms`,
);
console.log(`scheduler: ${JSON.stringify(parsed.scheduler)}`);
// #endregion

// #region errors
try {
  createSimulation({
    ...scenario,
    hosts: [{ group: 'web', count: 1_000_000_000, capacity: { cpu: 'lots' } }],
    services: { front: { replicas: -1, template: { image: 'shop', startup: 'soon' } } },
  });
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.log(error.message);
}
// #endregion
