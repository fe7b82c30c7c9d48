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
import { mostAllocated } from './mostAllocated.js';

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

describe('MostAllocated: per resource min(req, cap) × 100 / cap, weighted integer mean', () => {
  it.each([
    // cpu 3000·100/4000 = 75; memory 5000·100/10000 = 50; 125/2 = 62
    { row: 'kube vector n1', cap: { cpu: 4000, memory: 10000 }, req: { cpu: 3000, memory: 5000 }, want: 62 },
    // missing requests count as 100m / 200Mi: cpu 100·100/4000 = 2.5 → 2; memory 200·100/8192 = 2.4 → 2; 2
    { row: 'missing requests → 100m/200Mi', cap: { cpu: 4000, memory: 8192 }, req: {}, want: 2 },
    // explicit zeros stay zero: 0, 0 → 0
    { row: 'explicit zero requests', cap: { cpu: 4000, memory: 8192 }, req: { cpu: 0, memory: 0 }, want: 0 },
    // exact fit: 100, 100 → 100
    { row: 'exact fit', cap: { cpu: 1000, memory: 1024 }, req: { cpu: 1000, memory: 1024 }, want: 100 },
    // cpu 333·100/1000 = 33.3 → 33; memory 100·100/3000 = 3.3 → 3; 36/2 = 18
    { row: 'integer truncation', cap: { cpu: 1000, memory: 3000 }, req: { cpu: 333, memory: 100 }, want: 18 },
  ])('$row → $want', ({ cap, req, want }) => {
    expect(score(mostAllocated(), req, host(cap))).toBe(want);
  });

  it.each([
    // {cpu:1, memory:2}: cpu 75, memory 50 → (75 + 100)/3 = 58.3 → 58
    { row: 'cpu 1, memory 2', weights: { cpu: 1, memory: 2 }, want: 58 },
    // {cpu:3, memory:1}: (225 + 50)/4 = 68.75 → 68
    { row: 'cpu 3, memory 1', weights: { cpu: 3, memory: 1 }, want: 68 },
  ])('weights $row → $want', ({ weights, want }) => {
    const spec = Object.entries(weights).map(([name, weight]) => ({ name, weight }));
    expect(score(mostAllocated(spec), { cpu: 3000, memory: 5000 }, host({ cpu: 4000, memory: 10000 }))).toBe(want);
  });

  // kube's most_allocated_test.go cases (names quoted); its cpu "5000" is cores and memory bytes, the ratios are Berth's.
  it('most_allocated_test.go "resources requested equal node capacity" → 95, 75', () => {
    // node1: cpu 5000·100/5000 = 100, memory 9000·100/10000 = 90 → 95; node2: cpu 50, memory 9000/9000 = 100 → 75
    const req = { cpu: 5000, memory: 9000 };
    expect(score(mostAllocated(), req, host({ cpu: 5000, memory: 10000 }))).toBe(95);
    expect(score(mostAllocated(), req, host({ cpu: 10000, memory: 9000 }))).toBe(75);
  });

  it('most_allocated_test.go "no resources requested, pods scheduled, nonzero request for resource" → 80, 30', () => {
    // every container states no request: 100m / 200 MiB each. node1 (250m, 1000 MiB) already holds two:
    // cpu min(300, 250)·100/250 = 100, memory 600·100/1000 = 60 → 80; node2 is empty: 40, 20 → 30
    const node1 = host({ cpu: 250, memory: 1000 }, {}, { cpu: 200, memory: 400 });
    expect(score(mostAllocated(), {}, node1)).toBe(80);
    expect(score(mostAllocated(), {}, host({ cpu: 250, memory: 1000 }))).toBe(30);
  });

  it('clamps a request above the capacity to the capacity', () => {
    // allocated 3000/2000 + request 2000/1000: cpu min(5000, 4000)·100/4000 = 100; memory 3000·100/10000 = 30; 130/2 = 65
    const h = host({ cpu: 4000, memory: 10000 }, { cpu: 3000, memory: 2000 });
    expect(score(mostAllocated(), { cpu: 2000, memory: 1000 }, h)).toBe(65);
  });

  it("counts the host's non-zero requests, not its actual ones", () => {
    // allocated 0/0, non-zero 100/200: cpu 1100·100/4000 = 27.5 → 27; memory 1200·100/10000 = 12; 39/2 = 19
    const h = host({ cpu: 4000, memory: 10000 }, {}, { cpu: 100, memory: 200 });
    expect(score(mostAllocated(), { cpu: 1000, memory: 1000 }, h)).toBe(19);
  });

  it.each([
    // cpu 25, memory 50, gpu 2·100/4 = 50; weights 1,1,2: (25 + 50 + 100)/4 = 43.75 → 43
    { row: 'host with gpu', cap: { cpu: 4000, memory: 10000, gpu: 4 }, want: 43 },
    // gpu capacity 0 → skipped: (25 + 50)/2 = 37
    { row: 'host without gpu', cap: { cpu: 4000, memory: 10000 }, want: 37 },
  ])('three resources, $row → $want', ({ cap, want }) => {
    const spec = [
      { name: 'cpu', weight: 1 },
      { name: 'memory', weight: 1 },
      { name: 'gpu', weight: 2 },
    ];
    expect(score(mostAllocated(spec), { cpu: 1000, memory: 5000, gpu: 2 }, host(cap))).toBe(want);
  });
});
