import { createRandom } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import { Container } from '../containers/Container.js';
import { Host } from '../hosts/Host.js';
import { formatResources } from '../quantities/formatQuantity.js';
import { ResourceCatalog } from '../resources/ResourceCatalog.js';
import { containerTemplateSchema } from '../scenario/scenarioSchema.js';
import type { Scorer } from '../scheduler/Scorer.js';
import { buildContainerSpec } from '../simulation/buildContainerSpec.js';
import { ClusterState } from '../simulation/ClusterState.js';
import { balancedAllocationV136 } from './balancedAllocationV136.js';

const resources = new ResourceCatalog();
type Amounts = Record<string, number>;
const WITH_GPU = [
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
  { name: 'gpu', weight: 1 },
];

function host(capacity: Amounts, allocated: Amounts = {}): Host {
  const h = new Host(0, 'h', 'h', resources.fromRecord(capacity), 110, {}, [], 0);
  h.bind(resources.fromRecord(allocated), resources.fromRecord(allocated), undefined);
  return h;
}

function score(scorer: Scorer, requests: Amounts, h: Host): number | null {
  const spec = buildContainerSpec(
    'p',
    containerTemplateSchema.parse({ requests: formatResources(requests) }),
    resources,
    new Map(),
    {},
  );
  const pod = new Container(0, spec, 0);
  const cluster = new ClusterState([h], resources, createRandom(1).stream('s'));
  const state = scorer.createState?.();
  if (scorer.prepare !== undefined && !scorer.prepare(pod, cluster, undefined, state)) return null;
  return scorer.score(pod, h, cluster, state);
}

const CAP = { cpu: 4000, memory: 10000 };

describe('BalancedAllocation v1.36: 50 + (50 + B(with) − B(without)) / 2', () => {
  it.each([
    // with: 0.5, 0.5 → B 100; without: 0, 0 → 100; 50 + 50/2 = 75 (no change)
    { row: 'balance unchanged', alloc: {}, req: { cpu: 2000, memory: 5000 }, want: 75 },
    // with: 1, 1 → 100; without: 1, 0 → std 0.5 → 50; 50 + (50 + 50)/2 = 100
    { row: 'worst to perfect', alloc: { cpu: 4000 }, req: { cpu: 0, memory: 10000 }, want: 100 },
    // with: 1, 0 → 50; without: 0, 0 → 100; 50 + (50 − 50)/2 = 50
    { row: 'perfect to worst', alloc: {}, req: { cpu: 4000 }, want: 50 },
    // kube vector n1: with 0.75, 0.5 → 87; without 100; 50 + (50 + 87 − 100)/2 = 50 + 37/2 = 50 + 18 = 68
    { row: 'kube vector n1', alloc: {}, req: { cpu: 3000, memory: 5000 }, want: 68 },
    // with: 0.25, 0.1 → std 0.075 → 92; without: 0.25, 0 → 0.125 → 87; 50 + (50 + 5)/2 = 50 + 27 = 77
    { row: 'odd difference truncates', alloc: { cpu: 1000 }, req: { memory: 1000 }, want: 77 },
    // with: min(5000/4000, 1) = 1, 0.3 → std 0.35 → 65; without: 0.75, 0.2 → 0.275 → 72;
    // 50 + (50 + 65 − 72)/2 = 50 + 21 = 71
    { row: 'request above capacity', alloc: { cpu: 3000, memory: 2000 }, req: { cpu: 2000, memory: 1000 }, want: 71 },
  ])('$row → $want', ({ alloc, req, want }) => {
    expect(score(balancedAllocationV136(), req, host(CAP, alloc))).toBe(want);
  });

  it('uses the population std for three resources', () => {
    // with: 0.25, 0.5, 0.5 → std √(1/72) = 0.118 → 88; without: 0, 0, 0 → 100; 50 + (50 − 12)/2 = 69
    const h = host({ cpu: 4000, memory: 10000, gpu: 4 });
    expect(score(balancedAllocationV136(WITH_GPU), { cpu: 1000, memory: 5000, gpu: 2 }, h)).toBe(69);
  });

  it('skips containers requesting none of the listed resources, as kube isBestEffortPod', () => {
    expect(score(balancedAllocationV136(), {}, host(CAP))).toBeNull();
    // gpu is not listed by default: skipped
    expect(score(balancedAllocationV136(), { gpu: 2 }, host({ ...CAP, gpu: 4 }))).toBeNull();
    // listed: fractions 0, 0, 0.5 → mean 1/6, variance (1/36 + 1/36 + 1/9)/3 = 1/18, std 0.236 → 76;
    // without → 100; 50 + (50 − 24)/2 = 63
    expect(score(balancedAllocationV136(WITH_GPU), { gpu: 2 }, host({ ...CAP, gpu: 4 }))).toBe(63);
  });
});
