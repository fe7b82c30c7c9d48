import { ConfigError, createRandom } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import { Container } from '../containers/Container.js';
import { Host } from '../hosts/Host.js';
import { formatResources } from '../quantities/formatQuantity.js';
import { ResourceCatalog } from '../resources/ResourceCatalog.js';
import { containerTemplateSchema } from '../scenario/scenarioSchema.js';
import type { Scorer } from '../scheduler/Scorer.js';
import { buildContainerSpec } from '../simulation/buildContainerSpec.js';
import { ClusterState } from '../simulation/ClusterState.js';
import { strandedResources } from './strandedResources.js';

const resources = new ResourceCatalog();
type Amounts = Record<string, number>;

function score(scorer: Scorer, requests: Amounts, capacity: Amounts, allocated: Amounts = {}): number {
  const h = new Host(0, 'h', 'h', resources.fromRecord(capacity), 110, {}, [], 0);
  h.bind(resources.fromRecord(allocated), resources.fromRecord(allocated), undefined);
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
  expect(scorer.prepare?.(pod, cluster, undefined, state) ?? true).toBe(true);
  return scorer.score(pod, h, cluster, state);
}

const CAP = { cpu: 4000, memory: 10000 };

describe('StrandedResources: 100 × (1 − pressure × (hi − lo)) on free fractions after placement', () => {
  it.each([
    // free 0.75, 0.9: lo 0.75 ≥ 0.1 → pressure 0 → 100
    { row: 'room everywhere', alloc: {}, req: { cpu: 1000, memory: 1000 }, want: 100 },
    // free 0, 0.5: pressure 1, stranded 0.5 → 50
    { row: 'cpu exhausted, memory half free', alloc: {}, req: { cpu: 4000, memory: 5000 }, want: 50 },
    // free 0.75, 0: stranded 0.75 → 25
    { row: 'memory exhausted, cpu free', alloc: {}, req: { cpu: 1000, memory: 10000 }, want: 25 },
    // free 0, 0: an exact fill strands nothing → 100
    { row: 'exact fill', alloc: {}, req: { cpu: 4000, memory: 10000 }, want: 100 },
    // free cpu 200/4000 = 0.05, memory 0.8: pressure (0.1 − 0.05)/0.1 = 0.5; stranded 0.5 × 0.75 = 0.375 → 62.5 → 62
    { row: 'cpu below the threshold', alloc: { cpu: 3000 }, req: { cpu: 800, memory: 2000 }, want: 62 },
    // free cpu exactly 0.1: pressure 0 → 100
    { row: 'cpu at the threshold', alloc: { cpu: 3000 }, req: { cpu: 600 }, want: 100 },
    // over-commit clamps: free cpu max(−0.25, 0) = 0, memory 1 → stranded 1 → 0
    { row: 'over-committed', alloc: { cpu: 3000 }, req: { cpu: 2000, memory: 0 }, want: 0 },
  ])('$row → $want', ({ alloc, req, want }) => {
    expect(score(strandedResources(), req, CAP, alloc)).toBe(want);
  });

  it.each([
    // free 0.75, 0.9 ≥ 0.5 → 100
    { req: { cpu: 1000, memory: 1000 }, want: 100 },
    // free 0.25, 0.9: pressure (0.5 − 0.25)/0.5 = 0.5; stranded 0.5 × 0.65 = 0.325 → 67.5 → 67
    { req: { cpu: 3000, memory: 1000 }, want: 67 },
  ])('threshold 0.5: $req → $want', ({ req, want }) => {
    expect(score(strandedResources(undefined, 0.5), req, CAP)).toBe(want);
  });

  it('counts gpu when listed, and skips it on hosts without gpu', () => {
    const spec = [
      { name: 'cpu', weight: 1 },
      { name: 'memory', weight: 1 },
      { name: 'gpu', weight: 1 },
    ];
    // free cpu 0.75, memory 0.9, gpu 0 → pressure 1, stranded 0.9 → 10
    expect(score(strandedResources(spec), { cpu: 1000, memory: 1000, gpu: 1 }, { ...CAP, gpu: 1 })).toBe(10);
    // no gpu on the host: free 0.75, 0.9 → 100
    expect(score(strandedResources(spec), { cpu: 1000, memory: 1000 }, CAP)).toBe(100);
  });

  it('rejects a threshold outside (0, 1]', () => {
    for (const t of [0, -0.1, 1.5, Number.NaN]) expect(() => strandedResources(undefined, t)).toThrow(ConfigError);
  });
});
