import { createSimulation } from '@berth/cluster';
import {
  constant,
  createRandom,
  diurnalArrivals,
  exponentialDist,
  lognormalFromMeanCv,
  poissonArrivals,
} from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import { boundedParetoDist } from './boundedParetoDist.js';
import { generateFleet } from './generateFleet.js';
import { generateWorkload, type WorkloadClass } from './generateWorkload.js';
import { requestMix } from './requestMix.js';
import { requestsFromDistributions } from './requestsFromDistributions.js';

const web: WorkloadClass = {
  name: 'web',
  kind: 'service',
  arrivals: poissonArrivals(0.05),
  requests: requestMix([
    { weight: 2, requests: { cpu: '500m', memory: '512Mi' } },
    { weight: 1, requests: { cpu: '1', memory: '1Gi' } },
  ]),
  labels: { tier: 'web' },
};

const batch: WorkloadClass = {
  name: 'etl',
  kind: 'batch',
  arrivals: diurnalArrivals({ meanRate: 0.1, amplitude: 0.5, period: 600_000 }),
  requests: requestsFromDistributions({ cpu: lognormalFromMeanCv(800, 1), memory: exponentialDist(1024) }),
  duration: boundedParetoDist(1000, 120_000, 1.1),
  tasksPerJob: constant(3),
  priority: 5,
};

describe('generateWorkload', () => {
  it('is the same for the same seed, and differs for another', () => {
    const spec = { horizon: 600_000, classes: [web, batch] };
    const a = generateWorkload(spec, createRandom(11));
    expect(generateWorkload(spec, createRandom(11))).toEqual(a);
    expect(generateWorkload(spec, createRandom(12))).not.toEqual(a);
  });

  it('services become timed containers, batch arrivals become jobs of tasks', () => {
    const { jobs, containers } = generateWorkload({ horizon: 600_000, classes: [web, batch] }, createRandom(1));
    expect(containers.length).toBeGreaterThan(10);
    expect(containers.every((c, i) => i === 0 || c.at! >= containers[i - 1]!.at!)).toBe(true);
    expect(containers[0]).toMatchObject({ duration: 'forever', labels: { tier: 'web' } });
    const first = Object.values(jobs)[0]!;
    expect(first.tasks).toHaveLength(3);
    expect(first.tasks[0]).toMatchObject({ priority: 5 });
    expect(first.tasks[0]?.requests).toEqual(first.tasks[1]?.requests);
  });

  it('adding a class leaves the draws of the others unchanged (common random numbers)', () => {
    const alone = generateWorkload({ horizon: 600_000, classes: [batch] }, createRandom(3));
    const mixed = generateWorkload({ horizon: 600_000, classes: [web, batch] }, createRandom(3));
    expect(mixed.jobs).toEqual(alone.jobs);
  });

  it('refuses a batch class without durations and duplicate names', () => {
    const { duration: _, ...noDuration } = batch;
    expect(() => generateWorkload({ horizon: 1, classes: [noDuration] }, createRandom(1))).toThrow(/duration/);
    expect(() => generateWorkload({ horizon: 1, classes: [web, web] }, createRandom(1))).toThrow(/duplicate/);
  });

  it('runs in a simulation on a generated fleet', () => {
    const { jobs, containers } = generateWorkload({ horizon: 600_000, classes: [web, batch] }, createRandom(5));
    const hosts = generateFleet({
      zones: ['a', 'b'],
      shapes: [
        { name: 'std', count: 4, capacity: { cpu: '16', memory: '64Gi' } },
        { name: 'big', count: 2, capacity: { cpu: '64', memory: '256Gi' } },
      ],
    });
    const sim = createSimulation({ seed: 5, hosts, jobs, containers }).run('20m');
    let total = containers.length;
    for (const job of Object.values(jobs)) total += job.tasks.length;
    expect(sim.counters.placed).toBe(total);
  });
});
