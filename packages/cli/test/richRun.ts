import {
  collectAutoscaling,
  collectAvailability,
  collectMetrics,
  collectNodeScaling,
  collectTraffic,
  createSimulation,
  type ScenarioInput,
} from '@berth/cluster';

/** A service of 10 replicas with image pulls, a batch job that overfills the cluster, a host crash, crashes and a rollout. */
export const RICH_SCENARIO: ScenarioInput = {
  name: 'rich',
  seed: 7,
  horizon: '1h',
  hosts: [{ group: 'node', count: 4, capacity: { cpu: '8', memory: '16Gi' } }],
  images: { 'web:1': { pullTime: '10s' }, 'web:2': { pullTime: '10s' } },
  services: {
    web: { replicas: 10, template: { requests: { cpu: '500m', memory: '512Mi' }, image: 'web:1', startup: '5s' } },
  },
  jobs: { batch: { tasks: [{ count: 16, requests: { cpu: '2', memory: '2Gi' }, duration: '20m' }] } },
  faults: [{ kind: 'host-crash', at: '10m', host: 'node-1', recoverAfter: '15m' }],
  failures: [{ model: 'container-crashes', service: 'web', mtbf: { dist: 'exponential', mean: '2h' } }],
};

/** Runs RICH_SCENARIO with the whole log kept, updating the image at 30 min (a rollout). */
export function runRich() {
  const sim = createSimulation(RICH_SCENARIO, { eventLog: { keep: 'all' } });
  const metrics = collectMetrics(sim);
  const availability = collectAvailability(sim);
  sim.run(30 * 60_000);
  sim.update((d) => {
    d.services.web!.template.image = 'web:2';
  });
  sim.run(60 * 60_000);
  return { sim, metrics: metrics.report(), availability: availability.report() };
}

/** Three replicas of a web service under 40 requests/s, one of its hosts crashing at 4 min: the traffic charts' run. */
export const TRAFFIC_SCENARIO: ScenarioInput = {
  name: 'traffic',
  seed: 5,
  horizon: '10m',
  hosts: [{ group: 'node', count: 3, capacity: { cpu: '4', memory: '8Gi' } }],
  services: {
    web: {
      replicas: 3,
      template: { requests: { cpu: '1', memory: '1Gi' } },
      serving: { concurrency: 2, queue: 10 },
    },
  },
  requests: { get: { service: 'web', serviceTime: { dist: 'exponential', mean: '25ms' }, timeout: '500ms' } },
  load: [{ name: 'users', request: 'get', arrivals: { process: 'poisson', rate: 40 } }],
  faults: [{ kind: 'host-crash', at: '4m', host: 'node-1', recoverAfter: '3m' }],
};

/** Runs TRAFFIC_SCENARIO to its horizon with the whole log kept and every collector. */
export function runTraffic() {
  const sim = createSimulation(TRAFFIC_SCENARIO, { eventLog: { keep: 'all' } });
  const metrics = collectMetrics(sim);
  const availability = collectAvailability(sim);
  const traffic = collectTraffic(sim);
  sim.run();
  return { sim, metrics: metrics.report(), availability: availability.report(), traffic: traffic.report() };
}

/**
 * An autoscaled service on one static host and a node group: its cpu demand triples at 10 min, so its
 * autoscaler asks for more replicas than the static host holds and the node group grows; the demand
 * falls back at 20 min. The scaling charts' run.
 */
export const SCALED_SCENARIO: ScenarioInput = {
  name: 'scaled',
  seed: 1,
  horizon: '30m',
  hosts: [{ group: 'system', capacity: { cpu: '2', memory: '8Gi' } }],
  nodeGroups: [{ name: 'pool', template: { capacity: { cpu: '2', memory: '8Gi' } }, max: 10, hourlyCost: 0.1 }],
  services: {
    web: {
      replicas: 2,
      template: { requests: { cpu: '500m', memory: '1Gi' } },
      usage: {
        cpu: {
          shape: 'steps',
          initial: '1',
          steps: [
            { at: '10m', value: '3' },
            { at: '20m', value: '1' },
          ],
        },
      },
      autoscaling: { maxReplicas: 12, metrics: [{ resource: 'cpu', averageUtilization: 50 }] },
    },
  },
};

/** Runs SCALED_SCENARIO to its horizon with the whole log kept and every collector it needs. */
export function runScaled() {
  const sim = createSimulation(SCALED_SCENARIO, { eventLog: { keep: 'all' } });
  const metrics = collectMetrics(sim);
  const availability = collectAvailability(sim);
  const autoscaling = collectAutoscaling(sim);
  const nodeScaling = collectNodeScaling(sim);
  sim.run();
  return {
    sim,
    metrics: metrics.report(),
    availability: availability.report(),
    autoscaling: autoscaling.report(),
    nodeScaling: nodeScaling.report(),
  };
}
