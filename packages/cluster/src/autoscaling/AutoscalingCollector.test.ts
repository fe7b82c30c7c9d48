import { describe, expect, it } from 'vitest';
import { createSimulation } from '../simulation/Simulation.js';
import { collectAutoscaling } from './AutoscalingCollector.js';

describe('collectAutoscaling', () => {
  it('records replicas over time, each scaling with its reason, and the time from a scale-up to enough ready replicas', () => {
    // Four replicas at 50 % of a 500m request; the demand doubles at 10m and halves at 20m. Each new replica
    // pulls its image (20 s) and starts (5 s) before it is ready.
    const sim = createSimulation({
      hosts: [{ group: 'node', count: 4, capacity: { cpu: '8', memory: '16Gi' } }],
      images: { web: { pullTime: '20s' } },
      services: {
        web: {
          replicas: 4,
          template: { requests: { cpu: '500m' }, image: 'web', startup: '5s' },
          usage: {
            cpu: {
              shape: 'steps',
              initial: '1',
              steps: [
                { at: '10m', value: '2' },
                { at: '20m', value: '1' },
              ],
            },
          },
          autoscaling: { maxReplicas: 20, metrics: [{ resource: 'cpu', averageUtilization: 50 }] },
        },
      },
    });
    const collector = collectAutoscaling(sim);
    sim.run('30m');
    const web = collector.report().services.web!;
    expect(web.scalings).toEqual([
      { at: 615_000, from: 4, to: 8, reason: 'cpu above target', limit: 'DesiredWithinRange' },
      { at: 1_500_000, from: 8, to: 4, reason: 'all metrics below target', limit: 'DesiredWithinRange' },
    ]);
    expect([web.scaleUps, web.scaleDowns]).toEqual([1, 1]);
    // The first four replicas were spread over the four hosts, so every host has the image: the new
    // replicas only start (5 s), and the eighth is ready 5 s after the scale-up.
    expect(web.reactions).toEqual([{ startedAt: 615_000, target: 8, readyAt: 620_000, durationMs: 5_000 }]);
    expect(web.timeToScale).toEqual({ mean: 5_000, max: 5_000 });
    // From the load step (10m) to enough ready replicas: the scrape window that first holds the step (15 s),
    // the sync right after it, and the start (5 s).
    expect(web.reactions[0]!.readyAt! - 600_000).toBe(15_000 + 5_000);
    // 4 replicas for 615 s, 8 for 885 s, 4 for the last 300 s.
    expect(web.replicas.mean).toBeCloseTo((4 * 615 + 8 * 885 + 4 * 300) / 1800, 9);
    expect([web.replicas.min, web.replicas.max]).toEqual([4, 8]);
    expect(web.series[0]).toEqual({ at: 0, desired: 4, ready: 0 });
    expect(web.series.at(-1)).toMatchObject({ at: 1_500_000, desired: 4, ready: 4 });
    // Measured from the load step itself: at 10m the demand of 2 cores needs ⌈2000m / (250m × 1.1)⌉ = 8
    // replicas (250m is 50 % of a 500m request; 1.1 the tolerance band), 4 are ready; 8 are at 620 s.
    expect(web.loadSteps).toEqual([{ at: 600_000, ready: 4, enough: 8, enoughAt: 620_000, durationMs: 20_000 }]);
    expect(web.timeToEnough).toEqual({ mean: 20_000, max: 20_000 });
    expect(web.loadStepsUnknown).toBeNull();
  });

  it('measures a step response from the load step: scrape interval, metrics delay rounded up to a sync, start-up', () => {
    // The demand doubles at t0 = 10 min (1 → 2 cores; 4 replicas at 50 % of 500m, so 8 are enough). The
    // scrape at 615 s is the first whose window [600, 615] holds the step; with a 20 s metrics delay the
    // HPA sees it at 635 s, so the sync at 645 s (syncs every 15 s) scales to 8; they start in 10 s: ready
    // at 655 s. Time to enough = 15 s (resolution) + 30 s (the delay, rounded up to the next sync) + 10 s
    // = 55 s, within the bound resolution + delay + sync period + start-up = 60 s.
    const sim = createSimulation({
      hosts: [{ group: 'node', count: 4, capacity: { cpu: '8', memory: '16Gi' } }],
      services: {
        web: {
          replicas: 4,
          template: { requests: { cpu: '500m' }, startup: '10s' },
          usage: { cpu: { shape: 'steps', initial: '1', steps: [{ at: '10m', value: '2' }] } },
          autoscaling: {
            maxReplicas: 20,
            metrics: [{ resource: 'cpu', averageUtilization: 50 }],
            metricsDelay: '20s',
          },
        },
      },
    });
    const collector = collectAutoscaling(sim);
    sim.run('20m');
    const web = collector.report().services.web!;
    expect(web.loadSteps).toEqual([{ at: 600_000, ready: 4, enough: 8, enoughAt: 655_000, durationMs: 55_000 }]);
    expect(web.timeToEnough.max).toBeLessThanOrEqual(15_000 + 20_000 + 15_000 + 10_000);
    // The scale-up's own reaction starts at its decision and misses the 45 s before it.
    expect(web.reactions).toEqual([{ startedAt: 645_000, target: 8, readyAt: 655_000, durationMs: 10_000 }]);
  });

  it('finds the moments a smooth load crosses what the ready replicas can take, to the millisecond', () => {
    // A daily-shaped cpu demand with a 1 h period: 2 cores ± 50 %, peak at 30 min. A step begins when
    // D(t) / (250m × 1.1) first exceeds the ready count: D(at − 1 ms) is within it, D(at) is not.
    const demand = (t: number) => 2000 * (1 + 0.5 * Math.cos((2 * Math.PI * (t - 1_800_000)) / 3_600_000));
    const sim = createSimulation({
      hosts: [{ group: 'node', count: 4, capacity: { cpu: '8', memory: '16Gi' } }],
      services: {
        web: {
          replicas: 4,
          template: { requests: { cpu: '500m' }, startup: '5s' },
          usage: { cpu: { shape: 'diurnal', mean: '2', amplitude: 0.5, period: '1h', peakAt: '30m' } },
          autoscaling: { maxReplicas: 20, metrics: [{ resource: 'cpu', averageUtilization: 50 }] },
        },
      },
    });
    const collector = collectAutoscaling(sim);
    sim.run('1h');
    const web = collector.report().services.web!;
    const steps = web.loadSteps!;
    expect(steps.length).toBeGreaterThan(2);
    for (const step of steps) {
      expect(demand(step.at) / 275).toBeGreaterThan(step.ready);
      expect(demand(step.at - 1) / 275).toBeLessThanOrEqual(step.ready);
      expect(step.enough).toBeGreaterThan(step.ready);
      // Enough again once the replicas came (or the demand fell back): never before the step.
      expect(step.enoughAt).not.toBeNull();
      expect(step.enoughAt!).toBeGreaterThan(step.at);
    }
    // The demand rises only in the first half hour (from its trough at 0 to its peak at 30 min).
    for (const step of steps) expect(step.at).toBeLessThan(1_800_000);
  });

  it('says why load steps are not measured when the offered load is not known in closed form', () => {
    const sim = createSimulation({
      horizon: '2m',
      hosts: [{ group: 'node', count: 2, capacity: { cpu: '8', memory: '16Gi' } }],
      services: {
        web: {
          replicas: 2,
          template: { requests: { cpu: '500m' } },
          autoscaling: { maxReplicas: 10, metrics: [{ resource: 'cpu', averageUtilization: 50 }] },
        },
      },
      requests: { get: { service: 'web', serviceTime: { dist: 'constant', value: '50ms' } } },
      load: [{ name: 'users', request: 'get', clients: { count: 5, thinkTime: { dist: 'constant', value: '1s' } } }],
    });
    const collector = collectAutoscaling(sim);
    sim.run();
    const web = collector.report().services.web!;
    expect(web.loadSteps).toBeNull();
    expect(web.timeToEnough).toEqual({ mean: null, max: null });
    expect(web.loadStepsUnknown).toBe("load source 'users' is closed-loop: its rate is not known in advance");
  });
});
