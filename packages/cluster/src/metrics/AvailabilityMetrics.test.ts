import { exponentialDist, lognormalFromMeanCv } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import { randomHostFailures } from '../failures/randomHostFailures.js';
import type { NodeHealthSettings } from '../health/NodeLifecycle.js';
import type { ScenarioInput } from '../scenario/scenarioSchema.js';
import { createSimulation } from '../simulation/Simulation.js';
import { collectAvailability } from './AvailabilityMetrics.js';

/** Detection without heartbeat phases: not ready exactly 40 s after a host goes silent, evicted 60 s later. */
const nodeHealth: NodeHealthSettings = {
  heartbeatPeriodMs: 0,
  monitorPeriodMs: 0,
  gracePeriodMs: 40_000,
  evictionTimeoutMs: 60_000,
};

function cluster(startup = '0s', replicas = 2): ScenarioInput {
  return {
    seed: 1,
    scheduler: { strategy: 'first-fit' },
    hosts: [{ group: 'node', count: 2, capacity: { cpu: '4', memory: '8Gi' } }],
    services: { web: { replicas, template: { requests: { cpu: '1', memory: '1Gi' }, startup } } },
  };
}

describe('AvailabilityMetrics', () => {
  it('a host dies: detection, eviction, replacement (arithmetic in the comments)', () => {
    const sim = createSimulation(cluster(), { nodeHealth });
    const metrics = collectAvailability(sim);
    sim.run(600_000);
    // first-fit: both replicas on node-0, ready at 0.
    sim.crashHost('node-0');
    sim.run(1_000_000);
    const web = metrics.report().services.web!;
    // Lost at 600 s (A = 0), not ready at 640 s, evicted at 700 s and running on node-1 at once: 100 s of outage.
    expect(web.full).toBeCloseTo(900 / 1000, 12);
    expect(web.any).toBeCloseTo(900 / 1000, 12);
    expect(web.replicaFraction).toBeCloseTo(900 / 1000, 12);
    expect(web.timeToDetect).toEqual({ count: 2, total: 80_000, mean: 40_000, max: 40_000 });
    expect(web.timeToRecover).toEqual({ count: 1, total: 100_000, mean: 100_000, max: 100_000 });
    expect(web).toMatchObject({ lost: 2, evicted: 2, rescheduled: 2, restarts: 0, degradedSince: null });
    expect(web).toMatchObject({ desiredAtEnd: 2, availableAtEnd: 2 });
    const group = metrics.report().hostGroups.node!;
    // Up time: node-1 1000 s + node-0 600 s = 1600 s for one failure; down 400 s of 2000 s.
    expect(group).toMatchObject({
      hosts: 2,
      failures: 1,
      partitions: 0,
      mtbf: 1_600_000,
      mttr: null,
      availability: null,
      measuredAvailability: 0.8,
      meanTimeBetweenFaults: 0,
    });
    expect(group.timeToDetect.mean).toBe(40_000);
  });

  it('a host back before anyone noticed: its replicas restart, no detection, no eviction', () => {
    const sim = createSimulation(cluster(), { nodeHealth });
    const metrics = collectAvailability(sim);
    sim.run(600_000);
    sim.crashHost('node-0', { recoverAfter: 20_000 });
    sim.run(1_000_000);
    const { services, hostGroups } = metrics.report();
    const web = services.web!;
    // Down 600 → 620 s; heard at once (no heartbeat period), both restarted with no start-up time.
    expect(web.full).toBeCloseTo(980 / 1000, 12);
    // The control plane never noticed the host; the rebooted host's agent reports its replicas
    // unready when it restarts them, 20 s after they were lost: that is when they are "detected".
    expect(web.timeToDetect).toMatchObject({ count: 2, mean: 20_000 });
    expect(web.timeToRecover).toEqual({ count: 1, total: 20_000, mean: 20_000, max: 20_000 });
    expect(web).toMatchObject({ lost: 2, evicted: 0, rescheduled: 0, restarts: 2 });
    const group = hostGroups.node!;
    // Up 2000 s − 20 s = 1980 s for one failure; MTTR 20 s; CloudSim's availability 1980 / (1980 + 20).
    expect(group.mtbf).toBe(1_980_000);
    expect(group.mttr).toBe(20_000);
    expect(group.availability).toBeCloseTo(0.99, 12);
    expect(group.measuredAvailability).toBeCloseTo(0.99, 12);
    expect(group.timeToDetect.count).toBe(0);
  });

  it('start-up and scaling are not outages; they count against availability', () => {
    const sim = createSimulation(cluster('30s'), { nodeHealth });
    const metrics = collectAvailability(sim);
    sim.run(100_000);
    sim.update((d) => {
      d.services.web!.replicas = 4;
    });
    sim.run(200_000);
    sim.update((d) => {
      d.services.web!.replicas = 1;
    });
    sim.run(400_000);
    const web = metrics.report().services.web!;
    // 0–30 s: A = 0 of 2; 100–130 s: A = 2 of 4; 200 s: D = 1, three replicas stopped on purpose.
    expect(web.full).toBeCloseTo(340 / 400, 12);
    expect(web.any).toBeCloseTo(370 / 400, 12);
    expect(web.replicaFraction).toBeCloseTo((340 + 30 * 0.5) / 400, 12);
    expect(web.timeToRecover.count).toBe(0);
    expect(web).toMatchObject({ lost: 0, evicted: 0, rescheduled: 0, desiredAtEnd: 1, availableAtEnd: 1 });
  });

  it('a crashed container: an outage until the kubelet restarts it after its 10 s back-off', () => {
    const sim = createSimulation(cluster(), { nodeHealth });
    const metrics = collectAvailability(sim);
    sim.run(50_000);
    sim.crashContainer('web-1');
    sim.run(100_000);
    const web = metrics.report().services.web!;
    expect(web.full).toBeCloseTo(90 / 100, 12);
    expect(web.any).toBe(1);
    expect(web.replicaFraction).toBeCloseTo(95 / 100, 12);
    expect(web.timeToRecover.mean).toBe(10_000);
    expect(web).toMatchObject({ restarts: 1, lost: 0, rescheduled: 0 });
  });

  it('a partition: the replicas serve until the control plane marks them unready, then move', () => {
    const sim = createSimulation(cluster(), { nodeHealth });
    const metrics = collectAvailability(sim);
    sim.run(100_000);
    sim.partitionHost('node-0', { healAfter: 500_000 });
    sim.run(1_000_000);
    const { services, hostGroups } = metrics.report();
    const web = services.web!;
    // Unready at 140 s, evicted and replaced at 200 s; killed (lost) when the partition heals at 600 s.
    expect(web.full).toBeCloseTo(940 / 1000, 12);
    expect(web.timeToRecover.mean).toBe(60_000);
    expect(web.timeToDetect.count).toBe(0);
    expect(web).toMatchObject({ lost: 2, evicted: 2, rescheduled: 2 });
    expect(hostGroups.node).toMatchObject({ failures: 0, partitions: 1, availability: 1, measuredAvailability: 1 });
    expect(hostGroups.node!.timeToDetect.mean).toBe(40_000);
  });

  it('records rollouts: duration, fewest ready and fewest available replicas', () => {
    const sim = createSimulation(cluster('10s', 4), { nodeHealth });
    const metrics = collectAvailability(sim);
    sim.run(60_000);
    sim.update((d) => {
      d.services.web!.template = { ...d.services.web!.template, image: 'web-v2' };
    });
    sim.run(600_000);
    const completed = sim.events().find((e) => e.type === 'rollout.completed');
    expect(completed).toBeDefined();
    const [rollout] = metrics.report().rollouts;
    expect(rollout).toMatchObject({ service: 'web', startedAt: 60_000, stalled: false });
    if (completed?.type !== 'rollout.completed') throw new Error('unreachable');
    expect(rollout!.durationMs).toBe(completed.durationMs);
    expect(rollout!.minReady).toBe(completed.minReady);
    // maxUnavailable 25% of 4: never below 3 available.
    expect(rollout!.minAvailable).toBeGreaterThanOrEqual(3);
    expect(rollout!.minAvailable).toBeLessThanOrEqual(rollout!.minReady!);
    expect(metrics.report().services.web!.timeToRecover.count).toBe(0);
  });

  it("measures a random failure model's MTBF and MTTR per host group", () => {
    const hour = 3_600_000;
    const sim = createSimulation({
      seed: 3,
      hosts: [
        { group: 'old', count: 10, capacity: { cpu: '1' } },
        { group: 'new', count: 10, capacity: { cpu: '1' } },
      ],
    });
    const metrics = collectAvailability(sim);
    randomHostFailures({
      groups: ['old'],
      mtbf: exponentialDist(2 * hour),
      mttr: lognormalFromMeanCv(hour / 2, 1),
    }).attach(sim);
    sim.run(2000 * hour);
    const { old, new: fresh } = metrics.report().hostGroups;
    // About 10 × 2000 h / 2.5 h = 8,000 failures: sample means within about 2% (3σ) of 2 h and 30 min.
    expect(old!.failures).toBeGreaterThan(7000);
    expect(Math.abs(old!.mtbf! / (2 * hour) - 1)).toBeLessThan(0.03);
    expect(Math.abs(old!.mttr! / (hour / 2) - 1)).toBeLessThan(0.04);
    expect(old!.availability!).toBeCloseTo(old!.measuredAvailability!, 2);
    expect(old!.availability!).toBeCloseTo(2 / 2.5, 1);
    // CloudSim Plus's pooled figure: ten hosts fail ten times as often as one.
    expect(old!.meanTimeBetweenFaults! * 10).toBeCloseTo(old!.mtbf! + old!.mttr!, -6);
    expect(fresh).toMatchObject({ failures: 0, availability: 1, measuredAvailability: 1 });
  });

  it('reports an empty window as null fractions', () => {
    const sim = createSimulation(cluster());
    const report = collectAvailability(sim).report();
    expect(report.window).toEqual({ from: 0, to: 0 });
    expect(report.services.web).toMatchObject({ full: null, any: null, replicaFraction: null });
  });
});
