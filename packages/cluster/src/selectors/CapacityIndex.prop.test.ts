import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Host, type HostState } from '../hosts/Host.js';
import { CapacityIndex } from './CapacityIndex.js';

// Model-based check of CapacityIndex.firstFit (and the start it remembers per request) against the
// straightforward scan, over random clusters and random sequences of placements, removals, placements
// made elsewhere (as another strategy would) and host state changes. Requests come from a pool larger
// than the memo, so entries are evicted and made again, mixed with one-off requests.

const STATES: HostState[] = ['ready', 'ready', 'ready', 'not-ready', 'down'];

interface HostSpec {
  cpu: number;
  memory: number;
  gpu: number;
  maxContainers: number;
}
type Req = readonly [number, number, number];
type Op =
  | { kind: 'first'; req: number | Req; from: number; reject: number }
  | { kind: 'elsewhere'; req: number | Req; host: number }
  | { kind: 'remove'; pick: number }
  | { kind: 'state'; host: number; state: HostState };

const hostArb: fc.Arbitrary<HostSpec> = fc.record({
  cpu: fc.integer({ min: 1, max: 16 }).map((n) => n * 500),
  memory: fc.integer({ min: 1, max: 16 }).map((n) => n * 1024),
  gpu: fc.constantFrom(0, 0, 1, 2),
  maxContainers: fc.integer({ min: 1, max: 8 }),
});
const reqArb: fc.Arbitrary<Req> = fc.tuple(
  fc.integer({ min: 0, max: 12 }).map((n) => n * 250),
  fc.integer({ min: 0, max: 12 }).map((n) => n * 512),
  fc.constantFrom(0, 0, 0, 1),
);
/** An index into the pool (20 requests, more than the memo holds) or a one-off request. */
const pickArb = fc.oneof({ weight: 4, arbitrary: fc.nat(19) }, { weight: 1, arbitrary: reqArb });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .record({ req: pickArb, from: fc.oneof(fc.constant(0), fc.nat()), reject: fc.constantFrom(0, 0, 3, 4) })
      .map((o) => ({ kind: 'first' as const, ...o })),
  },
  {
    weight: 2,
    arbitrary: fc.record({ req: pickArb, host: fc.nat() }).map((o) => ({ kind: 'elsewhere' as const, ...o })),
  },
  { weight: 3, arbitrary: fc.nat().map((pick) => ({ kind: 'remove' as const, pick })) },
  {
    weight: 1,
    arbitrary: fc
      .record({ host: fc.nat(), state: fc.constantFrom(...STATES) })
      .map((o) => ({ kind: 'state' as const, ...o })),
  },
);

/** Room on a host, restated from its definition: ready, a free slot, every requested resource free. */
function hasRoom(h: Host, req: Float64Array): boolean {
  if (h.state !== 'ready' || h.containerCount >= h.maxContainers) return false;
  for (let r = 0; r < req.length; r++) if (req[r]! > 0 && h.capacity[r]! - h.allocated[r]! < req[r]!) return false;
  return true;
}

function check(specs: HostSpec[], pool: Req[], ops: Op[]): void {
  const hosts = specs.map(
    (s, i) => new Host(i, `h${i}`, 'h', Float64Array.of(s.cpu, s.memory, s.gpu), s.maxContainers, {}, [], 0),
  );
  const index = new CapacityIndex(hosts, Float64Array.of(1, 1, 1));
  const bound: Array<{ host: Host; req: Float64Array }> = [];
  const toVector = (req: number | Req) => Float64Array.from(typeof req === 'number' ? pool[req % pool.length]! : req);
  const zeros = new Float64Array(3);
  const bind = (host: Host, req: Float64Array) => {
    host.bind(req, req, undefined);
    index.update(host);
    bound.push({ host, req });
  };
  for (const op of ops) {
    if (op.kind === 'first') {
      const req = toVector(op.req);
      const from = op.from % hosts.length;
      // Some hosts fail the other filters (taints, affinity...): the index must offer the next one.
      const accept = (h: Host) => op.reject === 0 || h.id % op.reject !== 0;
      const want = hosts.find((h) => h.id >= from && hasRoom(h, req) && accept(h))?.id ?? -1;
      expect(index.firstFit(req, from, accept as (h: unknown) => boolean)).toBe(want);
      if (want >= 0) bind(hosts[want]!, req);
    } else if (op.kind === 'elsewhere') {
      const host = hosts[op.host % hosts.length]!;
      const req = toVector(op.req);
      if (hasRoom(host, req)) bind(host, req);
    } else if (op.kind === 'remove') {
      if (bound.length === 0) continue;
      const [{ host, req }] = bound.splice(op.pick % bound.length, 1) as [{ host: Host; req: Float64Array }];
      host.unbind(req, req, undefined);
      index.update(host);
    } else {
      const host = hosts[op.host % hosts.length]!;
      host.state = op.state;
      index.update(host);
    }
  }
  // Untouched by the sequence: a request of nothing goes to the first ready host with a free slot.
  expect(index.firstFit(zeros, 0, () => true)).toBe(hosts.find((h) => hasRoom(h, zeros))?.id ?? -1);
}

describe('CapacityIndex.firstFit picks what a scan picks', () => {
  it('on random clusters and random placements, removals and state changes', () => {
    fc.assert(
      fc.property(
        fc.array(hostArb, { minLength: 1, maxLength: 40 }),
        fc.array(reqArb, { minLength: 20, maxLength: 20 }),
        fc.array(opArb, { minLength: 1, maxLength: 150 }),
        check,
      ),
      { seed: 17, numRuns: 300 },
    );
  });

  it('on a few host shapes and a few request shapes, where the memo is reused the most', () => {
    const shapes: HostSpec[] = [
      { cpu: 4000, memory: 4096, gpu: 0, maxContainers: 8 },
      { cpu: 2000, memory: 8192, gpu: 0, maxContainers: 8 },
      { cpu: 8000, memory: 16_384, gpu: 1, maxContainers: 4 },
    ];
    const few = fc.constantFrom<Req>([250, 512, 0], [1000, 1024, 0], [2000, 512, 0], [500, 4096, 0], [1000, 1024, 1]);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...shapes), { minLength: 1, maxLength: 60 }),
        fc.array(few, { minLength: 20, maxLength: 20 }),
        fc.array(opArb, { minLength: 1, maxLength: 200 }),
        check,
      ),
      { seed: 18, numRuns: 200 },
    );
  });
});
