import { collectMetrics, collectTraffic, createSimulation } from '@berth/cluster';
import { describe, expect, it } from 'vitest';
import { comparedFigures, readCompareMetrics } from './compareMetrics.js';
import { describeTrafficMetric, trafficCompareMetrics } from './trafficCompareMetrics.js';

/** A load source and a service whose names hold dots and colons, as names may. */
function dottedRun() {
  const sim = createSimulation({
    horizon: '20s',
    hosts: [{ group: 'node', count: 1, capacity: { cpu: '4', memory: '8Gi' } }],
    services: { 'api.v2': { replicas: 2, template: { requests: { cpu: '1', memory: '1Gi' } } } },
    requests: { get: { service: 'api.v2', serviceTime: { dist: 'constant', value: '5ms' } } },
    load: [{ name: 'eu.users:web', request: 'get', arrivals: { process: 'poisson', rate: 10 } }],
  });
  const metrics = collectMetrics(sim);
  const traffic = collectTraffic(sim);
  sim.run();
  return { metrics: metrics.report(), traffic: traffic.report() };
}

describe('trafficCompareMetrics', () => {
  const { metrics, traffic } = dottedRun();
  const figures = trafficCompareMetrics(traffic);

  it('reads each figure per load source and per service', () => {
    const users = traffic.sources['eu.users:web']!;
    expect(figures['traffic.source.eu.users:web.throughput']).toBe(users.throughput);
    expect(figures['traffic.source.eu.users:web.p99']).toBe(users.latency.p99);
    expect(figures['traffic.source.eu.users:web.failed-no-endpoint']).toBe(users.failed['no-endpoint']);
    expect(figures['traffic.source.eu.users:web.failedShare']).toBe(
      users.failedTotal / (users.succeeded + users.failedTotal),
    );
    expect(figures['traffic.service.api.v2.imbalance']).toBe(traffic.services['api.v2']!.imbalance);
    expect(figures).not.toHaveProperty('traffic.source.eu.users:web.imbalance');
  });

  it('reads every key back to its row title and unit, whatever the names hold', () => {
    expect(describeTrafficMetric('traffic.source.eu.users:web.p999')).toEqual({
      label: 'load eu.users:web: latency p99.9',
      unit: 'ms',
      better: 'lower',
    });
    expect(describeTrafficMetric('traffic.service.api.v2.throughput')).toEqual({
      label: 'service api.v2: throughput',
      unit: 'rate',
    });
    for (const key of Object.keys(figures)) expect(describeTrafficMetric(key), key).toBeDefined();
    expect(describeTrafficMetric('hostsUsed')).toBeUndefined();
    expect(describeTrafficMetric('traffic.source.users.bogus')).toBeUndefined();
  });

  it('follows the cluster figures in a comparison, in the order the runs give them', () => {
    const compared = readCompareMetrics(
      metrics,
      { window: { from: 0, to: 0 }, services: {}, hostGroups: {}, rollouts: [] },
      { traffic },
    );
    const keys = comparedFigures([{ strategy: 'a', seed: 1, metrics: compared }]).map((f) => f.key);
    expect(keys.slice(0, 2)).toEqual(['hostsUsed', 'peakHostsUsed']);
    expect(keys.slice(-Object.keys(figures).length)).toEqual(Object.keys(figures));
  });
});
