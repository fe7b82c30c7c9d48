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
import { leastAllocated } from './leastAllocated.js';

// Units: cpu in millicores, memory in MiB; kube's arithmetic runs in bytes, which leaves every ratio unchanged.
const resources = new ResourceCatalog();
type Amounts = Record<string, number>;

function host(capacity: Amounts, allocated: Amounts = {}, nonZero: Amounts = allocated): Host {
  const h = new Host(0, 'h', 'h', resources.fromRecord(capacity), 110, {}, [], 0);
  h.bind(resources.fromRecord(allocated), resources.fromRecord(nonZero), undefined);
  return h;
}

function score(scorer: Scorer, requests: Amounts, h: Host): number {
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

describe('LeastAllocated: per resource (cap − req) × 100 / cap, weighted integer mean', () => {
  it.each([
    // cpu (4000−3000)·100/4000 = 25; memory (10000−5000)·100/10000 = 50; (25 + 50)/2 = 37
    { row: 'kube vector n1', cap: { cpu: 4000, memory: 10000 }, req: { cpu: 3000, memory: 5000 }, want: 37 },
    // missing requests count as 100m / 200Mi: cpu 3900·100/4000 = 97; memory 7992·100/8192 = 97.5 → 97; 97
    { row: 'missing requests → 100m/200Mi', cap: { cpu: 4000, memory: 8192 }, req: {}, want: 97 },
    // explicit zeros stay zero: 100, 100 → 100
    { row: 'explicit zero requests', cap: { cpu: 4000, memory: 8192 }, req: { cpu: 0, memory: 0 }, want: 100 },
    // cpu missing → 100m: 3900·100/4000 = 97; memory (8192−4096)·100/8192 = 50; 147/2 = 73
    { row: 'only memory requested', cap: { cpu: 4000, memory: 8192 }, req: { memory: 4096 }, want: 73 },
    // cpu (1000−1000)·100/1000 = 0; memory (1024−1024)·100/1024 = 0; 0
    { row: 'exact fit', cap: { cpu: 1000, memory: 1024 }, req: { cpu: 1000, memory: 1024 }, want: 0 },
  ])('$row → $want', ({ cap, req, want }) => {
    expect(score(leastAllocated(), req, host(cap))).toBe(want);
  });

  it.each([
    // {cpu:1, memory:2}: cpu 25, memory 50 → (25·1 + 50·2)/3 = 125/3 = 41
    { row: 'cpu 1, memory 2', weights: { cpu: 1, memory: 2 }, want: 41 },
    // {cpu:3, memory:1}: (25·3 + 50)/4 = 125/4 = 31
    { row: 'cpu 3, memory 1', weights: { cpu: 3, memory: 1 }, want: 31 },
    // {cpu:100, memory:1}: (2500 + 50)/101 = 25.2 → 25
    { row: 'cpu 100, memory 1', weights: { cpu: 100, memory: 1 }, want: 25 },
  ])('weights $row → $want', ({ weights, want }) => {
    const spec = Object.entries(weights).map(([name, weight]) => ({ name, weight }));
    expect(score(leastAllocated(spec), { cpu: 3000, memory: 5000 }, host({ cpu: 4000, memory: 10000 }))).toBe(want);
  });

  it('scores 0 for a resource whose request exceeds the capacity', () => {
    // allocated 3000/2000 + request 2000/1000: cpu 5000 > 4000 → 0; memory (10000−3000)·100/10000 = 70; 70/2 = 35
    const h = host({ cpu: 4000, memory: 10000 }, { cpu: 3000, memory: 2000 });
    expect(score(leastAllocated(), { cpu: 2000, memory: 1000 }, h)).toBe(35);
  });

  it("counts the host's non-zero requests, not its actual ones", () => {
    // a bound container with no requests: allocated 0/0, non-zero 100/200;
    // cpu (4000 − 100 − 1000)·100/4000 = 72.5 → 72; memory (10000 − 200 − 1000)·100/10000 = 88; 160/2 = 80
    const h = host({ cpu: 4000, memory: 10000 }, {}, { cpu: 100, memory: 200 });
    expect(score(leastAllocated(), { cpu: 1000, memory: 1000 }, h)).toBe(80);
  });

  it.each([
    // cpu 75, memory 50, gpu (4−2)·100/4 = 50; weights 1,1,3: (75 + 50 + 150)/5 = 55
    { row: 'host with gpu', cap: { cpu: 4000, memory: 10000, gpu: 4 }, want: 55 },
    // gpu capacity 0 → skipped: (75 + 50)/2 = 62
    { row: 'host without gpu', cap: { cpu: 4000, memory: 10000 }, want: 62 },
  ])('three resources, $row → $want', ({ cap, want }) => {
    const spec = [
      { name: 'cpu', weight: 1 },
      { name: 'memory', weight: 1 },
      { name: 'gpu', weight: 3 },
    ];
    expect(score(leastAllocated(spec), { cpu: 1000, memory: 5000, gpu: 2 }, host(cap))).toBe(want);
  });

  it('rejects weights outside 1..100 and unknown resources, as kube validation does', () => {
    for (const weight of [0, -1, 101, 1.5]) {
      expect(() => score(leastAllocated([{ name: 'cpu', weight }]), {}, host({ cpu: 1, memory: 1 }))).toThrow(
        /weight of 'cpu'/,
      );
    }
    expect(() => score(leastAllocated([{ name: 'tpu', weight: 1 }]), {}, host({ cpu: 1, memory: 1 }))).toThrow(
      /unknown resource 'tpu'/,
    );
  });
});
