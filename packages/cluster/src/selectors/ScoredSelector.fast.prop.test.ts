import { createRandom } from '@berth/kernel';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { Container, type ContainerSpec } from '../containers/Container.js';
import { defaultFilters } from '../filters/defaultFilters.js';
import { Host, type HostState } from '../hosts/Host.js';
import type { Taint } from '../hosts/Taint.js';
import { ResourceCatalog } from '../resources/ResourceCatalog.js';
import { containerTemplateSchema } from '../scenario/scenarioSchema.js';
import type { ClusterView } from '../scheduler/ClusterView.js';
import { Scheduler } from '../scheduler/Scheduler.js';
import type { Scorer, WeightedScorer } from '../scheduler/Scorer.js';
import {
  type CandidateSampler,
  percentageOfNodesToScore,
  randomSample,
} from '../scheduler/sampling/CandidateSampler.js';
import { balancedAllocation } from '../scorers/balancedAllocation.js';
import { balancedAllocationV136 } from '../scorers/balancedAllocationV136.js';
import { imageLocality } from '../scorers/imageLocality.js';
import { leastAllocated } from '../scorers/leastAllocated.js';
import { mostAllocated } from '../scorers/mostAllocated.js';
import { nodeAffinityScore } from '../scorers/nodeAffinityScore.js';
import { podTopologySpreadScore } from '../scorers/podTopologySpreadScore.js';
import { requestedToCapacityRatio } from '../scorers/requestedToCapacityRatio.js';
import { taintTolerationScore } from '../scorers/taintTolerationScore.js';
import { buildContainerSpec } from '../simulation/buildContainerSpec.js';
import { ClusterState } from '../simulation/ClusterState.js';
import { ScoreSlot } from './ClassScoreCache.js';
import { ScoredSelector } from './ScoredSelector.js';

// The fast scoring path (verdicts and host-local raw scores kept per request class, fused totals)
// against the straightforward one: the same selector with every filter and scorer marked not
// host-local, so that every attempt asks every filter and scorer afresh and sums the totals scorer by
// scorer. Random clusters (soft and hard taints, labels, images, hosts going not-ready and coming
// back), random scorer weights and samplers, and random runs of placements and releases drawn from a
// few templates (containers of one template share their request vectors, as a stream's do): both must
// choose the same host at every step and leave the random stream at the same point.

const resources = new ResourceCatalog();
const IMAGE_SIZES: Record<string, number> = { small: 10, app: 300, big: 1500 };
const sizeOf = (image: string) => IMAGE_SIZES[image] ?? 0;

/** The kubernetes preset's scorers, and host-local ones it may be configured with. */
const SCORERS: ReadonlyArray<() => Scorer> = [
  () => taintTolerationScore(),
  () => nodeAffinityScore(),
  () => podTopologySpreadScore(),
  () => leastAllocated(),
  () => balancedAllocation(),
  () => imageLocality(sizeOf),
  () => mostAllocated(),
  () => balancedAllocationV136(),
  () =>
    requestedToCapacityRatio([
      { utilization: 0, score: 0 },
      { utilization: 100, score: 10 },
    ]),
];

interface HostArb {
  cpu: number;
  memory: number;
  maxContainers: number;
  zone: 'a' | 'b' | null;
  taint: 'none' | 'soft' | 'hard';
  images: string[];
}
interface TemplateArb {
  cpu: number | null;
  memory: number | null;
  service: 'web' | null;
  image: string;
  preferZone: 'a' | null;
  tolerate: boolean;
}
type Step =
  | { kind: 'place'; template: number }
  | { kind: 'release'; pick: number }
  | { kind: 'state'; host: number; state: HostState };

const hostArb: fc.Arbitrary<HostArb> = fc.record({
  cpu: fc.integer({ min: 1, max: 16 }).map((n) => n * 500),
  memory: fc.integer({ min: 1, max: 16 }).map((n) => n * 1024),
  maxContainers: fc.integer({ min: 1, max: 8 }),
  zone: fc.constantFrom('a' as const, 'b' as const, null),
  taint: fc.constantFrom('none' as const, 'none' as const, 'none' as const, 'soft' as const, 'hard' as const),
  images: fc.subarray(['small', 'app', 'big']),
});
const templateArb: fc.Arbitrary<TemplateArb> = fc.record({
  cpu: fc.option(
    fc.integer({ min: 1, max: 16 }).map((n) => n * 125),
    { freq: 6 },
  ),
  memory: fc.option(
    fc.integer({ min: 1, max: 16 }).map((n) => n * 256),
    { freq: 6 },
  ),
  service: fc.constantFrom('web' as const, null, null),
  image: fc.constantFrom('small', 'small', 'app', 'big'),
  preferZone: fc.constantFrom('a' as const, null, null),
  tolerate: fc.boolean(),
});
const stepArb = (templates: number): fc.Arbitrary<Step> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('place' as const), template: fc.nat(templates - 1) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('release' as const), pick: fc.nat() }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('state' as const),
        host: fc.nat(),
        state: fc.constantFrom<HostState>('ready', 'ready', 'not-ready', 'cordoned'),
      }),
    },
  );
const weightArb = fc.constantFrom(0, 0, 1, 1, 2, 3, 0.5);
const samplerArb = fc.constantFrom('adaptive', 'rotating-3', 'random-2', 'all');

function sampler(name: string): CandidateSampler {
  if (name === 'adaptive') return percentageOfNodesToScore(0);
  if (name === 'random-2') return randomSample(2);
  if (name === 'rotating-3') return { name, order: 'rotating', count: (n) => Math.min(3, n) };
  return { name, order: 'rotating', count: (n) => n };
}

function spec(i: number, t: TemplateArb): ContainerSpec {
  // Written as a scenario would: millicores and MiB with their units.
  const requests: Record<string, string> = {};
  if (t.cpu !== null) requests.cpu = `${t.cpu}m`;
  if (t.memory !== null) requests.memory = `${t.memory}Mi`;
  const template = containerTemplateSchema.parse({
    requests,
    image: t.image,
    tolerations: t.tolerate ? [{ key: 'dedicated', operator: 'Exists' }] : [],
    affinity: {
      preferred:
        t.preferZone === null ? [] : [{ weight: 10, requirement: { key: 'zone', operator: 'In', values: ['a'] } }],
    },
  });
  return buildContainerSpec(`t${i}`, template, resources, new Map(), t.service === null ? {} : { service: t.service });
}

function buildHosts(specs: readonly HostArb[]): Host[] {
  return specs.map((s, i) => {
    const labels: Record<string, string> = {};
    if (s.zone !== null) labels.zone = s.zone;
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

/** One side of the comparison: its own hosts, books, random stream, filters and scorers. */
function side(
  hostSpecs: readonly HostArb[],
  weights: readonly number[],
  samplerName: string,
  fast: boolean,
  seed: number,
  makers: ReadonlyArray<() => Scorer> = SCORERS,
) {
  const cluster = new ClusterState(buildHosts(hostSpecs), resources, createRandom(seed).stream('scheduler'));
  const scorers: WeightedScorer[] = makers.map((make, i) => {
    const scorer = make();
    return { scorer: fast ? scorer : { ...scorer, hostLocal: false }, weight: weights[i]! };
  });
  const filters = fast ? defaultFilters() : defaultFilters().map((f) => ({ ...f, hostLocal: false }));
  const selector = new ScoredSelector('scored', scorers, sampler(samplerName));
  const scheduler = new Scheduler({ name: 'scored', filters, selector, preemption: false }, cluster);
  return { cluster, scheduler, bound: [] as Container[] };
}

/** Runs the steps on both sides; returns the host chosen at each placement (name or null), per side. */
function compare(
  hostSpecs: HostArb[],
  templates: TemplateArb[],
  steps: Step[],
  weights: number[],
  samplerName: string,
  seed: number,
  makers: ReadonlyArray<() => Scorer> = SCORERS,
): void {
  const specs = templates.map((t, i) => spec(i, t));
  const sides = [
    side(hostSpecs, weights, samplerName, true, seed, makers),
    side(hostSpecs, weights, samplerName, false, seed, makers),
  ];
  const chosen: Array<Array<string | null>> = [[], []];
  let id = 0;
  for (const step of steps) {
    id += 1;
    sides.forEach((s, k) => {
      const hosts = s.cluster.hosts;
      if (step.kind === 'place') {
        const c = new Container(id, { ...specs[step.template]!, name: `c${id}` }, 0);
        const host = s.scheduler.place(c).host;
        chosen[k]!.push(host?.name ?? null);
        if (host !== null) {
          s.cluster.bind(c, hosts[host.id]!);
          s.scheduler.hostChanged(host);
          s.bound.push(c);
        }
      } else if (step.kind === 'release') {
        if (s.bound.length === 0) return;
        const [c] = s.bound.splice(step.pick % s.bound.length, 1);
        const host = c!.host!;
        s.cluster.unbind(c!);
        s.scheduler.hostChanged(host);
      } else {
        const host = hosts[step.host % hosts.length]!;
        host.state = step.state;
        s.scheduler.hostChanged(host);
      }
    });
  }
  expect(chosen[0], `fast path (first) against straightforward (second), sampler ${samplerName}`).toEqual(chosen[1]);
  expect(sides[0]!.cluster.rng.integer(0, 1_000_000_000)).toBe(sides[1]!.cluster.rng.integer(0, 1_000_000_000));
}

/**
 * A scorer that gives every host the same raw score, one that drifts with the number of bound
 * containers: a plan (see `ScoredSelector.plan`) kept from a class's last attempt then differs from the
 * attempt's own now and then, and the totals summed during the scan must be thrown away.
 */
const drifting = (): Scorer => ({
  name: 'Drifting',
  score: (_request, _host, cluster) => drift(cluster),
  uniform: (_request, cluster) => drift(cluster),
});
/** 0, 1 or 2, moving by one for every fourth bound container. */
const drift = (cluster: ClusterView) => Math.floor(cluster.hosts.reduce((n, h) => n + h.containerCount, 0) / 4) % 3;
/** Scorers that all take the fused path (host-local without normalisation, or uniform), and the drifting one. */
const DRIFTING: ReadonlyArray<() => Scorer> = [
  () => leastAllocated(),
  drifting,
  () => balancedAllocation(),
  () => mostAllocated(),
  drifting,
];

const runArbOf = (scorers: number) =>
  fc
    .record({
      // Without taints or services: the taint and topology-spread filters are not host-local, and
      // with them every host is asked afresh and no plan is kept.
      hosts: fc.array(
        hostArb.map((h) => ({ ...h, taint: 'none' as const })),
        { minLength: 2, maxLength: 24 },
      ),
      templates: fc.array(
        templateArb.map((t) => ({ ...t, service: null })),
        { minLength: 1, maxLength: 3 },
      ),
      weights: fc.array(weightArb, { minLength: scorers, maxLength: scorers }),
      sampler: samplerArb,
      seed: fc.integer(),
    })
    .chain((r) =>
      fc.record({
        run: fc.constant(r),
        steps: fc.array(stepArb(r.templates.length), { minLength: 1, maxLength: 60 }),
      }),
    );

const runArb = fc
  .record({
    hosts: fc.array(hostArb, { minLength: 1, maxLength: 24 }),
    templates: fc.array(templateArb, { minLength: 1, maxLength: 4 }),
    weights: fc.array(weightArb, { minLength: SCORERS.length, maxLength: SCORERS.length }),
    sampler: samplerArb,
    seed: fc.integer(),
  })
  .chain((r) =>
    fc.record({
      run: fc.constant(r),
      steps: fc.array(stepArb(r.templates.length), { minLength: 1, maxLength: 60 }),
    }),
  );

describe('ScoredSelector fast path', () => {
  it('chooses the same host at every step as the straightforward scoring cycle', () => {
    fc.assert(
      fc.property(runArb, ({ run, steps }) =>
        compare(run.hosts, run.templates, steps, run.weights, run.sampler, run.seed),
      ),
      { seed: 17, numRuns: 300 },
    );
  });

  it("chooses the same host when the plan kept from a class's last attempt is stale (totals summed during the scan)", () => {
    // Count the comparisons of plans, and how many found the kept plan stale: both branches must run.
    const same = vi.spyOn(ScoreSlot.prototype, 'samePlan');
    try {
      fc.assert(
        fc.property(runArbOf(DRIFTING.length), ({ run, steps }) =>
          compare(run.hosts, run.templates, steps, run.weights, run.sampler, run.seed, DRIFTING),
        ),
        { seed: 1717, numRuns: 200 },
      );
      const outcomes = same.mock.results.map((r) => r.value as boolean);
      expect(outcomes.filter((v) => v).length, 'kept plans reused').toBeGreaterThan(100);
      expect(outcomes.filter((v) => !v).length, 'kept plans found stale').toBeGreaterThan(10);
    } finally {
      same.mockRestore();
    }
  });

  it('takes the fast path on the kubernetes preset for plain containers (and so is tested above)', () => {
    // Two identical hosts and one template: with nothing cached, a second placement asks the filters
    // again; with the fast path, the unchanged host keeps its verdict.
    const hosts: HostArb[] = [0, 1].map(() => ({
      cpu: 4000,
      memory: 8192,
      maxContainers: 8,
      zone: null,
      taint: 'none',
      images: [],
    }));
    const weights = [3, 2, 2, 1, 1, 1, 0, 0, 0];
    for (const fast of [true, false]) {
      const s = side(hosts, weights, 'all', fast, 1);
      let checks = 0;
      const original = s.scheduler.feasible.bind(s.scheduler);
      s.scheduler.feasible = (host) => {
        checks += 1;
        return original(host);
      };
      const t = spec(0, { cpu: 500, memory: 512, service: null, image: 'small', preferZone: null, tolerate: false });
      for (let i = 0; i < 3; i++) {
        const c = new Container(i, { ...t, name: `c${i}` }, 0);
        const host = s.scheduler.place(c).host!;
        s.cluster.bind(c, s.cluster.hosts[host.id]!);
        s.scheduler.hostChanged(host);
      }
      // Fast: 2 hosts asked at first, then only the host that took the container (1 + 1). Slow: 2 each time.
      expect(checks).toBe(fast ? 4 : 6);
    }
  });
});
