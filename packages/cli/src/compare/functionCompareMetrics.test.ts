import { createSimulation, parseScenario, type ScenarioInput } from '@berth/cluster';
import { describe, expect, it } from 'vitest';
import { comparedFigures } from './compareMetrics.js';
import { describeFunctionMetric, functionCompareMetrics } from './functionCompareMetrics.js';
import { runComparePair } from './runComparePair.js';

/** Two functions on `platform`: a frequent one and a rare one, so that their cold-start shares differ. */
const scenario = (platform: string): ScenarioInput => ({
  seed: 3,
  horizon: '2h',
  hosts: [{ group: 'node', count: 2, capacity: { cpu: '8', memory: '16Gi' } }],
  functions: {
    platform,
    keepAlive: { policy: 'fixed', ttl: '5m' },
    definitions: {
      api: {
        memory: 256,
        startup: { dist: 'constant', value: '300ms' },
        handler: { dist: 'constant', value: '50ms' },
        invocations: { process: 'poisson', rate: 1 },
      },
      report: {
        memory: 512,
        startup: { dist: 'constant', value: '1s' },
        handler: { dist: 'constant', value: '2s' },
        invocations: { process: 'poisson', rate: 1 / 600 },
      },
    },
  },
});

function report(platform: string) {
  const sim = createSimulation(scenario(platform), { eventLog: { keep: 'none' } });
  sim.run();
  return sim.functions()!;
}

describe('functionCompareMetrics', () => {
  const lambda = report('lambda');
  const figures = functionCompareMetrics(lambda);

  it('reads each figure over all the functions', () => {
    expect(lambda.total.cold).toBeGreaterThan(0);
    expect(figures).toEqual({
      'functions.coldStartRatio': lambda.total.cold / lambda.total.served,
      'functions.p75ColdStarts': lambda.p75ColdStartPercent / 100,
      'functions.p99': lambda.total.latency.p99,
      'functions.throttled': lambda.total.throttled,
      'functions.idleGbHours': lambda.total.idleGbSeconds / 3600,
      'functions.cost': lambda.total.cost,
      'functions.hostHours': lambda.hostsUsed.hostHours,
      'functions.peakHosts': lambda.hostsUsed.peak,
    });
    expect(figures['functions.hostHours']!).toBeGreaterThan(0);
    expect(figures['functions.peakHosts']!).toBeGreaterThanOrEqual(1);
    // The rare function is cold far more often than the overall ratio, which the frequent one dominates.
    expect(figures['functions.p75ColdStarts']!).toBeGreaterThan(figures['functions.coldStartRatio']!);
    expect(figures['functions.cost']!).toBeGreaterThan(0);
  });

  it('gives no cost where the platform has no price, and nothing for a run without functions', () => {
    expect(Number.isNaN(report('openwhisk').total.cost)).toBe(true);
    expect(functionCompareMetrics(report('openwhisk'))['functions.cost']).toBeNull();
    expect(functionCompareMetrics(null)).toEqual({});
  });

  it('reads every key back to its row title, unit and better direction', () => {
    expect(describeFunctionMetric('functions.p75ColdStarts')).toEqual({
      label: 'functions: cold starts, 75th percentile over functions',
      unit: 'fraction',
      better: 'lower',
    });
    expect(describeFunctionMetric('functions.cost')).toEqual({
      label: 'functions: user cost',
      unit: 'smallMoney',
      better: 'lower',
    });
    for (const key of Object.keys(figures)) expect(describeFunctionMetric(key), key).toBeDefined();
    expect(describeFunctionMetric('functions.bogus')).toBeUndefined();
    expect(describeFunctionMetric('traffic.source.users.p99')).toBeUndefined();
    expect(describeFunctionMetric('hostsUsed')).toBeUndefined();
  });

  it('follows the cluster figures in a comparison of a scenario with functions, and only then', () => {
    const run = runComparePair(parseScenario(scenario('lambda')), undefined, 'kubernetes', 3);
    for (const [key, value] of Object.entries(figures)) expect(run.metrics[key], key).toBe(value);
    const keys = comparedFigures([run]).map((f) => f.key);
    expect(keys.slice(0, 2)).toEqual(['hostsUsed', 'peakHostsUsed']);
    expect(keys.slice(-Object.keys(figures).length)).toEqual(Object.keys(figures));

    const { functions: _, ...withoutFunctions } = scenario('lambda');
    const plain = runComparePair(
      parseScenario({ ...withoutFunctions, services: { web: { replicas: 1, template: { requests: { cpu: '1' } } } } }),
      undefined,
      'kubernetes',
      3,
    );
    expect(Object.keys(plain.metrics).filter((key) => key.startsWith('functions.'))).toEqual([]);
    expect(comparedFigures([plain]).some((f) => f.key.startsWith('functions.'))).toBe(false);
  });
});
