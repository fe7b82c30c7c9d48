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
import { balancedAllocationV136 } from './balancedAllocationV136.js';
import { leastAllocated } from './leastAllocated.js';
import { mostAllocated } from './mostAllocated.js';
import type { ResourceWeight } from './resourceSpec.js';

// kube-scheduler's own cases for extended (scalar) resources, from kubernetes/kubernetes
// pkg/scheduler/framework/plugins/noderesources/{least,most}_allocated_test.go and
// balanced_allocation_test.go (test names quoted). kube's nodes are in whole cpus and bytes; Berth's
// are in millicores and MiB; every ratio, and so every score, is the same. `abc.com/xyz` is the tests'
// `extendedRes`; `gpu` stands for their `nvidia.com/gpu`.
const EXT = 'abc.com/xyz';
const resources = new ResourceCatalog([EXT]);
type Amounts = Record<string, number>;
const EXTENDED_SET: ResourceWeight[] = [
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
  { name: EXT, weight: 1 },
];
const GPU_SET: ResourceWeight[] = [
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
  { name: 'gpu', weight: 1 },
];

function host(capacity: Amounts, allocated: Amounts = {}): Host {
  const h = new Host(0, 'h', 'h', resources.fromRecord(capacity), 110, {}, [], 0);
  h.bind(resources.fromRecord(allocated), resources.fromRecord(allocated), undefined);
  return h;
}

/** One score per host, or null when PreScore skips the container. */
function scores(scorer: Scorer, requests: Amounts, hosts: Host[]): (number | null)[] {
  const spec = buildContainerSpec(
    'p',
    containerTemplateSchema.parse({ requests: formatResources(requests) }),
    resources,
    new Map(),
    {},
  );
  const pod = new Container(0, spec, 0);
  return hosts.map((h) => {
    const cluster = new ClusterState([h], resources, createRandom(1).stream('s'));
    const state = scorer.createState?.();
    if (scorer.prepare !== undefined && !scorer.prepare(pod, cluster, undefined, state)) return null;
    return scorer.score(pod, h, cluster, state);
  });
}

describe('LeastAllocated and MostAllocated skip an extended resource the container does not request', () => {
  const plain = { cpu: 6000, memory: 10000 };
  const withExt = (n: number) => ({ ...plain, [EXT]: n });

  it.each([
    // "bypass extended resource if the pod does not request": cpu 50, memory 50 on both; the host's 4
    // of abc.com/xyz are left out (counted, it would add 100: (50 + 50 + 100) / 3 = 66) → 50, 50
    {
      test: 'bypass extended resource if the pod does not request',
      req: { cpu: 3000, memory: 5000 },
      hosts: [plain, withExt(4)],
      want: [50, 50],
    },
    // "honor extended resource if the pod requests": xyz (4 − 2)·100/4 = 50 → (50 + 50 + 50)/3 = 50;
    // (10 − 2)·100/10 = 80 → (50 + 50 + 80)/3 = 60
    {
      test: 'honor extended resource if the pod requests',
      req: { cpu: 3000, memory: 5000, [EXT]: 2 },
      hosts: [withExt(4), withExt(10)],
      want: [50, 60],
    },
  ])('least_allocated_test.go "$test" → $want', ({ req, hosts, want }) => {
    expect(
      scores(
        leastAllocated(EXTENDED_SET),
        req,
        hosts.map((c) => host(c)),
      ),
    ).toEqual(want);
  });

  it.each([
    // "bypass extended resource if the pod does not request": 50, 50 (counted, xyz would add 0: 33)
    {
      test: 'bypass extended resource if the pod does not request',
      req: { cpu: 3000, memory: 5000 },
      hosts: [plain, withExt(4)],
      want: [50, 50],
    },
    // "honor extended resource if the pod request": xyz 2·100/4 = 50 → 50; 2·100/10 = 20 → (50 + 50 + 20)/3 = 40
    {
      test: 'honor extended resource if the pod request',
      req: { cpu: 3000, memory: 5000, [EXT]: 2 },
      hosts: [withExt(4), withExt(10)],
      want: [50, 40],
    },
  ])('most_allocated_test.go "$test" → $want', ({ req, hosts, want }) => {
    expect(
      scores(
        mostAllocated(EXTENDED_SET),
        req,
        hosts.map((c) => host(c)),
      ),
    ).toEqual(want);
  });

  // "if the node doesn't have a resource": weights xyz 2, cpu 1, memory 1; the pod asks 3000/4000.
  // The weight of the skipped resource leaves the denominator too.
  const weighted: ResourceWeight[] = [
    { name: EXT, weight: 2 },
    { name: 'cpu', weight: 1 },
    { name: 'memory', weight: 1 },
  ];
  it('least_allocated_test.go "if the node doesn\'t have a resource" → 55, 55', () => {
    // cpu (6000 − 3000)·100/6000 = 50, memory (10000 − 4000)·100/10000 = 60 → (50 + 60)/2 = 55 on both
    // (counted, the host with 4 of xyz would score (2·100 + 50 + 60)/4 = 77)
    expect(scores(leastAllocated(weighted), { cpu: 3000, memory: 4000 }, [host(plain), host(withExt(4))])).toEqual([
      55, 55,
    ]);
  });
  it('most_allocated_test.go "if the node doesn\'t have a resource" → 45, 45', () => {
    // cpu 3000·100/6000 = 50, memory 4000·100/10000 = 40 → (50 + 40)/2 = 45 on both
    expect(scores(mostAllocated(weighted), { cpu: 3000, memory: 4000 }, [host(plain), host(withExt(4))])).toEqual([
      45, 45,
    ]);
  });

  it('skips gpu like any extended resource', () => {
    // the same "bypass" row with gpu in place of abc.com/xyz
    const set = GPU_SET;
    const req = { cpu: 3000, memory: 5000 };
    expect(scores(leastAllocated(set), req, [host(plain), host({ ...plain, gpu: 4 })])).toEqual([50, 50]);
    expect(scores(mostAllocated(set), req, [host(plain), host({ ...plain, gpu: 4 })])).toEqual([50, 50]);
  });

  it('scores 0 when every listed resource is skipped, as kube does when the weight sum is 0', () => {
    // only xyz listed, not requested: nothing left → 0 (kube: `if weightSum == 0 { return 0 }`)
    const only = [{ name: EXT, weight: 1 }];
    expect(scores(leastAllocated(only), { cpu: 1000 }, [host(withExt(4))])).toEqual([0]);
    expect(scores(mostAllocated(only), { cpu: 1000 }, [host(withExt(4))])).toEqual([0]);
  });
});

describe('BalancedAllocation skips an extended resource the container does not request', () => {
  // The test's existing pods: node1 holds cpuAndMemoryAndGPU (3000m, 5000, 3 gpu), node2 cpuAndMemory (3000m, 5000).
  const cap = { cpu: 3500, memory: 40000, gpu: 8 };
  const node1 = () => host(cap, { cpu: 3000, memory: 5000, gpu: 3 });
  const node2 = () => host(cap, { cpu: 3000, memory: 5000 });
  const gpuPod = { memory: 0, gpu: 1 };

  it('balanced_allocation_test.go "include scalar resource on a node for balanced resource allocation" → 70, 65', () => {
    // node1: f = 3000/3500 = 0.857, 5000/40000 = 0.125, 4/8 = 0.5 → std 0.2989 → int(70.1) = 70
    // node2: f = 0.857, 0.125, 1/8 = 0.125 → std 0.345 → int(65.5) = 65
    expect(scores(balancedAllocation(GPU_SET), gpuPod, [node1(), node2()])).toEqual([70, 65]);
  });

  it('balanced_allocation_test.go "node without the scalar resource should skip the scalar resource" → 63, 63', () => {
    // both: f = 3000/3500 = 0.857, 5000/40000 = 0.125 → std 0.366 → int(63.4) = 63; the 8 gpus of node1
    // are left out (counted, node1's f_gpu = 0 would give std 0.378 → 62)
    const req = { cpu: 3000, memory: 5000 };
    expect(
      scores(balancedAllocation(GPU_SET), req, [
        host({ cpu: 3500, memory: 40000, gpu: 8 }),
        host({ cpu: 3500, memory: 40000 }),
      ]),
    ).toEqual([63, 63]);
  });

  it('v1.36 "include scalar resource on a node for balanced resource allocation" → 75, 76', () => {
    // node1: B before = (0.857, 0.125, 3/8) → 69, after (0.857, 0.125, 4/8) → 70: 50 + (50 + 70 − 69)/2 = 75
    // node2: before (0.857, 0.125, 0) → 62, after (…, 1/8) → 65: 50 + (50 + 65 − 62)/2 = 76
    expect(scores(balancedAllocationV136(GPU_SET), gpuPod, [node1(), node2()])).toEqual([75, 76]);
  });

  it('v1.36 "node without the scalar resource should skip the scalar resource" → 56, 56', () => {
    // both: B before = 100 (empty), after (0.857, 0.125) → 63: 50 + (50 + 63 − 100)/2 = 56
    // (counted, node1's after would be (0.857, 0.125, 0) → 62, and 50 + (50 + 62 − 100)/2 = 56 all the same)
    const req = { cpu: 3000, memory: 5000 };
    expect(
      scores(balancedAllocationV136(GPU_SET), req, [
        host({ cpu: 3500, memory: 40000, gpu: 8 }),
        host({ cpu: 3500, memory: 40000 }),
      ]),
    ).toEqual([56, 56]);
  });
});
