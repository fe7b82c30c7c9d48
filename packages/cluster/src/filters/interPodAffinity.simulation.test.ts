import { ConfigError } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../scenario/scenarioSchema.js';
import { formatDecision } from '../scheduler/formatDecision.js';
import { createSimulation } from '../simulation/Simulation.js';
import { PRESETS } from '../strategies/presets/presetCatalog.js';

const strategies = PRESETS;
const zones = (perZone: number) =>
  ['a', 'b', 'c'].map((zone) => ({
    group: zone,
    count: perZone,
    capacity: { cpu: '8000m', memory: '16Gi' },
    labels: { zone },
  }));
const term = (topologyKey: string, app: string) => ({ labelSelector: { matchLabels: { app } }, topologyKey });

describe('InterPodAffinity in the kubernetes preset', () => {
  it('required anti-affinity on hostname: one replica per host, the rest pending with kube’s reason', () => {
    const scenario: ScenarioInput = {
      scheduler: { strategy: 'kubernetes' },
      hosts: [{ group: 'node', count: 2, capacity: { cpu: '8000m', memory: '16Gi' } }],
      services: {
        web: {
          replicas: 3,
          template: {
            requests: { cpu: '500m', memory: '512Mi' },
            labels: { app: 'web' },
            podAntiAffinity: { required: [term('hostname', 'web')] },
          },
        },
      },
    };
    const sim = createSimulation(scenario, { strategies, explain: ['web-2'] }).run('1s');
    const hosts = ['web-0', 'web-1'].map((n) => sim.container(n)?.host?.name);
    expect(new Set(hosts).size).toBe(2);
    expect(sim.container('web-2')?.host).toBeNull();
    const rejected = sim.events().find((e) => e.type === 'placement.rejected' && e.container === 'web-2');
    expect(rejected).toMatchObject({ reasons: { "host didn't match pod anti-affinity rules": 2 } });
    expect(formatDecision(sim.decisions('web-2')[0]!)).toContain("host didn't match pod anti-affinity rules");
  });

  it('required affinity by zone: every cache replica goes to the zone of the database', () => {
    const sim = createSimulation(
      {
        seed: 3,
        scheduler: { strategy: 'kubernetes' },
        hosts: zones(2),
        containers: [{ name: 'db', host: 'b-1', labels: { app: 'db' }, requests: { cpu: '500m', memory: '512Mi' } }],
      },
      { strategies },
    ).run('1s');
    sim.update((d) => {
      d.services.cache = {
        replicas: 4,
        template: {
          requests: { cpu: '500m', memory: '512Mi' },
          labels: { app: 'cache' },
          podAffinity: { required: [term('zone', 'db')] },
        },
      };
    });
    sim.run('2s');
    const placed = [0, 1, 2, 3].map((i) => sim.container(`cache-${i}`)?.host?.labels.zone);
    expect(placed).toEqual(['b', 'b', 'b', 'b']);
  });

  it('a replica tried before the container it needs is bound gets another try once it is', () => {
    // The services are created first, so cache-0..3 are rejected at 0 s (no app=db container yet, and
    // they do not match their own term); binding db requeues them, and they are placed after the 1 s backoff.
    const scenario: ScenarioInput = {
      scheduler: { strategy: 'kubernetes' },
      hosts: zones(2),
      containers: [
        {
          name: 'db',
          at: '500ms',
          labels: { app: 'db' },
          nodeSelector: { zone: 'c' },
          requests: { cpu: '500m', memory: '512Mi' },
        },
      ],
      services: {
        cache: {
          replicas: 2,
          template: {
            requests: { cpu: '500m', memory: '512Mi' },
            labels: { app: 'cache' },
            podAffinity: { required: [term('zone', 'db')] },
          },
        },
      },
    };
    const sim = createSimulation(scenario, { strategies }).run('2s');
    expect([0, 1].map((i) => sim.container(`cache-${i}`)?.host?.labels.zone)).toEqual(['c', 'c']);
    expect(sim.container('cache-0')?.scheduledAt).toBe(1000);
  });

  it('an existing container’s anti-affinity keeps others out of its zone (symmetry)', () => {
    const scenario: ScenarioInput = {
      scheduler: { strategy: 'kubernetes' },
      hosts: zones(1),
      containers: [
        {
          name: 'noisy',
          host: 'a-0',
          requests: { cpu: '500m', memory: '512Mi' },
          podAntiAffinity: { required: [term('zone', 'batch')] },
        },
        ...[0, 1, 2, 3].map((i) => ({
          name: `batch-${i}`,
          at: '1s',
          labels: { app: 'batch' },
          requests: { cpu: '500m', memory: '512Mi' },
        })),
      ],
    };
    const sim = createSimulation(scenario, { strategies }).run('2s');
    const zonesUsed = [0, 1, 2, 3].map((i) => sim.container(`batch-${i}`)?.host?.labels.zone);
    expect(zonesUsed).toHaveLength(4);
    expect(zonesUsed).not.toContain('a');
  });

  it('preferred anti-affinity weighs 2 in the total; explain shows its score', () => {
    // Zone a already holds a web replica; the new one prefers other zones: InterPodAffinity raw −100 in a,
    // 0 elsewhere → normalised 0 and 100, ×2.
    const scenario: ScenarioInput = {
      scheduler: { strategy: 'kubernetes' },
      hosts: zones(1),
      containers: [
        { name: 'web-old', host: 'a-0', labels: { app: 'web' }, requests: { cpu: '500m', memory: '512Mi' } },
        {
          name: 'web-new',
          at: '1s',
          labels: { app: 'web' },
          requests: { cpu: '500m', memory: '512Mi' },
          podAntiAffinity: { preferred: [{ weight: 100, term: term('zone', 'web') }] },
        },
      ],
    };
    const sim = createSimulation(scenario, { strategies, explain: ['web-new'] }).run('2s');
    const decision = sim.decisions('web-new')[0]!;
    const byHost = Object.fromEntries(decision.hosts.map((h) => [h.host, h.scores.InterPodAffinity]));
    expect(byHost['a-0']).toEqual({ raw: -100, normalized: 0, weighted: 0 });
    expect(byHost['b-0']).toEqual({ raw: 0, normalized: 100, weighted: 200 });
    expect(sim.container('web-new')?.host?.labels.zone).not.toBe('a');
  });

  it('a scenario without pod affinity terms never runs the plugin', () => {
    const scenario: ScenarioInput = {
      scheduler: { strategy: 'kubernetes' },
      hosts: zones(1),
      services: { web: { replicas: 2, template: { requests: { cpu: '500m', memory: '512Mi' } } } },
    };
    const sim = createSimulation(scenario, { strategies, explain: ['web-1'] }).run('1s');
    const decision = sim.decisions('web-1')[0]!;
    for (const h of decision.hosts) expect(h.scores).not.toHaveProperty('InterPodAffinity');
  });

  it('rejects malformed terms with the field path and what was expected', () => {
    const bad = (podAffinity: unknown) => () =>
      createSimulation(
        {
          hosts: zones(1),
          services: { web: { replicas: 1, template: { podAffinity } as never } },
        },
        { strategies },
      );
    expect(
      bad({
        required: [{ labelSelector: { matchExpressions: [{ key: 'app', operator: 'In' }] }, topologyKey: 'zone' }],
      }),
    ).toThrow(
      /operator 'In' needs at least one value\s+→ at services\.web\.template\.podAffinity\.required\[0\]\.labelSelector\.matchExpressions\[0\]\.values/,
    );
    expect(bad({ required: [{ labelSelector: {} }] })).toThrow(ConfigError);
    expect(bad({ required: [{ labelSelector: {} }] })).toThrow(/podAffinity\.required\[0\]\.topologyKey/);
    expect(bad({ preferred: [{ weight: 0, term: term('zone', 'x') }] })).toThrow(
      /expected an integer from 1 to 100, got 0\s+→ at services\.web\.template\.podAffinity\.preferred\[0\]\.weight/,
    );
    expect(
      bad({
        required: [
          { labelSelector: { matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] }, topologyKey: 'zone' },
        ],
      }),
    ).toThrow(/labelSelector\.matchExpressions\[0\]\.operator/);
  });
});
