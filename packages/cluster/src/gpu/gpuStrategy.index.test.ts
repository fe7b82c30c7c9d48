import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../scenario/scenarioSchema.js';
import { createSimulation, type Simulation } from '../simulation/Simulation.js';
import { gpuStrategy } from './gpuStrategy.js';
import { fgdPolicy } from './policies/fgdPolicy.js';
import type { GpuPolicy } from './policies/GpuPolicy.js';
import { gpuBestFit } from './policies/gpuBestFit.js';
import { gpuClustering } from './policies/gpuClustering.js';
import { gpuDotProduct } from './policies/gpuDotProduct.js';
import { gpuPacking } from './policies/gpuPacking.js';
import { typicalPods } from './policies/typicalPods.js';

// gpuStrategy finds the best host of a kind from its tree, looking again only at the hosts changed
// since the kind's last pod. Explaining every container takes the plain pass over all hosts instead,
// so the two runs must place every container alike: pods of several kinds come and go, and hosts are
// cordoned and made ready again in between.
const shapes = [{ milli: 200 }, { milli: 460 }, { milli: 700 }, { count: 1 }, { count: 2 }, { count: 4 }];
const scenario: ScenarioInput = {
  seed: 3,
  hosts: [
    { group: 't4', count: 8, capacity: { cpu: '32000m', memory: '128Gi' }, gpus: { model: 'T4', count: 2 } },
    { group: 'g2', count: 6, capacity: { cpu: '64000m', memory: '256Gi' }, gpus: { model: 'G2', count: 8 } },
    { group: 'cpu', count: 2, capacity: { cpu: '16000m', memory: '64Gi' } },
  ],
  containers: Array.from({ length: 240 }, (_, i) => ({
    name: `pod-${i}`,
    at: `${i * 100}ms`,
    requests: { cpu: `${1000 + 1000 * (i % 3)}m`, memory: '4Gi' },
    ...(i % 11 === 0 ? {} : { gpu: shapes[(i * 5) % shapes.length]! }),
    duration: `${4 + ((i * 7) % 30)}s`,
  })),
};
const pods = scenario.containers!.map((c) => ({
  cpu: Number.parseInt(c.requests!.cpu as string, 10),
  memory: 4096,
  milli: c.gpu === undefined ? 0 : ((c.gpu as { milli?: number }).milli ?? 1000),
  count: c.gpu === undefined ? 0 : ((c.gpu as { count?: number }).count ?? 1),
  models: undefined,
}));

function run(policy: () => GpuPolicy, explain: boolean, ties: 'first' | 'permuted'): Simulation {
  const strategy = gpuStrategy(policy(), undefined, { ties });
  const sim = createSimulation(scenario, { strategy, ...(explain ? { explain: 'all' } : {}) });
  sim.run('6s');
  sim.setHostState('g2-0', 'cordoned');
  sim.setHostState('t4-1', 'cordoned');
  sim.run('12s');
  sim.setHostState('g2-0', 'ready');
  sim.run('20s');
  sim.setHostState('t4-1', 'ready');
  sim.run('2m');
  return sim;
}

describe('gpuStrategy: the tree of each kind against the pass over every host', () => {
  it.each([
    ['FGD', () => fgdPolicy(typicalPods(pods))],
    ['BestFit', gpuBestFit],
    ['GpuPacking', gpuPacking],
    ['GpuClustering', gpuClustering],
    ['DotProd', gpuDotProduct],
  ])('%s places every container alike, ties to the first host or by the drawn order', (_name, policy) => {
    for (const ties of ['first', 'permuted'] as const) {
      const fast = run(policy, false, ties);
      const plain = run(policy, true, ties);
      expect(fast.events()).toEqual(plain.events());
    }
    const fast = run(policy, false, 'first');
    // The drawn order decides some ties differently from the declaration order.
    expect(run(policy, false, 'permuted').events()).not.toEqual(fast.events());
    expect(fast.counters.placed).toBeGreaterThan(200);
    // Some pods found no host at first, so the trees also answered "none".
    expect(fast.events().some((e) => e.type === 'placement.rejected')).toBe(true);
  });
});
