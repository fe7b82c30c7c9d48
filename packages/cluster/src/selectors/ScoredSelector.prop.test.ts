import { createRandom } from '@berth/kernel';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Container } from '../containers/Container.js';
import { defaultFilters } from '../filters/defaultFilters.js';
import { Host, type HostState } from '../hosts/Host.js';
import type { Taint } from '../hosts/Taint.js';
import { formatResources } from '../quantities/formatQuantity.js';
import { ResourceCatalog } from '../resources/ResourceCatalog.js';
import { containerTemplateSchema } from '../scenario/scenarioSchema.js';
import { Scheduler } from '../scheduler/Scheduler.js';
import type { WeightedScorer } from '../scheduler/Scorer.js';
import { allHosts, randomSample } from '../scheduler/sampling/CandidateSampler.js';
import { balancedAllocation } from '../scorers/balancedAllocation.js';
import { balancedAllocationV136 } from '../scorers/balancedAllocationV136.js';
import { dotProduct } from '../scorers/dotProduct.js';
import { imageLocality } from '../scorers/imageLocality.js';
import { leastAllocated } from '../scorers/leastAllocated.js';
import { mostAllocated } from '../scorers/mostAllocated.js';
import { nodeAffinityScore } from '../scorers/nodeAffinityScore.js';
import { podTopologySpreadScore } from '../scorers/podTopologySpreadScore.js';
import { strandedResources } from '../scorers/strandedResources.js';
import { taintTolerationScore } from '../scorers/taintTolerationScore.js';
import { buildContainerSpec } from '../simulation/buildContainerSpec.js';
import { ClusterState } from '../simulation/ClusterState.js';
import { ScoredSelector } from './ScoredSelector.js';

// ScoredSelector over random clusters with labels, taints, images and existing replicas, and random
// containers with selectors, tolerations, preferences and spread constraints: the host it returns
// passes every filter, and with every host sampled its total score is the highest, recomputed here
// from fresh scorer instances.

const resources = new ResourceCatalog();
const IMAGE_SIZES: Record<string, number> = { small: 10, app: 300, big: 1500 };
const sizeOf = (image: string) => IMAGE_SIZES[image] ?? 0;

const SCORERS = [
  () => taintTolerationScore(),
  () => nodeAffinityScore(),
  () => podTopologySpreadScore(),
  () => leastAllocated(),
  () => mostAllocated(),
  () => balancedAllocation(),
  () => balancedAllocationV136(),
  () => imageLocality(sizeOf),
  () => dotProduct(),
  () => strandedResources(),
];

interface HostArb {
  cpu: number;
  memory: number;
  maxContainers: number;
  state: HostState;
  zone: 'a' | 'b' | 'c' | null;
  ssd: boolean;
  taint: 'none' | 'soft' | 'hard';
  images: string[];
}
interface ReqArb {
  cpu: number | null;
  memory: number | null;
  service: 'web' | 'db' | null;
  image: string;
  ssd: boolean;
  tolerate: boolean;
  preferZone: 'a' | 'b' | null;
  spread: 'none' | 'zone' | 'hostname' | 'hard-zone';
}

const hostArb: fc.Arbitrary<HostArb> = fc.record({
  cpu: fc.integer({ min: 1, max: 16 }).map((n) => n * 500),
  memory: fc.integer({ min: 1, max: 16 }).map((n) => n * 1024),
  maxContainers: fc.integer({ min: 1, max: 8 }),
  state: fc.constantFrom<HostState>('ready', 'ready', 'ready', 'ready', 'not-ready', 'cordoned'),
  zone: fc.constantFrom('a' as const, 'b' as const, 'c' as const, null),
  ssd: fc.boolean(),
  taint: fc.constantFrom('none' as const, 'none' as const, 'soft' as const, 'hard' as const),
  images: fc.subarray(['small', 'app', 'big']),
});
const reqArb: fc.Arbitrary<ReqArb> = fc.record({
  cpu: fc.option(fc.integer({ min: 0, max: 4000 }), { freq: 5 }),
  memory: fc.option(fc.integer({ min: 0, max: 8192 }), { freq: 5 }),
  service: fc.constantFrom('web' as const, 'db' as const, null),
  image: fc.constantFrom('small', 'app', 'big', 'other'),
  ssd: fc.boolean(),
  tolerate: fc.boolean(),
  preferZone: fc.constantFrom('a' as const, 'b' as const, null),
  spread: fc.constantFrom('none' as const, 'zone' as const, 'hostname' as const, 'hard-zone' as const),
});
const weightsArb = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: SCORERS.length, maxLength: SCORERS.length });

function container(id: number, r: ReqArb): Container {
  const requests: Record<string, number> = {};
  if (r.cpu !== null) requests.cpu = r.cpu;
  if (r.memory !== null) requests.memory = r.memory;
  const spread =
    r.spread === 'none'
      ? []
      : r.spread === 'hard-zone'
        ? [{ topologyKey: 'zone', maxSkew: 1, whenUnsatisfiable: 'DoNotSchedule' }]
        : [{ topologyKey: r.spread, maxSkew: 1, whenUnsatisfiable: 'ScheduleAnyway' }];
  const template = containerTemplateSchema.parse({
    requests: formatResources(requests),
    image: r.image,
    nodeSelector: r.ssd ? { disk: 'ssd' } : {},
    tolerations: r.tolerate ? [{ key: 'dedicated', operator: 'Exists' }] : [],
    affinity: {
      preferred:
        r.preferZone === null
          ? []
          : [{ weight: 10, requirement: { key: 'zone', operator: 'In', values: [r.preferZone] } }],
    },
    spread,
  });
  const owner = r.service === null ? {} : { service: r.service };
  return new Container(id, buildContainerSpec(`c${id}`, template, resources, new Map(), owner), 0);
}

function buildHosts(specs: HostArb[]): Host[] {
  return specs.map((s, i) => {
    const labels: Record<string, string> = {};
    if (s.zone !== null) labels.zone = s.zone;
    if (s.ssd) labels.disk = 'ssd';
    const taints: Taint[] =
      s.taint === 'none' ? [] : [{ key: 'dedicated', effect: s.taint === 'soft' ? 'PreferNoSchedule' : 'NoSchedule' }];
    const h = new Host(
      i,
      `h${i}`,
      'h',
      resources.fromRecord({ cpu: s.cpu, memory: s.memory }),
      s.maxContainers,
      labels,
      taints,
      0,
    );
    for (const image of s.images) h.images.set(image, 0);
    return h;
  });
}

/** Hosts passing every default filter, checked with fresh filter instances and fresh states. */
function feasibleHosts(c: Container, cluster: ClusterState): Host[] {
  const filters = defaultFilters()
    .map((filter) => ({ filter, state: filter.createState?.() }))
    .filter(({ filter, state }) => filter.prepare === undefined || filter.prepare(c, cluster, state));
  return cluster.hosts.filter((h) => filters.every(({ filter, state }) => filter.check(c, h, cluster, state) === null));
}

/** Each feasible host's total: fresh scorers and states, prepared, scored, normalised, weighted and summed. */
function totals(c: Container, cluster: ClusterState, feasible: Host[], weights: number[]): Map<Host, number> {
  const out = new Map(feasible.map((h) => [h, 0]));
  SCORERS.forEach((make, i) => {
    const weight = weights[i]!;
    const scorer = make();
    const state = scorer.createState?.();
    if (weight === 0 || (scorer.prepare !== undefined && !scorer.prepare(c, cluster, feasible, state))) return;
    const s = Float64Array.from(feasible, (h) => scorer.score(c, h, cluster, state));
    scorer.normalize?.(s, s.length, state);
    feasible.forEach((h, k) => {
      out.set(h, out.get(h)! + weight * s[k]!);
    });
  });
  return out;
}

function run(
  specs: HostArb[],
  existing: ReqArb[],
  placements: ReqArb[],
  weights: number[],
  sampled: boolean,
  seed: number,
) {
  const hosts = buildHosts(specs);
  const cluster = new ClusterState(hosts, resources, createRandom(seed).stream('scheduler'));
  let id = 0;
  // Existing replicas: bound to the first host that fits, ignoring labels and taints, as earlier decisions may have.
  for (const r of existing) {
    const c = container(id++, r);
    const h = hosts.find(
      (x) =>
        x.state === 'ready' &&
        x.containerCount < x.maxContainers &&
        c.requests.every((v, k) => x.allocated[k]! + v <= x.capacity[k]!),
    );
    if (h !== undefined) cluster.bind(c, h);
  }
  const scorers: WeightedScorer[] = SCORERS.map((make, i) => ({ scorer: make(), weight: weights[i]! }));
  const selector = new ScoredSelector('scored', scorers, sampled ? randomSample(2) : allHosts());
  const scheduler = new Scheduler({ name: 'scored', filters: defaultFilters(), selector, preemption: false }, cluster);
  for (const r of placements) {
    const c = container(id++, r);
    const feasible = feasibleHosts(c, cluster);
    const got = scheduler.place(c).host;
    if (feasible.length === 0) {
      expect(got).toBeNull();
      continue;
    }
    expect(got).not.toBeNull();
    // Never a host a filter rejects.
    expect(feasible).toContain(got);
    if (!sampled) {
      const t = totals(c, cluster, feasible, weights);
      const best = Math.max(...t.values());
      expect(t.get(got!), `total of ${got!.name} among ${JSON.stringify([...t].map(([h, v]) => [h.name, v]))}`).toBe(
        best,
      );
    }
    cluster.bind(c, got!);
    scheduler.hostChanged(got!);
  }
}

const specsArb = fc.array(hostArb, { minLength: 1, maxLength: 10 });
const existingArb = fc.array(reqArb, { maxLength: 15 });
const placementsArb = fc.array(reqArb, { minLength: 1, maxLength: 12 });

describe('ScoredSelector', () => {
  it('with every host sampled, returns a feasible host of maximal total score', () => {
    fc.assert(
      fc.property(specsArb, existingArb, placementsArb, weightsArb, fc.integer(), (s, e, p, w, seed) =>
        run(s, e, p, w, false, seed),
      ),
      { seed: 21, numRuns: 200 },
    );
  });

  it('with a random sample of two, never returns a host a filter rejects, and finds one whenever one exists', () => {
    fc.assert(
      fc.property(specsArb, existingArb, placementsArb, weightsArb, fc.integer(), (s, e, p, w, seed) =>
        run(s, e, p, w, true, seed),
      ),
      { seed: 22, numRuns: 200 },
    );
  });
});
