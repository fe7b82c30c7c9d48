import { createSimulation, type ScenarioInput } from '@berth/cluster';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateTrace } from '../../test/validateTrace.js';
import { buildTimeline } from './buildTimeline.js';
import { buildTrace } from './buildTrace.js';

/** Small clusters with a service, a batch job, a host crash and random container crashes. */
const scenarios = fc
  .record({
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    hosts: fc.integer({ min: 1, max: 4 }),
    replicas: fc.integer({ min: 0, max: 12 }),
    tasks: fc.integer({ min: 1, max: 12 }),
    taskMinutes: fc.integer({ min: 1, max: 40 }),
    crashAt: fc.integer({ min: 1, max: 50 }),
    recoverAfter: fc.integer({ min: 1, max: 30 }),
    crashMtbfMinutes: fc.integer({ min: 5, max: 120 }),
  })
  .map(
    (p): ScenarioInput => ({
      seed: p.seed,
      horizon: '1h',
      hosts: [{ group: 'node', count: p.hosts, capacity: { cpu: '4', memory: '8Gi' } }],
      services: { web: { replicas: p.replicas, template: { requests: { cpu: '500m', memory: '512Mi' } } } },
      jobs: {
        batch: { tasks: [{ count: p.tasks, requests: { cpu: '1', memory: '1Gi' }, duration: `${p.taskMinutes}m` }] },
      },
      faults: [{ kind: 'host-crash', at: `${p.crashAt}m`, host: 'node-0', recoverAfter: `${p.recoverAfter}m` }],
      failures: [{ model: 'container-crashes', mtbf: { dist: 'exponential', mean: `${p.crashMtbfMinutes}m` } }],
    }),
  );

describe('buildTrace properties', () => {
  it('gives a well-formed, properly nested trace with one stay per placement for any run', () => {
    fc.assert(
      fc.property(scenarios, (input) => {
        const sim = createSimulation(input, { eventLog: { keep: 'all' } });
        sim.run();
        const events = sim.events();
        const timeline = buildTimeline(events, { to: sim.now });
        const trace = buildTrace(events, { end: sim.now, counters: { pending: timeline.pending } });
        expect(validateTrace(trace)).toEqual([]);
        const stays = trace.traceEvents.filter((e) => e.ph === 'X' && e.cat === 'container').length;
        expect(stays).toBe(events.filter((e) => e.type === 'container.scheduled').length);
      }),
      { seed: 42, numRuns: 25 },
    );
  });
});
