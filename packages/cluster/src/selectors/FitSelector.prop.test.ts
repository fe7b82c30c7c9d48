import { createRandom } from '@berth/kernel';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Container } from '../containers/Container.js';
import { defaultFilters } from '../filters/defaultFilters.js';
import { Host, type HostState } from '../hosts/Host.js';
import { formatResources } from '../quantities/formatQuantity.js';
import { ResourceCatalog } from '../resources/ResourceCatalog.js';
import { containerTemplateSchema } from '../scenario/scenarioSchema.js';
import { Scheduler } from '../scheduler/Scheduler.js';
import { buildContainerSpec } from '../simulation/buildContainerSpec.js';
import { ClusterState } from '../simulation/ClusterState.js';
import { type FitMode, FitSelector } from './FitSelector.js';
import { MAX_LEFTOVER_SHAPES } from './LeftoverIndex.js';

// Model-based check of the indexed fit selectors against a brute-force scan of every host, over
// random clusters (random capacities or a few shared shapes, states, container limits, zone labels,
// existing allocations) and random sequences of placements, removals, host state changes and hosts
// joining mid-run.

const resources = new ResourceCatalog();
const STATES: HostState[] = ['ready', 'ready', 'ready', 'not-ready', 'cordoned', 'down'];

interface HostArb {
  cpu: number;
  memory: number;
  gpu: number;
  maxContainers: number;
  state: HostState;
  zone: 'a' | 'b' | null;
}
interface Req {
  cpu: number | null;
  memory: number | null;
  gpu: number;
  zone: 'a' | null;
}
type Op =
  | { kind: 'place'; req: Req }
  | { kind: 'remove'; pick: number }
  | { kind: 'state'; host: number; state: HostState }
  | { kind: 'add'; host: HostArb };

/** Capacities shared by many hosts, as in real fleets (several hosts of one machine type). */
const SHAPES = [
  { cpu: 2000, memory: 4096, gpu: 0 },
  { cpu: 4000, memory: 2048, gpu: 0 },
  { cpu: 4000, memory: 8192, gpu: 1 },
] as const;

const randomCapacity = fc.record({
  cpu: fc.integer({ min: 1, max: 16 }).map((n) => n * 250),
  memory: fc.integer({ min: 1, max: 32 }).map((n) => n * 256),
  gpu: fc.constantFrom(0, 0, 1, 2),
});
const hostArbOf = (capacity: fc.Arbitrary<{ cpu: number; memory: number; gpu: number }>): fc.Arbitrary<HostArb> =>
  fc
    .record({
      capacity,
      maxContainers: fc.integer({ min: 1, max: 6 }),
      state: fc.constantFrom(...STATES),
      zone: fc.constantFrom('a' as const, 'b' as const, null),
    })
    .map(({ capacity, ...rest }) => ({ ...capacity, ...rest }));
const hostArb = hostArbOf(fc.oneof(randomCapacity, fc.constantFrom(...SHAPES), fc.constantFrom(...SHAPES)));
const reqArb: fc.Arbitrary<Req> = fc.record({
  cpu: fc.option(fc.integer({ min: 0, max: 3000 }), { freq: 5 }),
  memory: fc.option(fc.integer({ min: 0, max: 6000 }), { freq: 5 }),
  gpu: fc.constantFrom(0, 0, 0, 1),
  zone: fc.constantFrom('a' as const, null, null, null),
});
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: reqArb.map((req) => ({ kind: 'place' as const, req })) },
  { weight: 2, arbitrary: fc.nat().map((pick) => ({ kind: 'remove' as const, pick })) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.nat(), fc.constantFrom(...STATES))
      .map(([host, state]) => ({ kind: 'state' as const, host, state })),
  },
  { weight: 1, arbitrary: hostArb.map((host) => ({ kind: 'add' as const, host })) },
);
const weightArb = fc.option(
  fc.record({
    cpu: fc.constantFrom(0, 0.5, 1, 2, 3),
    memory: fc.constantFrom(0, 0.5, 1, 2, 3),
    gpu: fc.constantFrom(0, 1, 5),
  }),
  { nil: undefined },
);

function container(id: number, req: Req): Container {
  const requests: Record<string, number> = { gpu: req.gpu };
  if (req.cpu !== null) requests.cpu = req.cpu;
  if (req.memory !== null) requests.memory = req.memory;
  const template = containerTemplateSchema.parse({
    requests: formatResources(requests),
    nodeSelector: req.zone === null ? {} : { zone: req.zone },
  });
  return new Container(id, buildContainerSpec(`c${id}`, template, resources, new Map(), {}), 0);
}

/** The filters' verdict, restated from their definitions: ready, a free slot, room, matching zone. */
function fits(c: Container, h: Host): boolean {
  if (h.state !== 'ready' || h.containerCount >= h.maxContainers) return false;
  for (let r = 0; r < resources.size; r++) {
    const need = c.requests[r]!;
    if (need > 0 && h.allocated[r]! + need > h.capacity[r]!) return false;
  }
  const zone = c.nodeSelector.zone;
  return zone === undefined || h.labels.zone === zone;
}

/**
 * The leftover measure restated from its definition, `Σ_r w_r · free_r / cap_r` over the resources the
 * host has, minus `Σ_r w_r · req_r / cap_r` over the requested ones, in that order (as the index
 * computes it, so that equal measures are equal to the last bit).
 */
function leftover(c: Container, h: Host, w: Float64Array): number {
  let key = 0;
  for (let r = 0; r < resources.size; r++) {
    const cap = h.capacity[r]!;
    if (cap > 0) key += (w[r]! * (cap - h.allocated[r]!)) / cap;
  }
  for (let r = 0; r < resources.size; r++) {
    const need = c.requests[r]!;
    if (need > 0) key -= (w[r]! * need) / h.capacity[r]!;
  }
  return key;
}

/** What each mode must pick, by scanning every host. */
function bruteForce(
  mode: FitMode,
  c: Container,
  hosts: readonly Host[],
  nextStart: number,
  measure: (h: Host) => number,
): Host | null {
  const feasible = hosts.filter((h) => fits(c, h));
  if (mode === 'first') return feasible[0] ?? null;
  if (mode === 'round-robin') return feasible.find((h) => h.id >= nextStart) ?? feasible[0] ?? null;
  let best: Host | null = null;
  let bestMeasure = 0;
  for (const h of feasible) {
    const m = measure(h);
    // strict comparison: among equal measures the earlier host (lower id) stays
    if (best === null || (mode === 'best' ? m < bestMeasure : m > bestMeasure)) {
      best = h;
      bestMeasure = m;
    }
  }
  return best;
}

function check(mode: FitMode, hostSpecs: HostArb[], initial: Req[], ops: Op[], weights?: Record<string, number>) {
  const makeHost = (s: HostArb, i: number) =>
    new Host(
      i,
      `h${i}`,
      'h',
      resources.fromRecord({ cpu: s.cpu, memory: s.memory, gpu: s.gpu }),
      s.maxContainers,
      s.zone === null ? {} : { zone: s.zone },
      [],
      0,
    );
  const hosts = hostSpecs.map(makeHost);
  const cluster = new ClusterState(hosts, resources, createRandom(1).stream('s'));
  const bound: Container[] = [];
  let id = 0;
  // Existing allocations, made before the selector attaches: each lands on the first ready host it fits.
  for (const req of initial) {
    const c = container(id++, req);
    const h = hosts.find((x) => fits(c, x));
    if (h === undefined) continue;
    cluster.bind(c, h);
    bound.push(c);
  }
  hostSpecs.forEach((s, i) => {
    hosts[i]!.state = s.state;
  });
  const selector = new FitSelector(`fit-${mode}`, mode, weights);
  const scheduler = new Scheduler({ name: mode, filters: defaultFilters(), selector, preemption: false }, cluster);
  const w = new Float64Array(resources.size).fill(1);
  for (const [name, v] of Object.entries(weights ?? {})) w[resources.indexOf(name)] = v;
  let nextStart = 0;

  for (const op of ops) {
    if (op.kind === 'place') {
      const c = container(id++, op.req);
      const want = bruteForce(mode, c, hosts, nextStart, (h) => leftover(c, h, w));
      const got = scheduler.place(c).host;
      expect(got?.name ?? null).toBe(want?.name ?? null);
      if (got === null) continue;
      if (mode === 'round-robin') nextStart = (got.id + 1) % hosts.length;
      cluster.bind(c, got);
      scheduler.hostChanged(got);
      bound.push(c);
    } else if (op.kind === 'remove') {
      if (bound.length === 0) continue;
      const [c] = bound.splice(op.pick % bound.length, 1);
      const h = c!.host!;
      cluster.unbind(c!);
      scheduler.hostChanged(h);
    } else if (op.kind === 'state') {
      const h = hosts[op.host % hosts.length]!;
      h.state = op.state;
      scheduler.hostChanged(h);
    } else {
      // A host joins (empty and ready, as Simulation.addHost makes it): the selector re-attaches.
      cluster.addHost(makeHost(op.host, hosts.length));
      scheduler.hostAdded();
    }
  }
}

const clusterArb = fc.array(hostArb, { minLength: 1, maxLength: 24 });
const initialArb = fc.array(reqArb, { maxLength: 12 });
const opsArb = fc.array(opArb, { minLength: 1, maxLength: 60 });

describe('FitSelector picks what a brute-force scan picks', () => {
  it('first fit: the lowest-id feasible host', () => {
    fc.assert(
      fc.property(clusterArb, initialArb, opsArb, (h, i, o) => check('first', h, i, o)),
      { seed: 11, numRuns: 150 },
    );
  });

  it('round robin: the first feasible host from after the previous choice, wrapping', () => {
    fc.assert(
      fc.property(clusterArb, initialArb, opsArb, (h, i, o) => check('round-robin', h, i, o)),
      { seed: 12, numRuns: 150 },
    );
  });

  it('best fit: the least leftover measure, ties to the lower id', () => {
    fc.assert(
      fc.property(clusterArb, initialArb, opsArb, weightArb, (h, i, o, w) => check('best', h, i, o, w)),
      { seed: 13, numRuns: 150 },
    );
  });

  it('worst fit: the greatest leftover measure, ties to the lower id', () => {
    fc.assert(
      fc.property(clusterArb, initialArb, opsArb, weightArb, (h, i, o, w) => check('worst', h, i, o, w)),
      { seed: 14, numRuns: 150 },
    );
  });

  it('best fit on more host shapes than LeftoverIndex takes (CapacityIndex bounds instead)', () => {
    // Hundreds of distinct large capacities, and a few small shared ones: those are the tightest, so
    // their ties decide.
    const wideCapacity = fc.record({
      cpu: fc.integer({ min: 64, max: 128 }).map((n) => n * 250),
      memory: fc.integer({ min: 128, max: 256 }).map((n) => n * 256),
      gpu: fc.constantFrom(0, 1, 2),
    });
    const manyShapes = fc.array(
      hostArbOf(fc.oneof(wideCapacity, wideCapacity, wideCapacity, fc.constantFrom(...SHAPES))),
      {
        minLength: MAX_LEFTOVER_SHAPES + 140,
        maxLength: MAX_LEFTOVER_SHAPES + 180,
      },
    );
    fc.assert(
      fc.property(manyShapes, initialArb, opsArb, weightArb, (h, i, o, w) => {
        fc.pre(new Set(h.map((x) => `${x.cpu},${x.memory},${x.gpu}`)).size > MAX_LEFTOVER_SHAPES);
        check('best', h, i, o, w);
      }),
      { seed: 16, numRuns: 40 },
    );
  });

  it('best and worst fit on many identical hosts: ties go to the lowest id', () => {
    const same: HostArb = { cpu: 2000, memory: 2048, gpu: 0, maxContainers: 4, state: 'ready', zone: null };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), opsArb, fc.constantFrom<FitMode>('best', 'worst'), (n, o, mode) =>
        check(
          mode,
          Array.from({ length: n }, () => same),
          [],
          o,
        ),
      ),
      { seed: 15, numRuns: 100 },
    );
  });
});
