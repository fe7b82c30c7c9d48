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
import { brokenLinear, requestedToCapacityRatio, type UtilizationShapePoint } from './requestedToCapacityRatio.js';

// Cases from kubernetes/kubernetes pkg/scheduler/framework/plugins/noderesources/
// requested_to_capacity_ratio_test.go (test and case names quoted). kube's cpu is in whole cpus or
// millicores and its memory in bytes; Berth's in millicores and MiB: the ratios, and so the scores, agree.
const FOO = 'intel.com/foo';
const BAR = 'intel.com/bar';
const resources = new ResourceCatalog([FOO, BAR]);
type Amounts = Record<string, number>;

function host(capacity: Amounts, nonZero: Amounts = {}): Host {
  const h = new Host(0, 'h', 'h', resources.fromRecord(capacity), 110, {}, [], 0);
  h.bind(resources.fromRecord(nonZero), resources.fromRecord(nonZero), undefined);
  return h;
}

function scores(scorer: Scorer, requests: Amounts | undefined, hosts: Host[]): number[] {
  const template = containerTemplateSchema.parse(requests === undefined ? {} : { requests: formatResources(requests) });
  const pod = new Container(0, buildContainerSpec('p', template, resources, new Map(), {}), 0);
  return hosts.map((h) => {
    const cluster = new ClusterState([h], resources, createRandom(1).stream('s'));
    const state = scorer.createState?.();
    expect(scorer.prepare?.(pod, cluster, undefined, state) ?? true).toBe(true);
    return scorer.score(pod, h, cluster, state);
  });
}

describe('TestBrokenLinearFunction: the shape between, below and above its points', () => {
  // The helper's own table (points with scores 0..10, not yet scaled).
  const line = (points: UtilizationShapePoint[]) => (p: number) =>
    brokenLinear(
      Int32Array.from(points, (x) => x.utilization),
      Int32Array.from(points, (x) => x.score),
      p,
    );
  it.each([
    // (10,1)–(90,9): 1 + 8·(p − 10)/80 truncated: 15 → 1, 19 → 1.9 → 1, 20 → 2, 89 → 8.9 → 8; clamped outside
    {
      points: [
        { utilization: 10, score: 1 },
        { utilization: 90, score: 9 },
      ],
      table: [
        [-10, 1],
        [0, 1],
        [9, 1],
        [10, 1],
        [15, 1],
        [19, 1],
        [20, 2],
        [89, 8],
        [90, 9],
        [99, 9],
        [100, 9],
        [110, 9],
      ],
    },
    // (0,2)–(40,10)–(100,0): 20 → 2 + 8·20/40 = 6; 30 → 8; 70 → 10 + (−10)·30/60 = 5 (Go truncates towards zero)
    {
      points: [
        { utilization: 0, score: 2 },
        { utilization: 40, score: 10 },
        { utilization: 100, score: 0 },
      ],
      table: [
        [-10, 2],
        [0, 2],
        [20, 6],
        [30, 8],
        [40, 10],
        [70, 5],
        [100, 0],
        [110, 0],
      ],
    },
    // a flat shape is 2 everywhere
    {
      points: [
        { utilization: 0, score: 2 },
        { utilization: 40, score: 2 },
        { utilization: 100, score: 2 },
      ],
      table: [
        [-10, 2],
        [0, 2],
        [20, 2],
        [30, 2],
        [40, 2],
        [70, 2],
        [100, 2],
        [110, 2],
      ],
    },
  ])('case %#', ({ points, table }) => {
    const f = line(points);
    for (const [p, want] of table) expect(f(p!), `p = ${p}`).toBe(want);
  });

  it('truncates towards zero on a falling segment, as Go does', () => {
    // (0,100)–(100,0) at 75: 100 + (−100·75)/100 = 100 − 75 = 25; at 33: 100 + (−3300/100 = −33) = 67;
    // (0,10)–(3,0) at 1: 10 + (−10/3 → −3) = 7 (flooring would give 6)
    expect(brokenLinear(Int32Array.of(0, 3), Int32Array.of(10, 0), 1)).toBe(7);
    expect(brokenLinear(Int32Array.of(0, 100), Int32Array.of(100, 0), 75)).toBe(25);
  });
});

describe('TestRequestedToCapacityRatioScoringStrategy: shape (0, 10)–(100, 0), cpu and memory', () => {
  const least = requestedToCapacityRatio([
    { utilization: 0, score: 10 },
    { utilization: 100, score: 0 },
  ]);
  // kube's pod without containers requests nothing; a Berth container states explicit zeros for that.
  const nothing = { cpu: 0, memory: 0 };

  it('"nothing scheduled, nothing requested (default - least requested nodes have priority)" → 100, 100', () => {
    // utilisation 0 on both resources → 100 each → 100
    expect(scores(least, nothing, [host({ cpu: 4000, memory: 10000 }), host({ cpu: 4000, memory: 10000 })])).toEqual([
      100, 100,
    ]);
  });

  it('"nothing scheduled, resources requested, differently sized nodes" → 38, 50', () => {
    // node1: cpu 3000·100/4000 = 75 → 100 − 75 = 25; memory 50 → 50; (25 + 50)/2 = 37.5 → math.Round → 38
    // node2: cpu 3000·100/6000 = 50 → 50; memory 50 → 50; 50
    const req = { cpu: 3000, memory: 5000 };
    expect(scores(least, req, [host({ cpu: 4000, memory: 10000 }), host({ cpu: 6000, memory: 10000 })])).toEqual([
      38, 50,
    ]);
  });

  it('"no resources requested, pods scheduled with resources" → 38, 50', () => {
    // the same utilisations, from pods already bound (3000m, 5000) instead of the request
    const busy = { cpu: 3000, memory: 5000 };
    expect(
      scores(least, nothing, [host({ cpu: 4000, memory: 10000 }, busy), host({ cpu: 6000, memory: 10000 }, busy)]),
    ).toEqual([38, 50]);
  });
});

describe('TestResourceBinPackingSingleExtended: intel.com/foo weight 1, shape (0, 0)–(100, 1)', () => {
  const packing = requestedToCapacityRatio(
    [
      { utilization: 0, score: 0 },
      { utilization: 100, score: 1 },
    ],
    [{ name: FOO, weight: 1 }],
  );
  // makeNode(4000m, 10000 MiB, foo 8) and (…, foo 4)
  const node1 = (used: Amounts = {}) => host({ cpu: 4000, memory: 10000, [FOO]: 8 }, used);
  const node2 = (used: Amounts = {}) => host({ cpu: 4000, memory: 10000, [FOO]: 4 }, used);

  it('"nothing scheduled, nothing requested" → 0, 0', () => {
    // foo is not requested: skipped; nothing is left → 0
    expect(scores(packing, undefined, [node1(), node2()])).toEqual([0, 0]);
  });
  it('"resources requested, pods scheduled with less resources" → 2, 5', () => {
    // node1: 2·100/8 = 25 → 0 + 10·25/100 = 2.5 → 2;  node2: 2·100/4 = 50 → 5
    expect(scores(packing, { [FOO]: 2 }, [node1(), node2()])).toEqual([2, 5]);
  });
  it('"resources requested, pods scheduled with resources, on node with existing pod running" → 2, 10', () => {
    // node2 already holds 2: (2 + 2)·100/4 = 100 → 10
    expect(scores(packing, { [FOO]: 2 }, [node1(), node2({ [FOO]: 2 })])).toEqual([2, 10]);
  });
  it('"resources requested, pods scheduled with more resources" → 5, 10', () => {
    // node1: 4·100/8 = 50 → 5;  node2: 4·100/4 = 100 → 10
    expect(scores(packing, { [FOO]: 4 }, [node1(), node2()])).toEqual([5, 10]);
  });
});

describe('TestResourceBinPackingMultipleExtended: foo weight 3, bar weight 5, shape (0, 0)–(100, 1)', () => {
  const packing = requestedToCapacityRatio(
    [
      { utilization: 0, score: 0 },
      { utilization: 100, score: 1 },
    ],
    [
      { name: FOO, weight: 3 },
      { name: BAR, weight: 5 },
    ],
  );
  // node1 has foo 8, bar 4; node2 foo 4, bar 8
  const node1 = (used: Amounts = {}) => host({ cpu: 4000, memory: 10000, [FOO]: 8, [BAR]: 4 }, used);
  const node2 = (used: Amounts = {}) => host({ cpu: 4000, memory: 10000, [FOO]: 4, [BAR]: 8 }, used);

  it('"nothing scheduled, nothing requested" → 0, 0', () => {
    expect(scores(packing, undefined, [node1(), node2()])).toEqual([0, 0]);
  });
  it('"resources requested, pods scheduled with less resources" → 4, 3', () => {
    // node1: foo 2/8 = 25 → 2, bar 2/4 = 50 → 5: (2·3 + 5·5)/8 = 3.875 → 4
    // node2: foo 2/4 = 50 → 5, bar 2/8 = 25 → 2: (5·3 + 2·5)/8 = 3.125 → 3
    expect(scores(packing, { [FOO]: 2, [BAR]: 2 }, [node1(), node2()])).toEqual([4, 3]);
  });
  it('"resources requested, pods scheduled with resources, on node with existing pod running" → 4, 7', () => {
    // node2 already runs a pod asking foo 4, bar 2: foo (4 + 2) > 4 → utilisation 100 → 10,
    // bar (2 + 2)·100/8 = 50 → 5: (10·3 + 5·5)/8 = 6.875 → 7 (kube's comment writes foo as (2 + 2)/4, also 100)
    expect(scores(packing, { [FOO]: 2, [BAR]: 2 }, [node1(), node2({ [FOO]: 4, [BAR]: 2 })])).toEqual([4, 7]);
  });
  it('"resources requested, pods scheduled with more resources" → 5, 5', () => {
    // node1: foo 4/8 = 50 → 5, bar 2/4 = 50 → 5: 5;  node2: foo 4/4 → 10, bar 2/8 = 25 → 2: (30 + 10)/8 = 5
    expect(scores(packing, { [FOO]: 4, [BAR]: 2 }, [node1(), node2()])).toEqual([5, 5]);
  });
});

describe('RequestedToCapacityRatio beyond kube’s tables (from the formula)', () => {
  it('leaves a resource whose shape score is 0 out of the mean', () => {
    // shape (0,0)–(100,10): cpu 3000/4000 = 75 → 75; memory 0/10000 = 0 → 0, dropped: 75 (MostAllocated: 37)
    const shape = [
      { utilization: 0, score: 0 },
      { utilization: 100, score: 10 },
    ];
    const h = () => host({ cpu: 4000, memory: 10000 });
    expect(scores(requestedToCapacityRatio(shape), { cpu: 3000, memory: 0 }, [h()])).toEqual([75]);
    expect(scores(mostAllocated(), { cpu: 3000, memory: 0 }, [h()])).toEqual([37]);
  });

  it('scores an over-committed resource at utilisation 100', () => {
    // cpu 5000 > 4000 → utilisation 100 → shape (0,10)–(100,0) gives 0, dropped; memory 50 → 50: 50
    const shape = [
      { utilization: 0, score: 10 },
      { utilization: 100, score: 0 },
    ];
    expect(
      scores(requestedToCapacityRatio(shape), { cpu: 2000, memory: 5000 }, [
        host({ cpu: 4000, memory: 10000 }, { cpu: 3000 }),
      ]),
    ).toEqual([50]);
  });

  it('uses the non-zero defaults (100m, 200 MiB) for a container that states no request', () => {
    // shape (0,0)–(100,10): cpu 100·100/1000 = 10 → 10; memory 200·100/1000 = 20 → 20: 15
    const shape = [
      { utilization: 0, score: 0 },
      { utilization: 100, score: 10 },
    ];
    expect(scores(requestedToCapacityRatio(shape), {}, [host({ cpu: 1000, memory: 1000 })])).toEqual([15]);
  });

  it('rejects a shape kube-scheduler would reject, naming the point', () => {
    expect(() => requestedToCapacityRatio([])).toThrow(/at least one point/);
    expect(() =>
      requestedToCapacityRatio([
        { utilization: 50, score: 1 },
        { utilization: 50, score: 2 },
      ]),
    ).toThrow(/shape\[1\]\.utilization \(50\) must be greater/);
    expect(() => requestedToCapacityRatio([{ utilization: 101, score: 1 }])).toThrow(/shape\[0\]\.utilization/);
    expect(() => requestedToCapacityRatio([{ utilization: 0, score: 11 }])).toThrow(/shape\[0\]\.score/);
  });
});
