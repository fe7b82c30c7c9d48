import { createRandom } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import { Container } from '../containers/Container.js';
import { Host, type HostView } from '../hosts/Host.js';
import { ResourceCatalog } from '../resources/ResourceCatalog.js';
import { type ContainerTemplate, containerTemplateSchema } from '../scenario/scenarioSchema.js';
import { buildContainerSpec } from '../simulation/buildContainerSpec.js';
import { ClusterState } from '../simulation/ClusterState.js';
import { type PodTopologySpreadScoreOptions, podTopologySpreadScore } from './podTopologySpreadScore.js';

const resources = new ResourceCatalog();

interface HostSpec {
  readonly labels: Record<string, string>;
  /** Containers of service `web` already bound there. */
  readonly web: number;
}

/**
 * Raw and normalised scores of a `web` container described by `template` on `score` (host ids, all by
 * default), or null when the scorer skips it. `candidates` (host ids) is passed to prepare when given.
 */
function run(
  hosts: HostSpec[],
  template: Partial<Record<keyof ContainerTemplate, unknown>> = {},
  opts: { options?: PodTopologySpreadScoreOptions; candidates?: number[]; service?: string | undefined } = {},
): { raw: number[]; normalized: number[] } | null {
  const all = hosts.map(
    (h, i) => new Host(i, `h${i}`, 'h', resources.fromRecord({ cpu: 100_000, memory: 100_000 }), 110, h.labels, [], 0),
  );
  const cluster = new ClusterState(all, resources, createRandom(1).stream('s'));
  let id = 1;
  hosts.forEach((h, i) => {
    for (let k = 0; k < h.web; k++) {
      const spec = buildContainerSpec(`web-${id}`, containerTemplateSchema.parse({}), resources, new Map(), {
        service: 'web',
      });
      cluster.bind(new Container(id++, spec, 0), all[i]!);
    }
  });
  const service = 'service' in opts ? opts.service : 'web';
  const spec = buildContainerSpec('p', containerTemplateSchema.parse(template), resources, new Map(), { service });
  const pod = new Container(0, spec, 0);
  const scorer = podTopologySpreadScore(opts.options);
  const candidates: HostView[] = (opts.candidates ?? all.map((_, i) => i)).map((i) => all[i]!);
  const state = scorer.createState!();
  if (!scorer.prepare!(pod, cluster, opts.candidates === undefined ? undefined : candidates, state)) return null;
  const s = Float64Array.from(candidates, (h) => scorer.score(pod, h, cluster, state));
  const raw = Array.from(s);
  scorer.normalize!(s, s.length, state);
  return { raw, normalized: Array.from(s) };
}

const anyway = (topologyKey: string, maxSkew = 1) => ({ topologyKey, maxSkew, whenUnsatisfiable: 'ScheduleAnyway' });

describe('PodTopologySpread score', () => {
  it('system defaults: hostname (maxSkew 3) and zone (maxSkew 5)', () => {
    // h0 a:2, h1 a:1, h2 b:0, h3 b:0. Weights: hostname ln(4 + 2) = 1.7918, zone (2 domains) ln(2 + 2) = 1.3863.
    // zone counts a = 3, b = 0.
    // h0: 2·1.7918 + 2 + 3·1.3863 + 4 = 13.742 → 14;  h1: 1.7918 + 2 + 4.1589 + 4 = 11.951 → 12;  h2, h3: 2 + 4 = 6
    // normalised, max 14, min 6: h0 100·(20 − 14)/14 = 42.9 → 42; h1 100·8/14 = 57.1 → 57; h2, h3 100·14/14 = 100
    const got = run([
      { labels: { zone: 'a' }, web: 2 },
      { labels: { zone: 'a' }, web: 1 },
      { labels: { zone: 'b' }, web: 0 },
      { labels: { zone: 'b' }, web: 0 },
    ]);
    expect(got).toEqual({ raw: [14, 12, 6, 6], normalized: [42, 57, 100, 100] });
  });

  it('system defaults: a host without a zone label is scored on hostname and adds the "" domain', () => {
    // h0 a:1, h1 (no zone):0, h2 a:0. Weights: hostname ln(3 + 2) = 1.6094; zone domains {a, ""} → ln 4 = 1.3863.
    // h0: 1.6094 + 2 + 1·1.3863 + 4 = 8.996 → 9;  h1: 0 + 2 (hostname only) = 2;  h2: 2 + 1.3863 + 4 = 7.386 → 7
    // max 9, min 2: h0 100·(11 − 9)/9 = 22.2 → 22; h1 100·9/9 = 100; h2 100·4/9 = 44.4 → 44
    const got = run([
      { labels: { zone: 'a' }, web: 1 },
      { labels: {}, web: 0 },
      { labels: { zone: 'a' }, web: 0 },
    ]);
    expect(got).toEqual({ raw: [9, 2, 7], normalized: [22, 100, 44] });
  });

  it('explicit ScheduleAnyway constraints ignore hosts without the label (raw −1, score 0)', () => {
    // {zone, maxSkew 1}: h2 ignored; domains {a, b} → ln 4 = 1.3863.
    // h0 a:2 → 2·1.3863 + 0 = 2.77 → 3;  h1 b:0 → 0;  h2 → −1
    // max 3, min 0: h0 100·(3 − 3)/3 = 0; h1 100·3/3 = 100; h2 0
    const got = run(
      [
        { labels: { zone: 'a' }, web: 2 },
        { labels: { zone: 'b' }, web: 0 },
        { labels: {}, web: 0 },
      ],
      { spread: [anyway('zone')] },
    );
    expect(got).toEqual({ raw: [3, 0, -1], normalized: [0, 100, 0] });
  });

  it('all raw scores 0 → every scored host gets 100', () => {
    // {zone, maxSkew 1}, no replicas: raw 0 everywhere except the ignored host
    const got = run(
      [
        { labels: { zone: 'a' }, web: 0 },
        { labels: { zone: 'b' }, web: 0 },
        { labels: {}, web: 0 },
      ],
      { spread: [anyway('zone')] },
    );
    expect(got).toEqual({ raw: [0, 0, -1], normalized: [100, 100, 0] });
  });

  it('adds maxSkew − 1 to water down small differences', () => {
    // {hostname, maxSkew 4}: ln(2 + 2) = 1.3863; h0 1 replica: 1.3863 + 3 = 4.39 → 4; h1: 3
    // max 4, min 3: h0 100·(7 − 4)/4 = 75; h1 100·4/4 = 100
    const got = run(
      [
        { labels: {}, web: 1 },
        { labels: {}, web: 0 },
      ],
      { spread: [anyway('hostname', 4)] },
    );
    expect(got).toEqual({ raw: [4, 3], normalized: [75, 100] });
  });

  it("counts only hosts matching the container's node selector (nodeAffinityPolicy Honor)", () => {
    // disk=ssd selects h0 (a:0) and h2 (b:1); h1 (a, no disk) holds 3 replicas that do not count.
    // Candidates h0, h2 → zone domains {a, b} → ln 4. h0: 0 → 0; h2: 1·1.3863 → 1.
    // max 1, min 0: h0 100·(1 − 0)/1 = 100; h2 100·(1 − 1)/1 = 0
    const got = run(
      [
        { labels: { zone: 'a', disk: 'ssd' }, web: 0 },
        { labels: { zone: 'a' }, web: 3 },
        { labels: { zone: 'b', disk: 'ssd' }, web: 1 },
      ],
      { spread: [anyway('zone')], nodeSelector: { disk: 'ssd' } },
      { candidates: [0, 2] },
    );
    expect(got).toEqual({ raw: [0, 1], normalized: [100, 0] });
  });

  it('sizes the weights from the candidates when prepare is given them', () => {
    // As the first case, candidates h0 and h2 only: hostname ln(2 + 2) = 1.3863; zone {a, b} → ln 4 = 1.3863.
    // h0: 2·1.3863 + 2 + 3·1.3863 + 4 = 12.93 → 13; h2: 6. max 13, min 6: h0 100·(19 − 13)/13 = 46.2 → 46; h2 100
    // (without candidates the hostname weight would be ln 6 and h0 would score 42.)
    const hosts = [
      { labels: { zone: 'a' }, web: 2 },
      { labels: { zone: 'a' }, web: 1 },
      { labels: { zone: 'b' }, web: 0 },
      { labels: { zone: 'b' }, web: 0 },
    ];
    expect(run(hosts, {}, { candidates: [0, 2] })).toEqual({ raw: [13, 6], normalized: [46, 100] });
  });

  it('honours a custom zone key and custom default constraints', () => {
    // zoneKey 'rack': as the first case with the label renamed → same scores
    const hosts = [
      { labels: { rack: 'a' }, web: 2 },
      { labels: { rack: 'a' }, web: 1 },
      { labels: { rack: 'b' }, web: 0 },
      { labels: { rack: 'b' }, web: 0 },
    ];
    expect(run(hosts, {}, { options: { zoneKey: 'rack' } })?.normalized).toEqual([42, 57, 100, 100]);
    // defaultConstraints [{rack, 1}] are not system defaults, so they require the label like explicit ones:
    // ln 4 · (3, 3, 0, 0) = 4.16 → 4, 4, 0, 0 → 100·(4 − 4)/4 = 0, 0, 100, 100
    const custom = { defaultConstraints: [{ topologyKey: 'rack', maxSkew: 1, whenUnsatisfiable: 'ScheduleAnyway' }] };
    expect(run(hosts, {}, { options: custom as PodTopologySpreadScoreOptions })).toEqual({
      raw: [4, 4, 0, 0],
      normalized: [0, 0, 100, 100],
    });
  });

  it.each([
    { row: 'a container outside any service', template: {}, opts: { service: undefined } },
    {
      row: 'only DoNotSchedule constraints (no defaults then)',
      template: { spread: [{ topologyKey: 'zone', maxSkew: 1, whenUnsatisfiable: 'DoNotSchedule' }] },
      opts: {},
    },
    { row: 'defaulting turned off', template: {}, opts: { options: { defaultConstraints: [] } } },
  ])('skips $row', ({ template, opts }) => {
    expect(run([{ labels: { zone: 'a' }, web: 1 }], template, opts)).toBeNull();
  });

  it('rejects a bad zone key or maxSkew', () => {
    expect(() => podTopologySpreadScore({ zoneKey: '' })).toThrow(/zoneKey/);
    expect(() =>
      podTopologySpreadScore({
        defaultConstraints: [{ topologyKey: 'zone', maxSkew: 0, whenUnsatisfiable: 'ScheduleAnyway' }],
      }),
    ).toThrow(/defaultConstraints\[0\]\.maxSkew/);
  });
});
