import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runScenario } from '../run/runScenario.js';
import { comparedFigures, readCompareMetrics } from './compareMetrics.js';
import {
  autoscalingCompareMetrics,
  describeScalingMetric,
  nodeScalingCompareMetrics,
} from './scalingCompareMetrics.js';

/**
 * An autoscaled service whose name holds a dot, whose demand doubles at 10 min and halves at 20 min;
 * at the peak its replicas do not fit the static host, so a node group grows for them.
 */
const SCENARIO = `name: scaled
seed: 1
horizon: 30m
hosts:
  - { group: system, capacity: { cpu: '2', memory: 8Gi } }
nodeGroups:
  - name: pool.a
    template: { capacity: { cpu: '2', memory: 8Gi } }
    max: 10
    hourlyCost: 0.1
services:
  api.v2:
    replicas: 2
    template: { requests: { cpu: 500m, memory: 1Gi } }
    usage:
      cpu: { shape: steps, initial: '1', steps: [{ at: 10m, value: '3' }, { at: 20m, value: '1' }] }
    autoscaling:
      maxReplicas: 12
      metrics: [{ resource: cpu, averageUtilization: 50 }]
`;

describe('scaling compare metrics', () => {
  const run = runScenario(parse(SCENARIO));
  const autoscaling = run.autoscaling!;
  const nodeScaling = run.nodeScaling!;

  it('reads each figure per autoscaled service', () => {
    const service = autoscaling.services['api.v2']!;
    const figures = autoscalingCompareMetrics(autoscaling);
    expect(service.scaleUps).toBeGreaterThan(0);
    expect(figures).toEqual({
      'autoscaling.api.v2.replicasMean': service.replicas.mean,
      'autoscaling.api.v2.replicasMax': service.replicas.max,
      'autoscaling.api.v2.scaleUps': service.scaleUps,
      'autoscaling.api.v2.scaleDowns': service.scaleDowns,
      'autoscaling.api.v2.timeToScaleMean': service.timeToScale.mean,
      'autoscaling.api.v2.timeToScaleMax': service.timeToScale.max,
      'autoscaling.api.v2.loadSteps': 1,
      'autoscaling.api.v2.timeToEnoughMean': service.timeToEnough.mean,
      'autoscaling.api.v2.timeToEnoughMax': service.timeToEnough.max,
    });
    // One load step, at 10 min: 3 cores need ⌈3000m / (250m × 1.1)⌉ = 11 replicas. The ones past the
    // static host wait for nodes of the group, whose provisioning takes 3 to 4 min: enough are ready no
    // sooner than 15 s (the first scrape holding the step) + 3 min after the step.
    expect(service.loadSteps).toEqual([expect.objectContaining({ at: 600_000, enough: 11 })]);
    expect(service.timeToEnough.max!).toBeGreaterThanOrEqual(15_000 + 180_000);
  });

  it('reads the node-scaling figures, overall and per group of hosts', () => {
    const figures = nodeScalingCompareMetrics(nodeScaling);
    expect(nodeScaling.launched).toBeGreaterThan(0);
    expect(figures['nodeScaling.hostHours']).toBe(nodeScaling.hostHours);
    expect(figures['nodeScaling.cost']).toBe(nodeScaling.cost);
    expect(figures['nodeScaling.launched']).toBe(nodeScaling.launched);
    expect(figures['nodeScaling.removed']).toBe(nodeScaling.removed);
    expect(figures['nodeScaling.peakHosts']).toBe(nodeScaling.peakHosts);
    const pool = nodeScaling.groups['pool.a']!;
    expect(figures['nodeScaling.group.pool.a.hostHours']).toBe(pool.hostHours);
    expect(figures['nodeScaling.group.pool.a.cost']).toBe(pool.cost);
    expect(figures['nodeScaling.group.pool.a.launched']).toBe(pool.launched);
    expect(figures['nodeScaling.group.pool.a.removed']).toBe(pool.removed);
    expect(figures['nodeScaling.group.system.launched']).toBe(0);
  });

  it('reads every key back to its row title, unit and better side, whatever the names hold', () => {
    expect(describeScalingMetric('autoscaling.api.v2.timeToScaleMean')).toEqual({
      label: 'autoscaled api.v2: time to scale (mean)',
      unit: 'ms',
      better: 'lower',
    });
    expect(describeScalingMetric('autoscaling.api.v2.replicasMean')).toEqual({
      label: 'autoscaled api.v2: replicas (mean)',
      unit: 'number',
    });
    expect(describeScalingMetric('nodeScaling.cost')).toEqual({
      label: 'node scaling: cost',
      unit: 'money',
      better: 'lower',
    });
    expect(describeScalingMetric('nodeScaling.group.pool.a.hostHours')).toEqual({
      label: 'host group pool.a: host-hours billed',
      unit: 'hours',
      better: 'lower',
    });
    const all = { ...autoscalingCompareMetrics(autoscaling), ...nodeScalingCompareMetrics(nodeScaling) };
    for (const key of Object.keys(all)) expect(describeScalingMetric(key), key).toBeDefined();
    expect(describeScalingMetric('hostsUsed')).toBeUndefined();
    expect(describeScalingMetric('autoscaling.web.bogus')).toBeUndefined();
    expect(describeScalingMetric('nodeScaling.bogus')).toBeUndefined();
    expect(describeScalingMetric('traffic.service.web.p99')).toBeUndefined();
  });

  it('follows the cluster figures in a comparison only when the run has them', () => {
    const compared = readCompareMetrics(run.metrics, run.availability, { autoscaling, nodeScaling });
    const extra = { ...autoscalingCompareMetrics(autoscaling), ...nodeScalingCompareMetrics(nodeScaling) };
    const keys = comparedFigures([{ strategy: 'a', seed: 1, metrics: compared }]).map((f) => f.key);
    expect(keys.slice(0, 2)).toEqual(['hostsUsed', 'peakHostsUsed']);
    expect(keys.slice(-Object.keys(extra).length)).toEqual(Object.keys(extra));
    const plain = readCompareMetrics(run.metrics, run.availability, { autoscaling: null, nodeScaling: null });
    expect(Object.keys(plain).some((k) => k.startsWith('autoscaling.') || k.startsWith('nodeScaling.'))).toBe(false);
  });
});
