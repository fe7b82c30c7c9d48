import { ConfigError } from '@berth/kernel';
import { describe, expect, test } from 'vitest';
import type { ScenarioInput } from '../scenario/scenarioSchema.js';
import { createSimulation } from '../simulation/Simulation.js';
import type { Decision, HostVerdict } from './Decision.js';
import { formatDecision } from './formatDecision.js';

type Scores = Record<string, [raw: number, normalized: number, weight: number]>;

function passed(host: string, scores: Scores): HostVerdict {
  const out: Record<string, { raw: number; normalized: number; weighted: number }> = {};
  let total = 0;
  for (const [name, [raw, normalized, weight]] of Object.entries(scores)) {
    out[name] = { raw, normalized, weighted: normalized * weight };
    total += normalized * weight;
  }
  return { host, rejectedBy: null, reason: null, scores: out, total };
}

function rejected(host: string, rejectedBy: string, reason: string): HostVerdict {
  return { host, rejectedBy, reason, scores: {}, total: null };
}

function decision(hosts: HostVerdict[], fields: Partial<Decision> = {}): Decision {
  const reasons: Record<string, number> = {};
  for (const v of hosts) if (v.reason !== null) reasons[v.reason] = (reasons[v.reason] ?? 0) + 1;
  return {
    container: 'web-0',
    at: 12_500,
    strategy: 'kubernetes',
    hostCount: hosts.length,
    considered: hosts.length,
    hosts,
    winner: null,
    reasons,
    preempted: [],
    ...fields,
  };
}

describe('formatDecision', () => {
  test('winner first and marked, then passed hosts by total, then rejected hosts in examined order', () => {
    const d = decision(
      [
        rejected('node-0', 'TaintToleration', 'host had an untolerated taint'),
        // total 300 + 50 + 75 = 425
        passed('node-1', {
          TaintToleration: [0, 100, 3],
          LeastAllocated: [50, 50, 1],
          BalancedAllocation: [75, 75, 1],
        }),
        rejected('node-2', 'ResourceFit', 'Insufficient cpu'),
        // total 300 + 87 + 93 = 480, tied with node-4; the random tie-break chose node-4
        passed('node-3', {
          TaintToleration: [0, 100, 3],
          LeastAllocated: [87, 87, 1],
          BalancedAllocation: [93, 93, 1],
        }),
        passed('node-4', {
          TaintToleration: [0, 100, 3],
          LeastAllocated: [93, 93, 1],
          BalancedAllocation: [87, 87, 1],
        }),
      ],
      { winner: 'node-4' },
    );
    expect(formatDecision(d)).toBe(
      [
        'web-0 at 12.5 s — kubernetes — 5 of 5 hosts considered — winner node-4',
        '  host    verdict  TaintToleration×3  LeastAllocated×1  BalancedAllocation×1  total',
        '* node-4  passed               0→100             93→93                 87→87    480',
        '  node-3  passed               0→100             87→87                 93→93    480',
        '  node-1  passed               0→100             50→50                 75→75    425',
        '  node-0  TaintToleration: host had an untolerated taint',
        '  node-2  ResourceFit: Insufficient cpu',
        '',
      ].join('\n'),
    );
  });

  test('when no host passes, counts the reasons as kube-scheduler does, most frequent first', () => {
    const d = decision([
      rejected('a', 'ResourceFit', 'Insufficient memory'),
      rejected('b', 'TaintToleration', 'host had an untolerated taint'),
      rejected('c', 'ResourceFit', 'Insufficient cpu'),
      rejected('d', 'ResourceFit', 'Insufficient cpu'),
      rejected('e', 'TaintToleration', 'host had an untolerated taint'),
      rejected('f', 'ResourceFit', 'Insufficient cpu'),
    ]);
    expect(formatDecision(d)).toBe(
      [
        'web-0 at 12.5 s — kubernetes — 6 of 6 hosts considered — no host',
        '  host  verdict',
        '  a     ResourceFit: Insufficient memory',
        '  b     TaintToleration: host had an untolerated taint',
        '  c     ResourceFit: Insufficient cpu',
        '  d     ResourceFit: Insufficient cpu',
        '  e     TaintToleration: host had an untolerated taint',
        '  f     ResourceFit: Insufficient cpu',
        // highest count first: 3 cpu, 2 taint, 1 memory
        '0/6 hosts are available: 3 Insufficient cpu, 2 host had an untolerated taint, 1 Insufficient memory.',
        '',
      ].join('\n'),
    );
  });

  test('equal counts are listed alphabetically, and one host reads "0/1 host is available"', () => {
    const one = decision([rejected('solo', 'HostReady', 'host is cordoned')], { container: 'job-3', at: 0 });
    expect(formatDecision(one).split('\n').at(-2)).toBe('0/1 host is available: 1 host is cordoned.');
    const two = decision([
      rejected('x', 'ResourceFit', 'Insufficient memory'),
      rejected('y', 'ResourceFit', 'Insufficient cpu'),
    ]);
    expect(formatDecision(two).split('\n').at(-2)).toBe(
      '0/2 hosts are available: 1 Insufficient cpu, 1 Insufficient memory.',
    );
  });

  test('maxHosts keeps the winner, counts the hidden hosts, and only the sample is listed', () => {
    const d = decision(
      [
        passed('n-1', { LeastAllocated: [40, 40, 1] }),
        rejected('n-2', 'ResourceFit', 'Insufficient cpu'),
        passed('n-3', { LeastAllocated: [70, 70, 1] }),
        passed('n-4', { LeastAllocated: [60, 60, 1] }),
        rejected('n-5', 'ResourceFit', 'Insufficient cpu'),
      ],
      { winner: 'n-3', hostCount: 5000, considered: 500 },
    );
    expect(formatDecision(d, { maxHosts: 2 })).toBe(
      [
        'web-0 at 12.5 s — kubernetes — 500 of 5000 hosts considered — winner n-3',
        '  host  verdict  LeastAllocated×1  total',
        '* n-3   passed              70→70     70',
        '  n-4   passed              60→60     60',
        '  … 3 more hosts (1 passed, 2 rejected)',
        '',
      ].join('\n'),
    );
  });

  test('preemption, fractional scores, and a weight no score reveals', () => {
    const d = decision(
      [
        rejected('big', 'ResourceFit', 'Insufficient cpu'),
        rejected('tainted', 'TaintToleration', 'host had an untolerated taint'),
      ],
      { container: 'critical', at: 61_250.5, winner: 'big', preempted: ['batch-1', 'batch-7'], strategy: 'nomad' },
    );
    expect(formatDecision(d)).toBe(
      [
        'critical at 61.251 s — nomad — 2 of 2 hosts considered — winner big (preempting batch-1, batch-7)',
        '  host     verdict',
        // The winner does not read as rejected: it fits once its victims are gone.
        '* big      fits once batch-1, batch-7 are preempted (before: ResourceFit: Insufficient cpu)',
        '  tainted  TaintToleration: host had an untolerated taint',
        '0/2 hosts are available: 1 Insufficient cpu, 1 host had an untolerated taint.',
        'Preemption: big is chosen once batch-1, batch-7 are evicted.',
        '',
      ].join('\n'),
    );

    const scored = decision(
      [
        // NomadBinpack: 18 × 0.5 / 18 … kept as fractions; ImageLocality gave 0 everywhere, so its weight is unknown
        passed('p', { NomadBinpack: [9.123, 50.6789, 1], ImageLocality: [0, 0, 1] }),
        passed('q', { NomadBinpack: [4.5, 25, 1], ImageLocality: [0, 0, 1] }),
      ],
      { winner: 'p', strategy: 'nomad-binpack' },
    );
    expect(formatDecision(scored)).toBe(
      [
        'web-0 at 12.5 s — nomad-binpack — 2 of 2 hosts considered — winner p',
        '  host  verdict  NomadBinpack×1  ImageLocality  total',
        '* p     passed       9.12→50.68            0→0  50.68',
        '  q     passed           4.5→25            0→0     25',
        '',
      ].join('\n'),
    );
  });

  test('hosts without a total (rule-ranked strategies) have no total column and no weights', () => {
    const d = decision(
      [
        {
          host: 'h1',
          rejectedBy: null,
          reason: null,
          scores: { fewest: { raw: 3, normalized: 3, weighted: 3 } },
          total: null,
        },
        {
          host: 'h2',
          rejectedBy: null,
          reason: null,
          scores: { fewest: { raw: 1, normalized: 1, weighted: 1 } },
          total: null,
        },
      ],
      { winner: 'h2', strategy: 'swarmkit' },
    );
    expect(formatDecision(d)).toBe(
      [
        'web-0 at 12.5 s — swarmkit — 2 of 2 hosts considered — winner h2',
        '  host  verdict  fewest',
        '* h2    passed      1→1',
        '  h1    passed      3→3',
        '',
      ].join('\n'),
    );
  });

  test('an empty record says so', () => {
    expect(formatDecision(decision([], { hostCount: 3, considered: 0 }))).toBe(
      [
        'web-0 at 12.5 s — kubernetes — 0 of 3 hosts considered — no host',
        '  (no host was examined)',
        '0/3 hosts are available.',
        '',
      ].join('\n'),
    );
  });

  test('rejects a maxHosts that is not a positive integer', () => {
    const d = decision([passed('a', {})], { winner: 'a' });
    for (const maxHosts of [0, -1, 1.5, Number.NaN]) {
      expect(() => formatDecision(d, { maxHosts })).toThrow(ConfigError);
      expect(() => formatDecision(d, { maxHosts })).toThrow(/expected an integer >= 1[\s\S]*options\.maxHosts/);
    }
  });

  test('formats a decision recorded by a simulation', () => {
    const sim = createSimulation(
      {
        seed: 3,
        hosts: [
          { name: 'small', capacity: { cpu: '2', memory: '4Gi' } },
          { name: 'large', capacity: { cpu: '8', memory: '16Gi' } },
          { name: 'gpu', capacity: { cpu: '8', memory: '16Gi' }, taints: [{ key: 'gpu', effect: 'NoSchedule' }] },
        ],
        containers: [{ name: 'api', requests: { cpu: '1', memory: '2Gi' } }],
      },
      { explain: ['api'], strategy: 'least-allocated' },
    );
    sim.run('1s');
    const [d] = sim.decisions('api');
    // small: cpu (2000-1000)*100/2000 = 50, memory (4096-2048)*100/4096 = 50 → 50
    // large: cpu (8000-1000)*100/8000 = 87, memory (16384-2048)*100/16384 = 87 → 87
    expect(formatDecision(d!)).toBe(
      [
        'api at 0 s — least-allocated — 3 of 3 hosts considered — winner large',
        '  host   verdict  LeastAllocated×1  total',
        '* large  passed              87→87     87',
        '  small  passed              50→50     50',
        '  gpu    TaintToleration: host had an untolerated taint',
        '',
      ].join('\n'),
    );
  });

  test("a reason does not repeat the name of the filter it is printed under (AntiAffinity's)", () => {
    const sim = createSimulation(
      {
        hosts: [
          { name: 'a', capacity: { cpu: '2', memory: '4Gi' }, taints: [{ key: 'gpu', effect: 'NoSchedule' }] },
          { name: 'b', capacity: { cpu: '2', memory: '4Gi' } },
        ],
        services: { web: { replicas: 2, template: { antiAffinity: 'hostname' } } },
      },
      { explain: ['web-1'] },
    );
    sim.run('1s');
    const [d] = sim.decisions('web-1');
    // The event keeps the filter's own words; the row says the filter's name once.
    expect(d!.reasons).toEqual({ 'anti-affinity: a replica is already there': 1, 'host had an untolerated taint': 1 });
    expect(formatDecision(d!).split('\n').slice(2, 4)).toEqual([
      '  a     TaintToleration: host had an untolerated taint',
      '  b     AntiAffinity: a replica is already there',
    ]);
  });

  // Every filter's rejections over crafted scenarios: no row reads "<Filter>: <filter>: ...", and no
  // count under "0/N hosts are available:" says that heading again.
  test.each([
    ['unschedulable', { containers: [{ name: 'x', requests: { cpu: '64', memory: '1Gi' } }] }],
    ['taints', { containers: [{ name: 'x', nodeSelector: { zone: 'b' } }] }],
    [
      'affinity',
      { containers: [{ name: 'x', affinity: { required: [{ key: 'zone', operator: 'In', values: ['q'] }] } }] },
    ],
    [
      'anti-affinity and spread',
      {
        services: {
          web: { replicas: 3, template: { antiAffinity: 'zone', spread: [{ topologyKey: 'zone', maxSkew: 1 }] } },
        },
      },
    ],
    [
      'preemption',
      {
        scheduler: { preemption: true },
        containers: [
          { name: 'low', requests: { cpu: '1500m' } },
          { name: 'low-2', requests: { cpu: '1500m' } },
          { name: 'x', at: '1s', priority: 100, requests: { cpu: '1500m' } },
        ],
      },
    ],
  ])('%s', (_, part) => {
    const hosts = [
      { name: 'tainted', capacity: { cpu: '2', memory: '4Gi' }, taints: [{ key: 'k', effect: 'NoSchedule' }] },
      { name: 'a', capacity: { cpu: '2', memory: '4Gi' }, labels: { zone: 'a' } },
      { name: 'b', capacity: { cpu: '2', memory: '4Gi' } },
    ];
    const sim = createSimulation({ hosts, ...part } as ScenarioInput, { explain: 'all' });
    sim.run('1m');
    const names = ['x', 'web-0', 'web-1', 'web-2'];
    const texts = names.flatMap((n) =>
      sim.container(n) === undefined ? [] : sim.decisions(n).map((d) => formatDecision(d)),
    );
    expect(texts.length).toBeGreaterThan(0);
    const squash = (t: string) => t.toLowerCase().replace(/[^a-z0-9]/g, '');
    for (const text of texts) {
      for (const [, filter, first] of text.matchAll(
        /^[* ] \S+\s+(?:fits once .*\(before: )?([A-Za-z]+): ([^:\n]+): /gm,
      ))
        expect(squash(first!), text).not.toBe(squash(filter!));
      const fit = text.split('\n').find((line) => line.startsWith('0/'));
      if (fit !== undefined) expect(fit.slice(fit.indexOf(':')), text).not.toMatch(/available/);
    }
  });
});
