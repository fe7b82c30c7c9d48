import { createRandom } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import { Container } from '../containers/Container.js';
import { Host } from '../hosts/Host.js';
import { ResourceCatalog } from '../resources/ResourceCatalog.js';
import { containerTemplateSchema } from '../scenario/scenarioSchema.js';
import { interPodAffinityScore } from '../scorers/interPodAffinityScore.js';
import { buildContainerSpec } from '../simulation/buildContainerSpec.js';
import { ClusterState } from '../simulation/ClusterState.js';
import {
  AFFINITY_REASON as AFFINITY,
  ANTI_AFFINITY_REASON as ANTI,
  EXISTING_ANTI_AFFINITY_REASON as EXISTING,
  interPodAffinity,
} from './interPodAffinity.js';

// Cases from kube-scheduler's own tests, pkg/scheduler/framework/plugins/interpodaffinity/filtering_test.go
// (TestRequiredAffinitySingleNode, TestRequiredAffinityMultipleNodes) and scoring_test.go
// (TestPreferredAffinity): the same nodes, pods and expected results, in Berth's scenario form. Kube's
// namespaces are Berth's tenants; kube's default namespace is the tenant 'default'.

const resources = new ResourceCatalog();

/** A container in template form, with the host it is bound to (existing ones). */
interface Pod {
  readonly host?: string;
  readonly labels?: Record<string, string>;
  readonly tenant?: string;
  readonly podAffinity?: unknown;
  readonly podAntiAffinity?: unknown;
}

function clusterOf(nodes: Record<string, Record<string, string>>, pods: Pod[]) {
  const hosts = Object.entries(nodes).map(
    ([name, labels], i) =>
      new Host(i, name, 'n', resources.fromRecord({ cpu: 64_000, memory: 64_000 }), 110, labels, [], 0),
  );
  const cluster = new ClusterState(hosts, resources, createRandom(1).stream('s'));
  for (const [i, p] of pods.entries())
    cluster.bind(container(`existing-${i}`, p, i + 1), hosts.find((h) => h.name === p.host)!);
  return { hosts, cluster };
}

function container(name: string, pod: Pod, id = 0): Container {
  const { host: _host, ...template } = pod;
  return new Container(
    id,
    buildContainerSpec(name, containerTemplateSchema.parse(template), resources, new Map(), {}),
    0,
  );
}

/** The filter's verdict on each node: null (passes) or the reason. */
function filter(nodes: Record<string, Record<string, string>>, pods: Pod[], incoming: Pod): Array<string | null> {
  const { hosts, cluster } = clusterOf(nodes, pods);
  const pod = container('incoming', incoming);
  const plugin = interPodAffinity();
  const state = plugin.createState!();
  if (!plugin.prepare!(pod, cluster, state)) return hosts.map(() => null);
  return hosts.map((h) => plugin.check(pod, h, cluster, state));
}

/** Normalised scores per node, or null when the plugin skips (kube's Skip status). */
function score(nodes: Record<string, Record<string, string>>, pods: Pod[], incoming: Pod): number[] | null {
  const { hosts, cluster } = clusterOf(nodes, pods);
  const pod = container('incoming', incoming);
  const scorer = interPodAffinityScore();
  const state = scorer.createState!();
  if (!scorer.prepare!(pod, cluster, hosts, state)) return null;
  const s = Float64Array.from(hosts, (h) => scorer.score(pod, h, cluster, state));
  scorer.normalize!(s, s.length, state);
  return Array.from(s);
}

const expr = (key: string, operator: string, values?: string[]) =>
  values === undefined ? { key, operator } : { key, operator, values };
const term = (topologyKey: string, ...matchExpressions: object[]) => ({
  labelSelector: { matchExpressions },
  topologyKey,
});
const required = (...terms: object[]) => ({ required: terms });
const preferred = (weight: number, t: object) => ({ preferred: [{ weight, term: t }] });

const podLabel = { service: 'securityscan' };
const podLabel2 = { security: 'S1' };
const machine1 = { machine1: { region: 'r1', zone: 'z11' } };

describe('InterPodAffinity filter: kube TestRequiredAffinitySingleNode', () => {
  const cases: Array<[string, Pod[], Pod, string | null]> = [
    ['no required pod affinity, no existing pods', [], {}, null],
    [
      'In operator matching the existing pod',
      [{ host: 'machine1', labels: podLabel }],
      { labels: podLabel2, podAffinity: required(term('region', expr('service', 'In', ['securityscan', 'value2']))) },
      null,
    ],
    [
      'NotIn operator matching the existing pod',
      [{ host: 'machine1', labels: podLabel }],
      {
        labels: podLabel2,
        podAffinity: required(term('region', expr('service', 'NotIn', ['securityscan3', 'value3']))),
      },
      null,
    ],
    [
      'does not satisfy the affinity because of a different namespace',
      [{ host: 'machine1', labels: podLabel, tenant: 'ns' }],
      {
        labels: podLabel2,
        podAffinity: required({
          ...term('region', expr('service', 'In', ['securityscan', 'value2'])),
          namespaces: ['DiffNameSpace'],
        }),
      },
      AFFINITY,
    ],
    [
      'unmatching labelSelector (the pod does not match its own term either)',
      [{ host: 'machine1', labels: podLabel }],
      { labels: podLabel, podAffinity: required(term('region', expr('service', 'In', ['antivirusscan', 'value2']))) },
      AFFINITY,
    ],
    [
      'different operators in several required terms',
      [{ host: 'machine1', labels: podLabel }],
      {
        labels: podLabel2,
        podAffinity: required(
          term('region', expr('service', 'Exists'), expr('wrongkey', 'DoesNotExist')),
          term('region', expr('service', 'In', ['securityscan']), expr('service', 'NotIn', ['WrongValue'])),
        ),
      },
      null,
    ],
    [
      'the expressions of a selector are ANDed: one does not match',
      [{ host: 'machine1', labels: podLabel }],
      {
        labels: podLabel2,
        podAffinity: required(
          term('region', expr('service', 'Exists'), expr('wrongkey', 'DoesNotExist')),
          term('region', expr('service', 'In', ['securityscan2']), expr('service', 'NotIn', ['WrongValue'])),
        ),
      },
      AFFINITY,
    ],
    [
      'satisfies affinity and anti-affinity (the node has no "node" label)',
      [{ host: 'machine1', labels: podLabel }],
      {
        labels: podLabel2,
        podAffinity: required(term('region', expr('service', 'In', ['securityscan', 'value2']))),
        podAntiAffinity: required(term('node', expr('service', 'In', ['antivirusscan', 'value2']))),
      },
      null,
    ],
    [
      'satisfies affinity, anti-affinity and the symmetry of the existing pod',
      [
        {
          host: 'machine1',
          labels: podLabel,
          podAntiAffinity: required(term('node', expr('service', 'In', ['antivirusscan', 'value2']))),
        },
      ],
      {
        labels: podLabel2,
        podAffinity: required(term('region', expr('service', 'In', ['securityscan', 'value2']))),
        podAntiAffinity: required(term('node', expr('service', 'In', ['antivirusscan', 'value2']))),
      },
      null,
    ],
    [
      'satisfies the affinity but not the anti-affinity',
      [{ host: 'machine1', labels: podLabel }],
      {
        labels: podLabel2,
        podAffinity: required(term('region', expr('service', 'In', ['securityscan', 'value2']))),
        podAntiAffinity: required(term('zone', expr('service', 'In', ['securityscan', 'value2']))),
      },
      ANTI,
    ],
    [
      "satisfies its own rules but not the existing pod's anti-affinity (symmetry)",
      [
        {
          host: 'machine1',
          labels: podLabel,
          podAntiAffinity: required(term('zone', expr('service', 'In', ['securityscan', 'value2']))),
        },
      ],
      {
        labels: podLabel,
        podAffinity: required(term('region', expr('service', 'In', ['securityscan', 'value2']))),
        podAntiAffinity: required(term('node', expr('service', 'In', ['antivirusscan', 'value2']))),
      },
      EXISTING,
    ],
    [
      'the pod matches its own NotIn term but no existing pod does (that pod is on a node not in the cluster)',
      [],
      { labels: podLabel, podAffinity: required(term('region', expr('service', 'NotIn', ['securityscan', 'value2']))) },
      AFFINITY,
    ],
    [
      "an existing pod's anti-affinity holds for a pod with no terms",
      [
        {
          host: 'machine1',
          labels: podLabel,
          podAntiAffinity: required(term('zone', expr('service', 'In', ['securityscan', 'value2']))),
        },
      ],
      { labels: podLabel },
      EXISTING,
    ],
    [
      "an existing pod's anti-affinity that does not match the pod",
      [
        {
          host: 'machine1',
          labels: podLabel,
          podAntiAffinity: required(term('zone', expr('service', 'NotIn', ['securityscan', 'value2']))),
        },
      ],
      { labels: podLabel },
      null,
    ],
    [
      'symmetry a1: the incoming anti-affinity matches the existing pod',
      [{ host: 'machine1', labels: podLabel2, podAntiAffinity: required(term('zone', expr('security', 'Exists'))) }],
      {
        labels: podLabel,
        podAntiAffinity: required(term('zone', expr('service', 'Exists')), term('zone', expr('security', 'Exists'))),
      },
      ANTI,
    ],
    [
      "symmetry a2: the existing pod's anti-affinity matches the incoming pod",
      [
        {
          host: 'machine1',
          labels: podLabel,
          podAntiAffinity: required(term('zone', expr('service', 'Exists')), term('zone', expr('security', 'Exists'))),
        },
      ],
      { labels: podLabel2, podAntiAffinity: required(term('zone', expr('security', 'Exists'))) },
      EXISTING,
    ],
    [
      'symmetry b1: both match; the incoming pod’s anti-affinity is checked first',
      [
        {
          host: 'machine1',
          labels: { def: '', xyz: '' },
          podAntiAffinity: required(term('zone', expr('abc', 'Exists')), term('zone', expr('def', 'Exists'))),
        },
      ],
      {
        labels: { abc: '', xyz: '' },
        podAntiAffinity: required(term('zone', expr('abc', 'Exists')), term('zone', expr('def', 'Exists'))),
      },
      ANTI,
    ],
  ];
  it.each(cases)('%s', (_name, pods, incoming, want) => {
    expect(filter(machine1, pods, incoming)).toEqual([want]);
  });
});

describe('InterPodAffinity filter: kube TestRequiredAffinityMultipleNodes', () => {
  const china = { region: 'China' };
  const chinaAz1 = { region: 'China', az: 'az1' };
  const india = { region: 'India' };

  it('every node sharing the topology value of a matching pod passes', () => {
    const got = filter({ node1: china, node2: chinaAz1, node3: india }, [{ host: 'node1', labels: { foo: 'bar' } }], {
      podAffinity: required(term('region', expr('foo', 'In', ['bar']))),
    });
    expect(got).toEqual([null, null, AFFINITY]);
  });

  it('the first pod of a group with affinity to itself may go to any node with the key', () => {
    const incoming = {
      labels: { foo: 'bar', service: 'securityscan' },
      podAffinity: required(
        term('zone', expr('foo', 'In', ['bar'])),
        term('zone', expr('service', 'In', ['securityscan'])),
      ),
    };
    const pods = [{ host: 'nodeA', labels: { foo: 'bar' } }];
    expect(filter({ nodeA: { zone: 'az1' }, nodeB: { zone: 'az2' } }, pods, incoming)).toEqual([null, null]);
    // ... but only to nodes that have every topology key.
    expect(filter({ nodeA: { zoneLabel: 'az1' }, nodeB: { zoneLabel: 'az2' } }, pods, incoming)).toEqual([
      AFFINITY,
      AFFINITY,
    ]);
  });

  it('anti-affinity blocks every node sharing the value, whichever term matches', () => {
    const nodes = { nodeA: { region: 'r1', zone: 'z1' }, nodeB: { region: 'r1', zone: 'z2' } };
    const pods = [{ host: 'nodeA', labels: { foo: 'abc', service: 'securityscan' } }];
    expect(filter(nodes, pods, { podAntiAffinity: required(term('region', expr('foo', 'In', ['abc']))) })).toEqual([
      ANTI,
      ANTI,
    ]);
    const both = required(
      term('region', expr('foo', 'In', ['abc'])),
      term('zone', expr('service', 'In', ['securityscan'])),
    );
    expect(filter(nodes, pods, { podAntiAffinity: both })).toEqual([ANTI, ANTI]);
  });

  it('anti-affinity across regions; a pod in another namespace does not count', () => {
    const nodes = { nodeA: china, nodeB: chinaAz1, nodeC: india };
    const anti = { podAntiAffinity: required(term('region', expr('foo', 'In', ['abc']))) };
    expect(filter(nodes, [{ host: 'nodeA', labels: { foo: 'abc' } }], anti)).toEqual([ANTI, ANTI, null]);
    const pods = [
      { host: 'nodeA', tenant: 'NS1', labels: { foo: 'bar' } },
      { host: 'nodeC', tenant: 'NS2', podAntiAffinity: required(term('region', expr('foo', 'In', ['123']))) },
    ];
    const incoming = {
      tenant: 'NS1',
      labels: { foo: '123' },
      podAntiAffinity: required(term('region', expr('foo', 'In', ['bar']))),
    };
    expect(filter(nodes, pods, incoming)).toEqual([ANTI, ANTI, null]);
  });
});

describe('InterPodAffinity score: kube TestPreferredAffinity', () => {
  const china = { region: 'China' };
  const india = { region: 'India' };
  const az1 = { az: 'az1' };
  const az2 = { az: 'az2' };
  const chinaAz1 = { region: 'China', az: 'az1' };
  const S1 = { security: 'S1' };
  const S2 = { security: 'S2' };
  const stayWithS1InRegion = preferred(5, term('region', expr('security', 'In', ['S1'])));
  const stayWithS2InRegion = preferred(6, term('region', expr('security', 'In', ['S2'])));
  const awayFromS1InAz = preferred(5, term('az', expr('security', 'In', ['S1'])));
  const awayFromS2InAz = preferred(5, term('az', expr('security', 'In', ['S2'])));
  const stayWithS1AwayFromS2 = {
    podAffinity: preferred(8, term('region', expr('security', 'In', ['S1']))),
    podAntiAffinity: awayFromS2InAz,
  };
  const nodes3 = { node1: china, node2: india, node3: az1 };

  it('skips when no pod has affinity terms', () => {
    expect(score(nodes3, [], { labels: S1 })).toBeNull();
  });

  it('affinity: the node whose region holds a matching pod scores 100', () => {
    // China +5 (S1 on node1); node3 has no region label, so its S1 pod counts nowhere.
    const pods = [
      { host: 'node1', labels: S1 },
      { host: 'node2', labels: S2 },
      { host: 'node3', labels: S1 },
    ];
    expect(score(nodes3, pods, { labels: S1, podAffinity: stayWithS1InRegion })).toEqual([100, 0, 0]);
  });

  it('every node with the same region value gets the same score', () => {
    const got = score({ node1: china, node2: chinaAz1, node3: india }, [{ host: 'node1', labels: S1 }], {
      podAffinity: stayWithS1InRegion,
    });
    expect(got).toEqual([100, 100, 0]);
  });

  it('the region with more matching pods scores higher', () => {
    // China: 4 S2 pods → 24; India: 2 → 12; min 12, max 24 → China 100, India 0.
    const nodes = { node1: china, node2: india, node3: china, node4: china, node5: india };
    const pods = ['node1', 'node1', 'node2', 'node3', 'node4', 'node5'].map((host) => ({ host, labels: S2 }));
    expect(score(nodes, pods, { labels: S1, podAffinity: stayWithS2InRegion })).toEqual([100, 0, 100, 100, 0]);
  });

  it('different operators: weights 8 and 2 sum per region', () => {
    // Term 8 (NotIn S1 and In S2), term 2 (security Exists, wrongkey DoesNotExist).
    // China: S1 pod → 2; India: S2 pod → 8 + 2 = 10; node3 has no region → 0. → 100·2/10 = 20, 100, 0.
    const affinity3 = {
      preferred: [
        { weight: 8, term: term('region', expr('security', 'NotIn', ['S1']), expr('security', 'In', ['S2'])) },
        { weight: 2, term: term('region', expr('security', 'Exists'), expr('wrongkey', 'DoesNotExist')) },
      ],
    };
    const pods = [
      { host: 'node1', labels: S1 },
      { host: 'node2', labels: S2 },
      { host: 'node3', labels: S1 },
    ];
    expect(score(nodes3, pods, { labels: S1, podAffinity: affinity3 })).toEqual([20, 100, 0]);
  });

  it("symmetry: an existing pod's preferred affinity that the incoming pod matches", () => {
    const pods = [
      { host: 'node1', labels: S1, podAffinity: stayWithS1InRegion },
      { host: 'node2', labels: S2, podAffinity: stayWithS2InRegion },
    ];
    expect(score(nodes3, pods, { labels: S2 })).toEqual([0, 100, 0]);
  });

  it("symmetry: an existing pod's required affinity counts with hardPodAffinityWeight 1", () => {
    const hard = required(
      term('region', expr('security', 'In', ['S1', 'value2'])),
      term('region', expr('security', 'Exists'), expr('wrongkey', 'DoesNotExist')),
    );
    const pods = [
      { host: 'node1', labels: S1, podAffinity: hard },
      { host: 'node2', labels: S2, podAffinity: hard },
    ];
    // The incoming S1 pod matches both terms of each: China 2, India 2, node3 0 → 100, 100, 0.
    expect(score(nodes3, pods, { labels: S1 })).toEqual([100, 100, 0]);
  });

  it('anti-affinity: nodes whose az holds matching pods score lower', () => {
    const incoming = { labels: S1, podAntiAffinity: awayFromS1InAz };
    expect(
      score(
        { node1: az1, node2: china },
        [
          { host: 'node1', labels: S1 },
          { host: 'node2', labels: S2 },
        ],
        incoming,
      ),
    ).toEqual([0, 100]);
    expect(
      score(
        { node1: az1, node2: china },
        [
          { host: 'node1', labels: S1 },
          { host: 'node2', labels: S1 },
        ],
        incoming,
      ),
    ).toEqual([0, 100]);
    const pods = [
      { host: 'node1', labels: S1 },
      { host: 'node1', labels: S1 },
      { host: 'node2', labels: S2 },
    ];
    expect(score({ node1: az1, node2: india }, pods, incoming)).toEqual([0, 100]);
  });

  it("anti-affinity symmetry: an existing pod's preferred anti-affinity", () => {
    const pods = [
      { host: 'node1', labels: S1, podAntiAffinity: awayFromS2InAz },
      { host: 'node2', labels: S2, podAntiAffinity: awayFromS1InAz },
    ];
    expect(score({ node1: az1, node2: az2 }, pods, { labels: S2 })).toEqual([0, 100]);
  });

  it('affinity and anti-affinity together', () => {
    const pods = [
      { host: 'node1', labels: S1 },
      { host: 'node2', labels: S1 },
    ];
    expect(score({ node1: china, node2: az1 }, pods, { labels: S1, ...stayWithS1AwayFromS2 })).toEqual([100, 0]);
  });

  it('the same labels: together in a region, apart in an az', () => {
    const nodes = { node1: chinaAz1, node2: india, node3: china, node4: china, node5: india };
    const pods = ['node1', 'node1', 'node2', 'node3', 'node3', 'node4', 'node5'].map((host) => ({ host, labels: S1 }));
    expect(score(nodes, pods, { labels: S1, ...stayWithS1AwayFromS2 })).toEqual([100, 0, 100, 100, 0]);
  });

  it('affinity, anti-affinity and both symmetries: raw 8, −5, 8, −5', () => {
    // node1 China +8 (S1 pod); node2 az1 −5 (S2 pod); node3 India +8 (its pod prefers S1 in region);
    // node4 az2 −5 (its pod keeps S1 away in az). min −5, max 8 → 100, 0, 100, 0.
    const pods = [
      { host: 'node1', labels: S1 },
      { host: 'node2', labels: S2 },
      { host: 'node3', ...stayWithS1AwayFromS2 },
      { host: 'node4', podAntiAffinity: awayFromS1InAz },
    ];
    const nodes = { node1: china, node2: az1, node3: india, node4: az2 };
    expect(score(nodes, pods, { labels: S1, ...stayWithS1AwayFromS2 })).toEqual([100, 0, 100, 0]);
  });

  it('terms matched but all hosts equal: every host scores 0', () => {
    // Kube's case for issue 82796: node1 and node2 share region China; node2's pod prefers S1 in region.
    const pods = [
      { host: 'node1', labels: S1 },
      { host: 'node2', ...stayWithS1AwayFromS2 },
    ];
    expect(score({ node1: china, node2: china }, pods, { labels: S1 })).toEqual([0, 0]);
  });
});
