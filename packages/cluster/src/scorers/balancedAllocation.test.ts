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
import { balancedAllocation } from './balancedAllocation.js';

const resources = new ResourceCatalog();
type Amounts = Record<string, number>;
const WITH_GPU = [
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
  { name: 'gpu', weight: 1 },
];

function host(capacity: Amounts, allocated: Amounts = {}, nonZero: Amounts = allocated): Host {
  const h = new Host(0, 'h', 'h', resources.fromRecord(capacity), 110, {}, [], 0);
  h.bind(resources.fromRecord(allocated), resources.fromRecord(nonZero), undefined);
  return h;
}

/** The score, or null when PreScore skips the container. */
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

describe('BalancedAllocation (v1.22–v1.35): int((1 − std of min(req/cap, 1)) × 100)', () => {
  it.each([
    // fractions 0.75, 0.5 → std |0.75 − 0.5|/2 = 0.125 → int(87.5) = 87
    { row: 'kube vector n1', cap: { cpu: 4000, memory: 10000 }, req: { cpu: 3000, memory: 5000 }, want: 87 },
    // fractions 0.5, 0.5 → 100
    { row: 'balanced', cap: { cpu: 4000, memory: 10000 }, req: { cpu: 2000, memory: 5000 }, want: 100 },
    // fractions 1, 0 → std 0.5 → 50 (the floor of the score)
    { row: 'most unbalanced', cap: { cpu: 4000, memory: 10000 }, req: { cpu: 4000 }, want: 50 },
    // fractions 0.1, 0.7 → std 0.3 → int(70.00000000000001) = 70
    { row: 'float truncation', cap: { cpu: 1000, memory: 1000 }, req: { cpu: 100, memory: 700 }, want: 70 },
  ])('$row → $want', ({ cap, req, want }) => {
    expect(score(balancedAllocation(), req, host(cap))).toBe(want);
  });

  it('clamps each fraction at 1 when the request exceeds the capacity', () => {
    // allocated 3000/2000 + request 2000/1000: cpu 5000/4000 → 1; memory 3000/10000 = 0.3; std 0.35 → 65
    const h = host({ cpu: 4000, memory: 10000 }, { cpu: 3000, memory: 2000 });
    expect(score(balancedAllocation(), { cpu: 2000, memory: 1000 }, h)).toBe(65);
  });

  it('uses actual requests: missing ones are not counted as 100m / 200Mi', () => {
    // host: one bound container without requests (allocated 0/0, non-zero 100/200); request cpu 2000 only.
    // Actual: 2000/4000 = 0.5, 0/10000 = 0 → std 0.25 → 75.
    // (With non-zero amounts it would be 2100/4000 = 0.525, 200/10000 = 0.02 → std 0.2525 → 74.)
    const h = host({ cpu: 4000, memory: 10000 }, {}, { cpu: 100, memory: 200 });
    expect(score(balancedAllocation(), { cpu: 2000 }, h)).toBe(75);
  });

  it.each([
    // fractions 0.25, 0.5, 0.5: mean 5/12; squared deviations 1/36, 1/144, 1/144 → sum 1/24; /3 = 1/72;
    // std = √(1/72) = 0.11785 → int(88.21) = 88
    { row: 'three resources', cap: { cpu: 4000, memory: 10000, gpu: 4 }, want: 88 },
    // gpu capacity 0 → skipped; two fractions 0.25, 0.5 → std 0.125 → 87
    { row: 'host without gpu', cap: { cpu: 4000, memory: 10000 }, want: 87 },
  ])('population std over cpu, memory and gpu: $row → $want', ({ cap, want }) => {
    expect(score(balancedAllocation(WITH_GPU), { cpu: 1000, memory: 5000, gpu: 2 }, host(cap))).toBe(want);
  });

  it('three resources: fractions 0, 0.5, 1 → std √(1/6) = 0.408 → 59', () => {
    // mean 0.5; squared deviations 0.25, 0, 0.25 → 0.5/3 = 1/6; √(1/6) = 0.40825 → int(59.17) = 59
    const h = host({ cpu: 4000, memory: 10000, gpu: 4 });
    expect(score(balancedAllocation(WITH_GPU), { memory: 5000, gpu: 4, cpu: 0 }, h)).toBe(59);
  });

  it('ignores resource weights: kube uses them only for validation', () => {
    const weighted = [
      { name: 'cpu', weight: 1 },
      { name: 'memory', weight: 2 },
    ];
    // same as the default: 0.75, 0.5 → 87
    expect(score(balancedAllocation(weighted), { cpu: 3000, memory: 5000 }, host({ cpu: 4000, memory: 10000 }))).toBe(
      87,
    );
  });

  it('skips BestEffort containers (no cpu and no memory request, no limits), per issue #129138', () => {
    expect(score(balancedAllocation(), {}, host({ cpu: 4000, memory: 10000 }))).toBeNull();
    expect(score(balancedAllocation(), { cpu: 0, memory: 0 }, host({ cpu: 4000, memory: 10000 }))).toBeNull();
    // a gpu-only container still counts as BestEffort by its cpu and memory
    expect(score(balancedAllocation(), { gpu: 1 }, host({ cpu: 4000, memory: 10000, gpu: 1 }))).toBeNull();
  });
});
