import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isFinished } from '../src/containers/Container.js';
import type { ClusterEvent } from '../src/events/ClusterEvent.js';
import type { ContainerTemplateInput, ScenarioInput } from '../src/scenario/scenarioSchema.js';
import { createSimulation, type Simulation } from '../src/simulation/Simulation.js';
import { STRATEGIES } from '../src/strategies/strategyCatalog.js';

// Whole simulations on random clusters and workloads, with host crashes and cordons, checked after
// every cluster event. Quantities are written with units ('500m', '256Mi'); times are plain ms.

const HORIZON = 15 * 60_000;
const NAMES = Object.keys(STRATEGIES);

const templateArb = (long: boolean): fc.Arbitrary<ContainerTemplateInput> =>
  fc
    .record({
      cpu: fc.option(
        fc.integer({ min: 0, max: 20 }).map((n) => `${n * 100}m`),
        { nil: undefined },
      ),
      memory: fc.option(
        fc.integer({ min: 0, max: 16 }).map((n) => `${n * 256}Mi`),
        { nil: undefined },
      ),
      gpu: fc.option(fc.constant(1), { nil: undefined, freq: 8 }),
      priority: fc.integer({ min: 0, max: 3 }),
      image: fc.constantFrom('small', 'big'),
      startup: fc.integer({ min: 0, max: 10_000 }),
      duration: long
        ? fc.option(fc.integer({ min: 1_000, max: 600_000 }), { nil: undefined, freq: 2 })
        : fc.integer({ min: 1_000, max: 300_000 }),
      tolerateGpu: fc.boolean(),
      zone: fc.option(fc.constantFrom('a', 'b'), { nil: undefined, freq: 5 }),
      antiAffinity: fc.option(fc.constantFrom('hostname', 'zone'), { nil: undefined, freq: 5 }),
      spread: fc.boolean(),
    })
    .map((t) => {
      const requests: Record<string, number | string> = {};
      if (t.cpu !== undefined) requests.cpu = t.cpu;
      if (t.memory !== undefined) requests.memory = t.memory;
      if (t.gpu !== undefined) requests.gpu = t.gpu;
      return {
        requests,
        priority: t.priority,
        image: t.image,
        startup: t.startup,
        ...(t.duration === undefined ? {} : { duration: t.duration }),
        tolerations: t.tolerateGpu ? [{ key: 'gpu', operator: 'Exists' as const }] : [],
        ...(t.zone === undefined ? {} : { nodeSelector: { zone: t.zone } }),
        ...(t.antiAffinity === undefined ? {} : { antiAffinity: t.antiAffinity }),
        spread: t.spread ? [{ topologyKey: 'zone', maxSkew: 1 }] : [],
      };
    });

const hostGroupArb = fc.record({
  count: fc.integer({ min: 1, max: 4 }),
  cpu: fc.integer({ min: 1, max: 16 }).map((n) => `${n * 500}m`),
  memory: fc.integer({ min: 1, max: 16 }).map((n) => `${n}Gi`),
  gpu: fc.boolean(),
  zone: fc.constantFrom('a', 'b', 'c'),
  maxContainers: fc.integer({ min: 2, max: 20 }),
});

/** A fault applied between steps: crash a host (it recovers later) or cordon it for a while. */
interface Fault {
  readonly at: number;
  readonly host: number;
  readonly kind: 'crash' | 'cordon';
  readonly lasts: number;
}

interface Case {
  readonly scenario: ScenarioInput;
  readonly faults: readonly Fault[];
}

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    seed: fc.integer({ min: 0, max: 1_000_000 }),
    strategy: fc.constantFrom(...NAMES),
    queue: fc.constantFrom('priority' as const, 'fifo' as const, 'drf' as const),
    preemption: fc.boolean(),
    groups: fc.array(hostGroupArb, { minLength: 1, maxLength: 3 }),
    services: fc.array(fc.record({ replicas: fc.integer({ min: 0, max: 5 }), template: templateArb(true) }), {
      maxLength: 3,
    }),
    jobs: fc.array(
      fc.record({
        submitAt: fc.integer({ min: 0, max: 120_000 }),
        tasks: fc.array(
          fc
            .tuple(templateArb(false), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 60_000 }))
            .map(([t, count, at]) => ({ ...t, count, at })),
          { minLength: 1, maxLength: 2 },
        ),
      }),
      { maxLength: 2 },
    ),
    standalone: fc.array(
      fc.tuple(templateArb(false), fc.integer({ min: 0, max: 300_000 }), fc.option(fc.nat(), { nil: undefined })),
      { maxLength: 3 },
    ),
    faults: fc.array(
      fc.record({
        at: fc.integer({ min: 0, max: HORIZON }),
        host: fc.nat(),
        kind: fc.constantFrom('crash' as const, 'cordon' as const),
        lasts: fc.integer({ min: 1_000, max: 400_000 }),
      }),
      { maxLength: 3 },
    ),
  })
  .map((r) => {
    const hostNames = r.groups.flatMap((g, i) => Array.from({ length: g.count }, (_, j) => `g${i}-${j}`));
    const scenario: ScenarioInput = {
      seed: r.seed,
      scheduler: { strategy: r.strategy, queue: r.queue, preemption: r.preemption },
      hosts: r.groups.map((g, i) => ({
        group: `g${i}`,
        count: g.count,
        capacity: g.gpu ? { cpu: g.cpu, memory: g.memory, gpu: 2 } : { cpu: g.cpu, memory: g.memory },
        maxContainers: g.maxContainers,
        labels: { zone: g.zone },
        taints: g.gpu ? [{ key: 'gpu', effect: 'NoSchedule' as const }] : [],
      })),
      images: { small: { pullTime: 2_000 }, big: { pullTime: 30_000, size: '900Mi' } },
      services: Object.fromEntries(r.services.map((s, i) => [`s${i}`, s])),
      jobs: Object.fromEntries(r.jobs.map((j, i) => [`j${i}`, j])),
      containers: r.standalone.map(([t, at, pin], i) => ({
        ...t,
        name: `c${i}`,
        at,
        ...(pin === undefined ? {} : { host: hostNames[pin % hostNames.length]! }),
      })),
    };
    const faults = r.faults
      .map((f) => ({ ...f, host: f.host % hostNames.length }))
      .sort((a, b) => a.at - b.at || a.host - b.host);
    return { scenario, faults };
  });

/**
 * Steps a simulation to HORIZON one agenda entry at a time, applying faults as simulated time passes
 * them. Returns a function that takes one step and says whether there is more to do, so that two
 * simulations can be interleaved.
 */
function driver(sim: Simulation, faults: readonly Fault[]): () => boolean {
  const hosts = [...sim.cluster.hosts];
  const pending = faults.flatMap((f): Array<{ at: number; act: () => void }> => {
    const name = hosts[f.host]!.name;
    if (f.kind === 'crash') return [{ at: f.at, act: () => sim.crashHost(name, { recoverAfter: f.lasts }) }];
    return [
      { at: f.at, act: () => sim.setHostState(name, 'cordoned') },
      {
        at: f.at + f.lasts,
        act: () => {
          if (sim.cluster.hostsByName.get(name)!.state === 'cordoned') sim.setHostState(name, 'ready');
        },
      },
    ];
  });
  pending.sort((a, b) => a.at - b.at);
  let next = 0;
  return () => {
    const upcoming = Math.min(sim.env.peek(), HORIZON);
    while (next < pending.length && pending[next]!.at <= upcoming) pending[next++]!.act();
    if (sim.env.peek() >= HORIZON) return false;
    sim.step();
    return true;
  };
}

function runAlone(c: Case, explain = false): ClusterEvent[] {
  const sim = createSimulation(c.scenario, explain ? { explain: 'all' } : {});
  const step = driver(sim, c.faults);
  while (step()) {}
  return sim.events();
}

/** Every invariant that must hold between any two cluster events. */
function checkInvariants(sim: Simulation, event: ClusterEvent, created: number): void {
  const where = `after event ${sim.log.size} (${event.type} at ${event.at} ms)`;
  const boundTo = new Map<string, string>();
  for (const host of sim.cluster.hosts) {
    const bound = sim.cluster.containersOn(host);
    if (host.containerCount !== bound.size || bound.size > host.maxContainers) {
      throw new Error(
        `${where}: ${host.name} holds ${bound.size} containers, counts ${host.containerCount}, max ${host.maxContainers}`,
      );
    }
    for (let r = 0; r < host.capacity.length; r++) {
      let sum = 0;
      for (const c of bound) sum += c.requests[r]!;
      if (Math.abs(sum - host.allocated[r]!) > 1e-6 || host.allocated[r]! > host.capacity[r]! + 1e-6) {
        throw new Error(
          `${where}: ${host.name} resource ${sim.resources.names[r]}: allocated ${host.allocated[r]} (containers ${sum}) of ${host.capacity[r]}`,
        );
      }
    }
    for (const c of bound) {
      const other = boundTo.get(c.name);
      if (other !== undefined) throw new Error(`${where}: ${c.name} is bound to ${other} and ${host.name}`);
      boundTo.set(c.name, host.name);
      // Known: a container that completes or is evicted is marked finished and announced unready
      // before its host releases it (Simulation.complete and evict call kubelet.stopped before release).
      const ending = event.type === 'container.unready' && event.container === c.name;
      if (c.host !== host || (isFinished(c.phase) && !ending) || c.phase === 'pending') {
        throw new Error(`${where}: ${c.name} (${c.phase}) is in the books of ${host.name} but says ${c.host?.name}`);
      }
    }
  }
  let pending = 0;
  let placed = 0;
  let finished = 0;
  for (const c of sim.allContainers()) {
    if (c.phase === 'pending') pending++;
    else if (isFinished(c.phase)) finished++;
    else {
      placed++;
      if (!boundTo.has(c.name)) throw new Error(`${where}: ${c.name} is ${c.phase} but bound to no host`);
    }
  }
  if (pending + placed + finished !== created) {
    throw new Error(`${where}: ${created} created but ${pending} pending + ${placed} placed + ${finished} finished`);
  }
  if (event.type === 'container.scheduled') {
    const host = sim.cluster.hostsByName.get(event.host)!;
    // A pinned container (Kubernetes' nodeName) bypasses the scheduler and so the host's state, as a
    // pod with nodeName does in Kubernetes; only the scheduler's choices must be ready hosts.
    const pinned = sim.container(event.container)!.spec.pinnedHost !== undefined;
    if (host.state !== 'ready' && !pinned) {
      throw new Error(`${where}: ${event.container} bound to ${event.host}, which is ${host.state}`);
    }
  }
}

describe('a whole simulation', () => {
  it('keeps every host within capacity, binds each container once and only to ready hosts, and never picks a rejected host', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const sim = createSimulation(c.scenario, { explain: 'all' });
        // Replicas are created by the constructor, before anyone can subscribe: count from the log.
        const stop = sim.log.subscribe((event) => checkInvariants(sim, event, sim.log.count('container.created')));
        const step = driver(sim, c.faults);
        while (step()) {}
        stop();
        const pinned = new Set((c.scenario.containers ?? []).filter((s) => s.host !== undefined).map((s) => s.name));
        for (const event of sim.events()) {
          if (event.type !== 'container.scheduled' || pinned.has(event.container)) continue;
          // The attempt that placed the container chose this host, and no filter had rejected it.
          const decision = sim.decisions(event.container).findLast((d) => d.at === event.at && d.winner !== null);
          expect(decision?.winner, `${event.container} at ${event.at}`).toBe(event.host);
          if (decision!.preempted.length > 0) {
            // Preemption picks a host the filters rejected, and makes room by evicting lower priorities only.
            const priority = sim.container(event.container)!.priority;
            for (const victim of decision!.preempted) expect(sim.container(victim)!.priority).toBeLessThan(priority);
            continue;
          }
          const verdict = decision!.hosts.find((h) => h.host === event.host);
          expect(
            verdict === undefined ? 'not considered' : verdict.rejectedBy,
            `${event.container} on ${event.host}`,
          ).toBe(null);
        }
      }),
      { seed: 20_240_611, numRuns: 300 },
    );
  });

  it('gives the same event log for the same seed', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        expect(runAlone(c)).toEqual(runAlone(c));
      }),
      { seed: 7, numRuns: 40 },
    );
  });

  it('gives two simulations stepped alternately in one process the logs each gives alone', () => {
    fc.assert(
      fc.property(caseArb, caseArb, (a, b) => {
        const simA = createSimulation(a.scenario);
        const simB = createSimulation(b.scenario);
        const stepA = driver(simA, a.faults);
        const stepB = driver(simB, b.faults);
        let more = true;
        while (more) {
          const movedA = stepA();
          const movedB = stepB();
          more = movedA || movedB;
        }
        expect(simA.events()).toEqual(runAlone(a));
        expect(simB.events()).toEqual(runAlone(b));
      }),
      { seed: 99, numRuns: 25 },
    );
  });
});
