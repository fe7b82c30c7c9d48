import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../scenario/scenarioSchema.js';
import { createSimulation } from '../simulation/Simulation.js';
import { PRESETS } from '../strategies/presets/presetCatalog.js';

// Nomad's rank iterators (hashicorp/nomad scheduler/rank.go, scheduler/spread.go) checked through
// explain: raw NomadPlacement = mean of the appended scores.
const strategies = PRESETS;
const host = (name: string, labels: Record<string, string>) => ({
  name,
  capacity: { cpu: '4000m', memory: '4Gi' },
  labels,
});

function scoresOf(scenario: ScenarioInput, container: string): Record<string, number> {
  const sim = createSimulation(scenario, { strategies, explain: [container] }).run('1s');
  const decision = sim.decisions(container)[0]!;
  return Object.fromEntries(decision.hosts.map((h) => [h.host, h.scores.NomadPlacement?.raw ?? Number.NaN]));
}

// An empty 4-cpu/4Gi host with a 1000m/1Gi request: free 3/4 of each → binpack 20 − 2·10^0.75 = 8.7537 → /18.
const FIT = (20 - 2 * 10 ** 0.75) / 18;

describe('Nomad affinity and spread scoring', () => {
  const base = (nomad: object, hosts = [host('n1', { rack: 'r1' }), host('n2', { rack: 'r2' })]): ScenarioInput => ({
    scheduler: { strategy: 'nomad-binpack', sampling: 'all' },
    hosts,
    containers: [{ name: 'p', requests: { cpu: '1000m', memory: '1Gi' }, nomad } as never],
  });

  it('affinity: matched weights over the sum of |weights|, averaged with the fit', () => {
    // Weights 50 (rack = r1) and −25 (rack = r2): n1 scores 50/75, n2 −25/75.
    const scores = scoresOf(
      base({
        affinities: [
          { attribute: `\${meta.rack}`, value: 'r1', weight: 50 },
          { attribute: `\${meta.rack}`, value: 'r2', weight: -25 },
        ],
      }),
      'p',
    );
    expect(scores.n1).toBeCloseTo((FIT + 50 / 75) / 2, 12);
    expect(scores.n2).toBeCloseTo((FIT - 25 / 75) / 2, 12);
  });

  it('affinity operators: !=, numeric order, regexp, set_contains_any; a missing attribute', () => {
    const hosts = [host('n1', { gen: '10', tags: 'ssd,gpu' }), host('n2', { gen: '9' })];
    const one = (affinity: object) => scoresOf(base({ affinities: [{ weight: 100, ...affinity }] }, hosts), 'p');
    // A met affinity gives 1, an unmet one 0: the mean is (FIT + 1)/2 or (FIT + 0)/2.
    const met = (FIT + 1) / 2;
    const unmet = FIT / 2;
    expect(one({ attribute: `\${meta.gen}`, operator: '>', value: '9' })).toEqual({ n1: met, n2: unmet });
    expect(one({ attribute: `\${meta.gen}`, operator: '!=', value: '10' })).toEqual({ n1: unmet, n2: met });
    expect(one({ attribute: `\${meta.tags}`, operator: 'set_contains_any', value: 'gpu,tpu' })).toEqual({
      n1: met,
      n2: unmet,
    });
    expect(one({ attribute: `\${meta.gen}`, operator: 'regexp', value: '^1' })).toEqual({ n1: met, n2: unmet });
    // n2 has no tags: != still holds (Nomad: a missing attribute is not equal to the value).
    expect(one({ attribute: `\${meta.tags}`, operator: '!=', value: 'ssd' })).toEqual({ n1: met, n2: met });
    expect(one({ attribute: `\${node.unique.name}`, value: 'n2' })).toEqual({ n1: unmet, n2: met });
  });

  it('spread with targets: (desired − (used + 1)) / desired × weight share; the implicit target', () => {
    // A job of 10 tasks, 60% on r1: desired r1 = 6, the rest (*) = 4. First task: r1 (6 − 1)/6, r2 (4 − 1)/4.
    const scenario: ScenarioInput = {
      scheduler: { strategy: 'nomad-binpack', sampling: 'all' },
      hosts: [host('n1', { rack: 'r1' }), host('n2', { rack: 'r2' }), host('n3', {})],
      jobs: {
        batch: {
          tasks: [
            {
              count: 10,
              requests: { cpu: '100m', memory: '128Mi' },
              nomad: {
                spreads: [{ attribute: `\${meta.rack}`, weight: 100, targets: [{ value: 'r1', percent: 60 }] }],
              },
            } as never,
          ],
        },
      },
    };
    const sim = createSimulation(scenario, { strategies, explain: ['batch-0'] }).run('1s');
    const d = sim.decisions('batch-0')[0]!;
    const raw = Object.fromEntries(d.hosts.map((h) => [h.host, h.scores.NomadPlacement!.raw]));
    const fit = (20 - (10 ** (1 - 100 / 4000) + 10 ** (1 - 128 / 4096))) / 18;
    expect(raw.n1).toBeCloseTo((fit + 5 / 6) / 2, 12);
    expect(raw.n2).toBeCloseTo((fit + 3 / 4) / 2, 12);
    // n3 lacks the attribute: −1.
    expect(raw.n3).toBeCloseTo((fit - 1) / 2, 12);
  });

  it('rejects bad blocks with the field path and what was expected', () => {
    const bad = (nomad: object) => () => createSimulation(base(nomad), { strategies });
    expect(bad({ affinities: [{ attribute: 'rack', value: 'r1' }] })).toThrow(
      /expected a Nomad attribute: '\$\{meta\.<label>\}'.*got 'rack'\s+→ at containers\[0\]\.nomad\.affinities\[0\]\.attribute/,
    );
    expect(bad({ affinities: [{ attribute: `\${meta.rack}`, value: 'r1', weight: 0 }] })).toThrow(
      /other than 0 .*\s+→ at containers\[0\]\.nomad\.affinities\[0\]\.weight/,
    );
    expect(
      bad({
        spreads: [
          {
            attribute: `\${meta.rack}`,
            weight: 50,
            targets: [
              { value: 'r1', percent: 70 },
              { value: 'r2', percent: 40 },
            ],
          },
        ],
      }),
    ).toThrow(/add up to 110; expected at most 100\s+→ at containers\[0\]\.nomad\.spreads\[0\]\.targets/);
    expect(bad({ spreads: [{ attribute: `\${meta.rack}`, targets: [{ value: 'r1', percent: 50 }] }] })).toThrow(
      /need a weight above 0/,
    );
  });
});

describe('Nomad spread over a service', () => {
  const dcs = (perDc: number, cpu = '8000m', memory = '16Gi'): ScenarioInput['hosts'] =>
    ['dc1', 'dc2'].map((dc) => ({ group: dc, count: perDc, capacity: { cpu, memory }, labels: { datacenter: dc } }));
  const service = (replicas: number, nomad: object): ScenarioInput['services'] => ({
    web: { replicas, template: { requests: { cpu: '500m', memory: '512Mi' }, nomad } },
  });
  const perDc = (scenario: ScenarioInput, replicas: number): Record<string, number> => {
    const sim = createSimulation(scenario, { strategies }).run('1s');
    const out: Record<string, number> = {};
    for (let i = 0; i < replicas; i++) {
      const dc = sim.container(`web-${i}`)?.host?.labels.datacenter ?? 'pending';
      out[dc] = (out[dc] ?? 0) + 1;
    }
    return out;
  };

  const seventyThirty = {
    spreads: [
      {
        attribute: `\${node.datacenter}`,
        weight: 100,
        targets: [
          { value: 'dc1', percent: 70 },
          { value: 'dc2', percent: 30 },
        ],
      },
    ],
  };

  it('targets 70/30 over two datacenters: 20 small replicas land 14 and 6 (within one) on every seed', () => {
    // Tasks small beside their hosts (250m of 64 cpu): the fit moves little, the spread boost decides.
    for (const seed of [1, 2, 3, 4, 5]) {
      const got = perDc(
        {
          seed,
          scheduler: { strategy: 'nomad-binpack' },
          hosts: dcs(5, '64000m', '256Gi'),
          services: {
            web: { replicas: 20, template: { requests: { cpu: '250m', memory: '256Mi' }, nomad: seventyThirty } },
          },
        },
        20,
      );
      expect(Math.abs((got.dc1 ?? 0) - 14)).toBeLessThanOrEqual(1);
      expect((got.dc1 ?? 0) + (got.dc2 ?? 0)).toBe(20);
    }
  });

  it('the spread is soft: with large tasks binpack outweighs it (16 and 4, as Nomad averages the two)', () => {
    // 500m/512Mi of 8 cpu/16Gi. The 11th task on the dc1 host already holding 10: free cpu 1 − 11/16, memory
    // 1 − 11/32 → fit (20 − 10^0.3125 − 10^0.65625)/18 = 0.745, boost (14 − 11)/14 = 0.214, mean 0.480; on an
    // empty dc2 host: fit (20 − 10^0.9375 − 10^0.96875)/18 = 0.113, boost (6 − 1)/6 = 0.833, mean 0.473: dc1.
    // The 12th: dc1 fit 0.778, boost 0.143, mean 0.460 < 0.473: dc2. So 11 go to dc1 before dc2 gets one.
    const got = perDc(
      {
        seed: 1,
        scheduler: { strategy: 'nomad-binpack' },
        hosts: dcs(5, '8000m', '16Gi'),
        services: service(20, seventyThirty),
      },
      20,
    );
    expect(got).toEqual({ dc1: 16, dc2: 4 });
  });

  it('an even spread over datacenters: 10 replicas split 5 and 5; without it binpack fills one host', () => {
    const scenario: ScenarioInput = {
      seed: 7,
      scheduler: { strategy: 'nomad-binpack' },
      hosts: dcs(5),
      services: service(10, { spreads: [{ attribute: `\${node.datacenter}` }] }),
    };
    expect(perDc(scenario, 10)).toEqual({ dc1: 5, dc2: 5 });
    const sim = createSimulation(
      {
        ...scenario,
        scheduler: { strategy: 'nomad-binpack', sampling: 'all' },
        services: { web: { replicas: 10, template: { requests: { cpu: '500m', memory: '512Mi' } } } },
      },
      { strategies },
    ).run('1s');
    const hostsUsed = new Set(Array.from({ length: 10 }, (_, i) => sim.container(`web-${i}`)?.host?.name));
    expect(hostsUsed.size).toBe(1);
  });

  it('raises the candidate limit to max(count, 100) for a group with blocks', () => {
    const sim = createSimulation(
      {
        scheduler: { strategy: 'nomad-binpack' },
        hosts: dcs(10),
        services: service(1, { affinities: [{ attribute: `\${node.datacenter}`, value: 'dc2' }] }),
      },
      { strategies, explain: ['web-0'] },
    ).run('1s');
    // 20 hosts: log2 gives 5 candidates; with an affinity all 20 are ranked, and the winner is in dc2.
    const ranked = sim.decisions('web-0')[0]!.hosts.filter((h) => h.rejectedBy === null);
    expect(ranked).toHaveLength(20);
    expect(sim.container('web-0')?.host?.labels.datacenter).toBe('dc2');
  });
});
