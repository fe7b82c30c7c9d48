// The guide "Shaping request traffic": a service time from a trace's percentiles, ports and node ports,
// endpoint weights, and a host drained without dropping a request.

import { createSimulation, drainHost, type ScenarioInput } from '@berth/cluster';
import { ConfigError } from '@berth/kernel';

// #region percentiles
// A request type whose service time is a trace's measured percentiles: p0 (the fastest), p50, p90,
// p99 and a cap at p100. A draw interpolates linearly between the points.
const measured: ScenarioInput = {
  seed: 1,
  horizon: '5m',
  hosts: [{ group: 'node', count: 2, capacity: { cpu: '4', memory: '8Gi' } }],
  services: {
    api: { replicas: 2, template: { requests: { cpu: '1', memory: '1Gi' } }, serving: { concurrency: 100 } },
  },
  requests: {
    search: {
      service: 'api',
      serviceTime: {
        dist: 'percentiles',
        points: [
          { p: 0, value: '2ms' },
          { p: 0.5, value: '20ms' },
          { p: 0.9, value: '60ms' },
          { p: 0.99, value: '200ms' },
          { p: 1, value: '400ms' },
        ],
      },
    },
  },
  load: [{ name: 'users', request: 'search', arrivals: { process: 'poisson', rate: 100 } }],
};
const latency = createSimulation(measured).run().traffic().sources.users!.latency;
console.log(
  `search, answered ${latency.count}: p50 ${latency.p50.toFixed(1)} ms, p90 ${latency.p90.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms`,
);
// #endregion

// #region percentiles-errors
// Points out of order are refused, each with its path.
const unordered = structuredClone(measured);
unordered.requests!.search!.serviceTime = {
  dist: 'percentiles',
  points: [
    { p: 0, value: '2ms' },
    { p: 0.9, value: '60ms' },
    { p: 0.5, value: '20ms' },
    { p: 1, value: '400ms' },
  ],
};
try {
  createSimulation(unordered);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  for (const issue of error.issues) console.log(`${issue.path}: ${issue.message}`);
}
// #endregion

// #region ports
// `api` exposed as a LoadBalancer on ports 80 and 443 (node port 30443 given, the other allocated);
// the users come in through the load balancer on port 443.
const exposed = structuredClone(measured);
exposed.services!.api!.serving = {
  concurrency: 100,
  type: 'LoadBalancer',
  ports: [
    { name: 'http', port: 80, targetPort: 8080 },
    { name: 'https', port: 443, targetPort: 8443, nodePort: 30_443 },
  ],
};
exposed.load = [
  { name: 'users', request: 'search', via: 'load-balancer', port: 443, arrivals: { process: 'poisson', rate: 100 } },
];
for (const port of createSimulation(exposed).run('1s').traffic().services.api!.ports!) {
  console.log(`${port.name}: service port ${port.port} → replicas' ${port.targetPort}, node port ${port.nodePort}`);
}
// A second service may not take a node port the first holds: it is open on every node.
const clash = structuredClone(exposed);
clash.services!.admin = {
  replicas: 1,
  template: { requests: { cpu: '1', memory: '1Gi' } },
  serving: { type: 'NodePort', ports: [{ port: 443, nodePort: 30_443 }] },
};
try {
  createSimulation(clash);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  for (const issue of error.issues) console.log(`${issue.path}: ${issue.message}`);
}
// #endregion

// #region weights
// Four replicas, one per host; those on the two large hosts weigh 3, so each takes 3/8 of the requests.
const sized: ScenarioInput = {
  ...measured,
  hosts: [
    { group: 'large', count: 2, capacity: { cpu: '16', memory: '32Gi' }, labels: { size: 'large' } },
    { group: 'small', count: 2, capacity: { cpu: '4', memory: '8Gi' }, labels: { size: 'small' } },
  ],
  services: {
    api: {
      replicas: 4,
      template: { requests: { cpu: '1', memory: '1Gi' }, antiAffinity: 'hostname' },
      serving: {
        concurrency: 100,
        balancing: 'weighted-round-robin',
        weights: [{ hostLabels: { size: 'large' }, weight: 3 }],
      },
    },
  },
};
const weightedSim = createSimulation(sized).run();
const served = weightedSim.traffic().services.api!.served;
const total = Object.values(served).reduce((a, b) => a + b, 0);
for (const [replica, n] of Object.entries(served)) {
  const host = weightedSim.container(replica)!.host!.name;
  console.log(`${replica} on ${host}: ${((100 * n) / total).toFixed(1)}% of ${total}`);
}
// #endregion

// #region drain
// Draining a host under load: its replica is evicted and replaced. Stopped at once, it fails what it
// holds and what the proxies still send it; with a preStop hook and a grace period, nothing fails.
for (const graceful of [false, true]) {
  const scenario = structuredClone(measured);
  scenario.hosts = [{ group: 'node', count: 3, capacity: { cpu: '4', memory: '8Gi' } }];
  scenario.services!.api!.template = {
    requests: { cpu: '1', memory: '1Gi' },
    antiAffinity: 'hostname',
    ...(graceful ? { preStop: '3s', terminationGracePeriod: '30s' } : {}),
  };
  const sim = createSimulation(scenario);
  sim.run('1m');
  const drain = drainHost(sim, sim.container('api-0')!.host!.name);
  sim.run();
  const failed = sim.events().filter((e) => e.type === 'request.failed' && e.at >= 60_000).length;
  const how = graceful ? 'preStop 3s, grace 30s' : 'stopped at once';
  console.log(
    `drain, ${how.padEnd(21)}: ${String(failed).padStart(3)} failed, done after ${drain.completedAt! - 60_000} ms`,
  );
}
// #endregion
