import { ConfigError } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../simulation/Simulation.js';
import { parseScenario } from './parseScenario.js';
import type { ScenarioInput } from './scenarioSchema.js';

/** Every issue of a bad scenario as `path: message`, in the order reported. */
function issues(input: ScenarioInput): string[] {
  try {
    createSimulation(input);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error('expected a ConfigError, but the scenario was accepted');
}

type Serving = NonNullable<NonNullable<ScenarioInput['services']>[string]['serving']>;

/** `web` (and `api`) served, one request type each, one load source: the parts a test changes come in. */
function traffic(parts: {
  serving?: Serving;
  apiServing?: Serving;
  request?: Record<string, unknown>;
  source?: Record<string, unknown>;
  network?: Record<string, unknown>;
}): ScenarioInput {
  const template = { requests: { cpu: '1', memory: '1Gi' } };
  return {
    horizon: '1m',
    hosts: [{ group: 'node', count: 2, capacity: { cpu: '8', memory: '16Gi' } }],
    services: {
      web: { replicas: 2, template, ...(parts.serving === undefined ? {} : { serving: parts.serving }) },
      api: { replicas: 1, template, ...(parts.apiServing === undefined ? {} : { serving: parts.apiServing }) },
    },
    requests: {
      get: { service: 'web', serviceTime: { dist: 'exponential', mean: '10ms' }, ...parts.request },
      list: { service: 'api', serviceTime: { dist: 'constant', value: '1ms' } },
    },
    load: [{ name: 'users', request: 'get', arrivals: { process: 'poisson', rate: 10 }, ...parts.source }],
    ...(parts.network === undefined ? {} : { network: parts.network }),
  } as ScenarioInput;
}

// The issue's list of bad inputs, one test each: every one is a ConfigError naming the field's path,
// raised while parsing, before anything is built or allocated.
describe('bad traffic input (issue 10)', () => {
  it('negative rates', () => {
    expect(issues(traffic({ source: { arrivals: { process: 'poisson', rate: -5 } } }))).toEqual([
      'load[0].arrivals.rate: expected arrivals per second: a number > 0 and at most 10000000, got -5',
    ]);
    expect(
      issues(traffic({ source: { arrivals: { process: 'mmpp', rates: [-1, 5], meanDurations: ['1s', '1s'] } } })),
    ).toEqual(['load[0].arrivals.rates[0]: expected a number >= 0, got -1']);
    expect(issues(traffic({ source: { arrivals: { process: 'counts', counts: [3, -2] } } }))).toEqual([
      'load[0].arrivals.counts[1]: expected an integer from 0 to 10000000, got -2',
    ]);
  });

  it('a call graph with a cycle', () => {
    const input = traffic({ request: { calls: ['list'] } });
    (input.requests!.list as { calls?: string[] }).calls = ['get'];
    expect(issues(input)).toEqual(['requests.get.calls: calls go round in a cycle: get → list → get']);
  });

  it('a policy that does not exist', () => {
    expect(issues(traffic({ serving: { balancing: { policy: 'telepathy' } } }))).toEqual([
      "services.web.serving.balancing.policy: unknown built-in balancing policy 'telepathy'; known: random, round-robin, weighted-round-robin, least-connections, least-request, join-shortest-queue, join-idle-queue, ring-hash, maglev, shared-queue",
    ]);
    expect(issues(traffic({ request: { calls: [{ request: 'list', balancing: 'psychic' }] } }))).toEqual([
      "requests.get.calls[0].balancing: unknown balancing policy 'psychic'; known: random, round-robin, weighted-round-robin, least-connections, least-request, join-shortest-queue, join-idle-queue, ring-hash, maglev, shared-queue",
    ]);
  });

  it('a service exposed on a port twice', () => {
    const twice = {
      ports: [
        { name: 'http', port: 80 },
        { name: 'alt', port: 80 },
      ],
    };
    expect(issues(traffic({ serving: twice }))).toEqual([
      'services.web.serving.ports[1].port: port 80/TCP is exposed twice: ports[0] exposes it already',
    ]);
    // The same number over another protocol is another port, as in Kubernetes.
    expect(() =>
      createSimulation(
        traffic({
          serving: {
            ports: [
              { name: 'dns', port: 53 },
              { name: 'dns-udp', port: 53, protocol: 'UDP' },
            ],
          },
        }),
      ),
    ).not.toThrow();
  });

  it('a node port used by two services, or outside the node port range', () => {
    const serving = (nodePort: number): Serving => ({ type: 'NodePort', ports: [{ port: 80, nodePort }] });
    expect(issues(traffic({ serving: serving(30_080), apiServing: serving(30_080) }))).toEqual([
      'services.api.serving.ports[0].nodePort: node port 30080/TCP is already used by services.web.serving.ports[0]: a node port is open on every node, for one service',
    ]);
    expect(issues(traffic({ serving: serving(8080) }))).toEqual([
      'services.web.serving.ports[0].nodePort: expected a node port within network.nodePortRange (30000-32767), got 8080',
    ]);
    // A cluster that widened its range (kube-apiserver --service-node-port-range) accepts it.
    expect(() =>
      createSimulation(traffic({ serving: serving(8080), network: { nodePortRange: '8000-9000' } })),
    ).not.toThrow();
    expect(issues(traffic({ network: { nodePortRange: '9000-8000' } }))).toEqual([
      "network.nodePortRange: expected a range of ports 'min-max' with 1 <= min <= max <= 65535, such as '30000-32767', got '9000-8000'",
    ]);
  });

  it('a request type with no service time', () => {
    const input = traffic({});
    delete (input.requests!.get as { serviceTime?: unknown }).serviceTime;
    expect(issues(input)).toEqual([
      "requests.get.serviceTime: expected a distribution of durations such as { dist: 'exponential', mean: '10ms' }, got nothing",
    ]);
  });

  it('absurd sizes, rejected before allocation', () => {
    const huge = traffic({
      serving: { concurrency: 1e9, queue: 1e12 },
      source: {
        clients: { count: 1e12, thinkTime: { dist: 'constant', value: '1s' } },
        arrivals: undefined,
        connections: 1e9,
      },
    });
    expect(issues(huge)).toEqual([
      'services.web.serving.concurrency: expected an integer from 1 to 100000, got 1000000000',
      'services.web.serving.queue: expected an integer from 0 to 10000000, got 1000000000000',
      'load[0].clients.count: expected an integer from 1 to 1000000, got 1000000000000',
      'load[0].connections: expected an integer from 0 to 10000, got 1000000000',
    ]);
    const points = Array.from({ length: 10_001 }, (_, i) => ({ p: i / 10_000, value: i }));
    expect(issues(traffic({ request: { serviceTime: { dist: 'percentiles', points } } }))).toEqual([
      'requests.get.serviceTime.points: expected at most 10000 points',
    ]);
    expect(
      issues(traffic({ source: { arrivals: { process: 'counts', counts: new Array(600_000).fill(1) } } })),
    ).toEqual(['load[0].arrivals.counts: expected at most 525600 entries, got 600000']);
  });
});

describe('service time from measured percentiles', () => {
  const at = (points: Array<{ p: number; value: string | number }>) =>
    traffic({ request: { serviceTime: { dist: 'percentiles', points } } });

  it('takes points from p = 0 to p = 1, in ms or as durations', () => {
    const s = parseScenario(
      at([
        { p: 0, value: '2ms' },
        { p: 0.5, value: 20 },
        { p: 1, value: '0.4s' },
      ]),
    );
    expect(s.requests.get!.serviceTime).toEqual({
      dist: 'percentiles',
      points: [
        { p: 0, value: 2 },
        { p: 0.5, value: 20 },
        { p: 1, value: 400 },
      ],
    });
  });

  it('names the point out of order, out of range or missing', () => {
    expect(
      issues(
        at([
          { p: 0, value: '2ms' },
          { p: 0.9, value: '50ms' },
          { p: 0.5, value: '20ms' },
          { p: 1, value: '10ms' },
        ]),
      ),
    ).toEqual([
      'requests.get.serviceTime.points[2].p: expected a p above points[1].p (0.9), got 0.5',
      'requests.get.serviceTime.points[2].value: expected at least points[1].value (50 ms), got 20 ms',
      'requests.get.serviceTime.points[3].value: expected at least points[2].value (20 ms), got 10 ms',
    ]);
    expect(
      issues(
        at([
          { p: 0, value: 1 },
          { p: 99, value: 2 },
        ]),
      ),
    ).toEqual([
      'requests.get.serviceTime.points[1].p: expected a cumulative probability from 0 to 1 (p99 is 0.99), got 99',
    ]);
    expect(
      issues(
        at([
          { p: 0.5, value: '20ms' },
          { p: 0.99, value: '200ms' },
        ]),
      ),
    ).toEqual([
      'requests.get.serviceTime.points[0].p: expected 0: give the minimum as the first point, { p: 0, value }',
      'requests.get.serviceTime.points[1].p: expected 1: give the maximum (or a cap) as the last point, { p: 1, value }',
    ]);
    expect(
      issues(
        at([
          { p: 0, value: '-3ms' },
          { p: 1, value: '1ms' },
        ]),
      )[0],
    ).toMatch(/^requests\.get\.serviceTime\.points\[0\]\.value: /);
    expect(issues(at([{ p: 0, value: 1 }]))).toEqual([
      'requests.get.serviceTime.points: expected at least two points: the minimum at p = 0 and the maximum at p = 1',
    ]);
  });
});

describe('ports', () => {
  it('names each port of a service with several, once each', () => {
    expect(issues(traffic({ serving: { ports: [{ port: 80 }, { port: 443 }] } }))).toEqual([
      'services.web.serving.ports[0].name: a service with more than one port names each of them',
      'services.web.serving.ports[1].name: a service with more than one port names each of them',
    ]);
    expect(
      issues(
        traffic({
          serving: {
            ports: [
              { name: 'http', port: 80 },
              { name: 'http', port: 443 },
            ],
          },
        }),
      ),
    ).toEqual(["services.web.serving.ports[1].name: duplicate port name 'http' (ports[0])"]);
  });

  it('takes node ports only for NodePort and LoadBalancer services, which need a port', () => {
    expect(issues(traffic({ serving: { ports: [{ port: 80, nodePort: 30_080 }] } }))).toEqual([
      'services.web.serving.ports[0].nodePort: a node port needs type NodePort or LoadBalancer; this service is ClusterIP',
    ]);
    expect(issues(traffic({ serving: { type: 'LoadBalancer' } }))).toEqual([
      'services.web.serving.ports: a LoadBalancer service needs at least one port, such as [{ port: 80 }]',
    ]);
    expect(issues(traffic({ serving: { ports: [{ port: 0 }] } }))).toEqual([
      'services.web.serving.ports[0].port: expected an integer from 1 to 65535, got 0',
    ]);
  });

  it('lets load enter only by a way in, and on a port, the service offers', () => {
    const clusterIp = { ports: [{ port: 80 }] };
    expect(issues(traffic({ serving: clusterIp, source: { via: 'node-port' } }))).toEqual([
      "load[0].via: service 'web' is ClusterIP: entering by node-port needs type NodePort",
    ]);
    expect(
      issues(traffic({ serving: { type: 'NodePort', ports: [{ port: 80 }] }, source: { via: 'load-balancer' } })),
    ).toEqual(["load[0].via: service 'web' is NodePort: entering by load-balancer needs type LoadBalancer"]);
    expect(issues(traffic({ serving: clusterIp, source: { port: 8080 } }))).toEqual([
      "load[0].port: service 'web' has no port 8080; its ports: 80",
    ]);
    expect(issues(traffic({ source: { port: 80 } }))).toEqual([
      "load[0].port: service 'web' declares no ports (give it serving.ports)",
    ]);
    const nodePort = { type: 'NodePort' as const, ports: [{ port: 80, nodePort: 30_080 }] };
    expect(issues(traffic({ serving: nodePort, source: { via: 'node-port', port: 80 } }))).toEqual([
      "load[0].port: service 'web' has no node port 80; its node ports: 30080",
    ]);
    expect(() =>
      createSimulation(traffic({ serving: nodePort, source: { via: 'node-port', port: 30_080 } })),
    ).not.toThrow();
  });

  it('allocates the node ports not given, the lowest free ones of the range, and reports them', () => {
    const sim = createSimulation(
      traffic({
        serving: {
          type: 'LoadBalancer',
          ports: [
            { name: 'http', port: 80, targetPort: 8080 },
            { name: 'https', port: 443, nodePort: 30_000 },
          ],
        },
        apiServing: { type: 'NodePort', ports: [{ port: 9000 }] },
        request: {},
        source: { via: 'load-balancer', port: 443 },
      }),
    );
    sim.run('2s');
    // The scenario's order: web's http takes 30001 (30000 is https's), then api's port 30002.
    expect(sim.traffic().services.web!.ports).toEqual([
      { name: 'http', protocol: 'TCP', port: 80, targetPort: 8080, nodePort: 30_001 },
      { name: 'https', protocol: 'TCP', port: 443, targetPort: 443, nodePort: 30_000 },
    ]);
    // A service without declared ports reports none (the figures are as before).
    expect(createSimulation(traffic({})).run('2s').traffic().services.web).not.toHaveProperty('ports');
    expect(
      issues(
        traffic({
          serving: {
            type: 'NodePort',
            ports: [
              { name: 'a', port: 80 },
              { name: 'b', port: 81 },
            ],
          },
          network: { nodePortRange: '30000-30000' },
        }),
      ),
    ).toEqual([
      'services.web.serving.ports[1].nodePort: no free node port left in network.nodePortRange (30000-30000) for TCP',
    ]);
  });

  it('reports a node-port range left without room in the same pass as the other problems', () => {
    const input = traffic({
      serving: {
        type: 'NodePort',
        ports: [
          { name: 'a', port: 80 },
          { name: 'b', port: 81 },
        ],
      },
      network: { nodePortRange: '30000-30000' },
    });
    const withTypo = { ...input, seed: [1] } as unknown as ScenarioInput;
    let found: string[] = [];
    try {
      parseScenario(withTypo);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      found = error.issues.map((i) => `${i.path}: ${i.message}`);
    }
    expect(found).toContain(
      'services.web.serving.ports[1].nodePort: no free node port left in network.nodePortRange (30000-30000) for TCP',
    );
    expect(found.some((line) => line.startsWith('seed: '))).toBe(true);
  });
});

describe('endpoint weights', () => {
  it('take integers from 1 to 65535, and a weighted policy to act', () => {
    expect(
      issues(traffic({ serving: { balancing: 'weighted-round-robin', weights: [{ labels: { v: '2' }, weight: 0 }] } })),
    ).toEqual(['services.web.serving.weights[0].weight: expected an integer from 1 to 65535, got 0']);
    expect(issues(traffic({ serving: { weights: [{ hostLabels: { size: 'large' }, weight: 2 }] } }))).toEqual([
      "services.web.serving.weights: weights would have no effect: no weighted policy balances 'web' (the weighted ones: weighted-round-robin, least-request, maglev)",
    ]);
    // A caller's proxy with a weighted policy reads them.
    const input = traffic({ apiServing: { weights: [{ weight: 2 }] } });
    (input.requests!.get as { calls?: unknown }).calls = [{ request: 'list', balancing: 'least-request' }];
    expect(() => createSimulation(input)).not.toThrow();
  });
});
