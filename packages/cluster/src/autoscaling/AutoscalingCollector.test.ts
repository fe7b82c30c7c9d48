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
  });
});
