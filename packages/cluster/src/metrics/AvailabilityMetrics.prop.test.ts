import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClusterEvent } from '../events/ClusterEvent.js';
import { NODE_HEALTH_PRESETS } from '../health/NodeLifecycle.js';
import { createSimulation, type Simulation } from '../simulation/Simulation.js';
import { collectAvailability } from './AvailabilityMetrics.js';

type Op =
  | { readonly kind: 'crash'; readonly host: number; readonly recoverAfter: number | null }
  | { readonly kind: 'partition'; readonly host: number; readonly healAfter: number | null }
  | { readonly kind: 'crashContainer'; readonly pick: number }
  | { readonly kind: 'unready'; readonly pick: number; readonly duration: number }
  | { readonly kind: 'scale'; readonly service: number; readonly replicas: number }
  | { readonly kind: 'rollout'; readonly service: number; readonly version: number };

const HOSTS = ['a-0', 'a-1', 'b-0', 'b-1'];
const SERVICES = ['web', 'api'];
const HORIZON = 1_800_000;

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('crash' as const),
    host: fc.nat(3),
    recoverAfter: fc.option(fc.integer({ min: 0, max: 600_000 })),
  }),
  fc.record({
    kind: fc.constant('partition' as const),
    host: fc.nat(3),
    healAfter: fc.option(fc.integer({ min: 0, max: 600_000 })),
  }),
  fc.record({ kind: fc.constant('crashContainer' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('unready' as const), pick: fc.nat(), duration: fc.integer({ min: 1, max: 120_000 }) }),
  fc.record({ kind: fc.constant('scale' as const), service: fc.nat(1), replicas: fc.nat(5) }),
  fc.record({ kind: fc.constant('rollout' as const), service: fc.nat(1), version: fc.nat(3) }),
);

function apply(sim: Simulation, op: Op): void {
  const alive = [...sim.allContainers()].filter((c) => c.health.alive && c.phase === 'running');
  switch (op.kind) {
    case 'crash':
      sim.crashHost(HOSTS[op.host]!, op.recoverAfter === null ? undefined : { recoverAfter: op.recoverAfter });
      return;
    case 'partition':
      sim.partitionHost(HOSTS[op.host]!, op.healAfter === null ? undefined : { healAfter: op.healAfter });
      return;
    case 'crashContainer':
      if (alive.length > 0) sim.crashContainer(alive[op.pick % alive.length]!.name);
      return;
    case 'unready':
      if (alive.length > 0) sim.failReadiness(alive[op.pick % alive.length]!.name, op.duration);
      return;
    case 'scale':
      sim.update((d) => {
        d.services[SERVICES[op.service]!]!.replicas = op.replicas;
      });
      return;
    case 'rollout':
      sim.update((d) => {
        const service = d.services[SERVICES[op.service]!]!;
        service.template = { ...service.template, image: `v${op.version}` };
      });
  }
}

/**
 * The service figures recomputed from the whole event log, the slow way: after every event, every
 * replica's state is scanned to count the available ones.
 */
function replay(events: readonly ClusterEvent[], desiredAt: ReadonlyArray<readonly [number, Record<string, number>]>) {
  const owner = new Map<string, string>();
  const state = new Map<string, { ready: boolean; lost: boolean; done: boolean; stopping: boolean; ran: boolean }>();
  const out = new Map<
    string,
    {
      full: number;
      any: number;
      fraction: number;
      recover: number[];
      detect: number[];
      since: number | null;
      lost: number;
      evicted: number;
      restarts: number;
    }
  >();
  for (const s of SERVICES) {
    out.set(s, {
      full: 0,
      any: 0,
      fraction: 0,
      recover: [],
      detect: [],
      since: null,
      lost: 0,
      evicted: 0,
      restarts: 0,
    });
  }
  const lostAt = new Map<string, number>();
  const count = (service: string) => {
    let a = 0;
    for (const [name, s] of state) if (owner.get(name) === service && s.ready && !s.lost && !s.done) a += 1;
    return a;
  };
  // The desired counts as each `desired.changed` left them, in log order.
  let changes = 0;
  let current = desiredAt[0]![1];
  const desired = (service: string) => current[service] ?? 0;
  let last = 0;
  const integrate = (to: number) => {
    for (const s of SERVICES) {
      const a = count(s);
      const d = desired(s);
      const o = out.get(s)!;
      const dt = to - last;
      if (a >= d) o.full += dt;
      if (a >= 1 || d === 0) o.any += dt;
      o.fraction += d === 0 ? dt : (Math.min(a, d) / d) * dt;
    }
    last = to;
  };
  for (const e of events) {
    integrate(e.at);
    if (e.type === 'desired.changed') {
      changes += 1;
      current = desiredAt[changes]![1];
    }
    const name = 'container' in e ? e.container : '';
    const service = e.type === 'container.created' ? e.service : owner.get(name);
    const before = service === undefined ? 0 : count(service);
    if (e.type === 'container.created' && e.service !== undefined) {
      owner.set(name, e.service);
      state.set(name, { ready: false, lost: false, done: false, stopping: false, ran: false });
    }
    const s = state.get(name);
    const o = service === undefined ? undefined : out.get(service);
    if (e.type === 'container.lost' && o !== undefined) o.lost += 1;
    if (s !== undefined && !s.done && o !== undefined) {
      if (e.type === 'container.ready') s.ready = true;
      if (e.type === 'container.unready') {
        if (s.ready && lostAt.has(name)) o.detect.push(e.at - lostAt.get(name)!);
        lostAt.delete(name);
        s.ready = false;
      }
      if (e.type === 'container.lost') {
        if (s.ready && !s.lost) lostAt.set(name, e.at);
        s.lost = true;
      }
      if (e.type === 'container.running') {
        if (s.ran) o.restarts += 1;
        s.ran = true;
        s.lost = false;
        lostAt.delete(name);
      }
      if (e.type === 'container.terminating') s.stopping = true;
      if (e.type === 'container.evicted') o.evicted += 1;
      if (e.type === 'container.evicted' || e.type === 'container.failed' || e.type === 'container.succeeded') {
        s.done = true;
      }
    }
    for (const svc of SERVICES) {
      const out1 = out.get(svc)!;
      const a = count(svc);
      const d = desired(svc);
      const dropped = svc === service && a < before && s !== undefined && !s.stopping;
      if (dropped && out1.since === null && a < d) out1.since = e.at;
      if (out1.since !== null && a >= d) {
        out1.recover.push(e.at - out1.since);
        out1.since = null;
      }
    }
  }
  integrate(HORIZON);
  return out;
}

describe('AvailabilityMetrics', () => {
  it('agrees with a brute-force replay of the event log under random faults and scaling', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: HORIZON - 1 }), opArb), { maxLength: 12 }),
        fc.constantFrom('kubernetes', 'swarm', 'nomad'),
        fc.integer({ min: 0, max: 20_000 }),
        (ops, health, startup) => {
          const sim = createSimulation(
            {
              seed: 7,
              scheduler: { strategy: 'first-fit' },
              hosts: [
                { group: 'a', count: 2, capacity: { cpu: '2', memory: '4Gi' } },
                { group: 'b', count: 2, capacity: { cpu: '2', memory: '4Gi' } },
              ],
              services: {
                web: { replicas: 3, template: { requests: { cpu: '500m', memory: '512Mi' }, startup } },
                api: { replicas: 2, template: { requests: { cpu: '1', memory: '1Gi' }, startup: '5s' } },
              },
            },
            { nodeHealth: NODE_HEALTH_PRESETS[health] },
          );
          const metrics = collectAvailability(sim);
          const desiredAt: Array<readonly [number, Record<string, number>]> = [[0, { web: 3, api: 2 }]];
          sim.log.subscribe((e) => {
            if (e.type !== 'desired.changed') return;
            const values: Record<string, number> = {};
            for (const s of SERVICES) values[s] = sim.desired.services[s]!.replicas;
            desiredAt.push([e.at, values]);
          });
          for (const [at, op] of ops) sim.env.schedule(at, () => apply(sim, op));
          sim.run(HORIZON);
          const report = metrics.report();
          const expected = replay(sim.events(), desiredAt);
          for (const name of SERVICES) {
            const got = report.services[name]!;
            const want = expected.get(name)!;
            expect(got.full! * HORIZON).toBeCloseTo(want.full, 3);
            expect(got.any! * HORIZON).toBeCloseTo(want.any, 3);
            expect(got.replicaFraction! * HORIZON).toBeCloseTo(want.fraction, 3);
            expect(got.timeToRecover.total).toBe(want.recover.reduce((x, y) => x + y, 0));
            expect(got.timeToRecover.count).toBe(want.recover.length);
            expect(got.degradedSince).toBe(want.since);
            expect(got.timeToDetect.count).toBe(want.detect.length);
            expect(got.timeToDetect.total).toBe(want.detect.reduce((x, y) => x + y, 0));
            expect({ lost: got.lost, evicted: got.evicted, restarts: got.restarts }).toEqual({
              lost: want.lost,
              evicted: want.evicted,
              restarts: want.restarts,
            });
            expect(got.full!).toBeLessThanOrEqual(got.replicaFraction! + 1e-12);
            expect(got.replicaFraction!).toBeLessThanOrEqual(got.any! + 1e-12);
          }
        },
      ),
      { seed: 20240612, numRuns: 60 },
    );
  });
});
