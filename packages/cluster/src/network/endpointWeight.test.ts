import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../scenario/scenarioSchema.js';
import { createSimulation } from '../simulation/Simulation.js';

type Serving = NonNullable<NonNullable<ScenarioInput['services']>[string]['serving']>;

/** One replica of `web` on each of two large and two small hosts; 100 requests/s for 2 minutes. */
function weighted(serving: Serving, keys = 0): ScenarioInput {
  return {
    seed: 9,
    horizon: '2m',
    hosts: [
      { group: 'big', count: 2, capacity: { cpu: '8', memory: '16Gi' }, labels: { size: 'large' } },
      { group: 'small', count: 2, capacity: { cpu: '8', memory: '16Gi' }, labels: { size: 'small' } },
    ],
    services: {
      web: {
        replicas: 4,
        template: { requests: { cpu: '1', memory: '1Gi' }, labels: { app: 'web' }, antiAffinity: 'hostname' },
        serving: { concurrency: 8, ...serving },
      },
    },
    requests: { get: { service: 'web', serviceTime: { dist: 'exponential', mean: '10ms' } } },
    load: [{ name: 'users', request: 'get', keys, arrivals: { process: 'poisson', rate: 100 } }],
  };
}

/** Requests served by the replicas on large hosts and on small ones, and in all. */
function shares(input: ScenarioInput): { large: number[]; small: number[]; total: number } {
  const sim = createSimulation(input).run();
  const served = sim.traffic().services.web!.served;
  const large: number[] = [];
  const small: number[] = [];
  let total = 0;
  for (const [name, n] of Object.entries(served)) {
    const size = sim.container(name)!.host!.labels.size;
    (size === 'large' ? large : small).push(n);
    total += n;
  }
  return { large, small, total };
}

// Replicas on large hosts weigh 3, the others 1: each large one should serve 3/8 of the requests and
// each small one 1/8.
const rules: Serving['weights'] = [
  // Matches no replica (none carries `tier`): the first rule that matches gives the weight.
  { labels: { tier: 'gold' }, hostLabels: { size: 'large' }, weight: 50 },
  { labels: { app: 'web' }, hostLabels: { size: 'large' }, weight: 3 },
];

describe('endpoint weights (serving.weights)', () => {
  it('weighted round robin gives each replica its share of the requests, to within a request or two', () => {
    const { large, small, total } = shares(weighted({ balancing: 'weighted-round-robin', weights: rules }));
    expect(total).toBeGreaterThan(11_000);
    // An earliest-deadline-first schedule over weights 3, 3, 1, 1: every 8 picks, exactly 3, 3, 1, 1.
    for (const n of large) expect(Math.abs(n - (total * 3) / 8)).toBeLessThanOrEqual(2);
    for (const n of small) expect(Math.abs(n - total / 8)).toBeLessThanOrEqual(2);
  });

  it('maglev gives each replica table slots in proportion to its weight', () => {
    const { large, small, total } = shares(weighted({ balancing: 'maglev', weights: rules }, 100_000));
    // Keys drawn uniformly from 100,000: a replica's count is binomial(total, share) around its table
    // share, whose standard error is √(share(1 − share)/total) ≈ 0.0044 at 3/8; 4 of them ≈ 0.018.
    for (const n of large) expect(Math.abs(n / total - 3 / 8)).toBeLessThan(4 * Math.sqrt(((3 / 8) * (5 / 8)) / total));
    for (const n of small) expect(Math.abs(n / total - 1 / 8)).toBeLessThan(4 * Math.sqrt(((1 / 8) * (7 / 8)) / total));
  });

  it('without weights every replica weighs 1: weighted round robin is plain round robin', () => {
    const { large, small, total } = shares(weighted({ balancing: 'weighted-round-robin' }));
    for (const n of [...large, ...small]) expect(Math.abs(n - total / 4)).toBeLessThanOrEqual(1);
  });
});
