import { describe, expect, it } from 'vitest';
import type { ClusterEvent } from '../events/ClusterEvent.js';
import { collectAvailability } from '../metrics/AvailabilityMetrics.js';
import type { ScenarioInput } from '../scenario/scenarioSchema.js';
import { createSimulation, type Simulation } from '../simulation/Simulation.js';
import { DRAIN_REASON, drainHost } from './drainHost.js';
import { REBALANCE_REASON, rebalancer } from './rebalancer.js';

// Evictions by a drain or the rebalancer go through the graceful termination a scale-down gets (the
// Eviction API's): with a preStop hook and a grace period they drop no request; without, the evicted
// replica's requests fail, and so do those the proxies send it until they hear. A host crash stays abrupt.

/** 3 replicas of `web` (4 at once each, 50 ms of work) on 4 hosts, 200 requests/s through kube-proxy. */
function shop(graceful: boolean): ScenarioInput {
  return {
    seed: 5,
    horizon: '2m',
    hosts: [{ group: 'node', count: 4, capacity: { cpu: '4', memory: '8Gi' } }],
    services: {
      web: {
        replicas: 3,
        template: {
          requests: { cpu: '1', memory: '1Gi' },
          antiAffinity: 'hostname',
          ...(graceful ? { preStop: '3s', terminationGracePeriod: '30s' } : {}),
        },
        serving: { concurrency: 4 },
      },
    },
    requests: { get: { service: 'web', serviceTime: { dist: 'exponential', mean: '50ms' } } },
    load: [{ name: 'users', request: 'get', arrivals: { process: 'poisson', rate: 200 } }],
  };
}

const failedSince = (sim: Simulation, at: number) =>
  sim.events().filter((e) => e.type === 'request.failed' && e.at >= at);

const causes = (events: readonly ClusterEvent[]) =>
  new Set(events.map((e) => (e.type === 'request.failed' ? e.cause : e.type)));

function of(sim: Simulation, container: string) {
  return sim.events().filter((e) => 'container' in e && e.container === container);
}

describe('graceful eviction', () => {
  it('a drain drops no request when replicas have a preStop hook and a grace period, and some when they stop at once', () => {
    const run = (graceful: boolean) => {
      const sim = createSimulation(shop(graceful));
      sim.run('30s');
      const host = sim.container('web-0')!.host!.name;
      const drain = drainHost(sim, host);
      sim.run();
      return { sim, drain };
    };
    const abrupt = run(false);
    const graceful = run(true);
    for (const { drain } of [abrupt, graceful]) expect(drain.completedAt).not.toBeNull();

    const lost = failedSince(abrupt.sim, 30_000);
    expect(lost.length).toBeGreaterThan(5);
    expect(causes(lost)).toEqual(new Set(['crashed', 'stale-endpoint']));
    expect(abrupt.drain.completedAt).toBe(30_000);

    expect(failedSince(graceful.sim, 30_000)).toEqual([]);
    // Evicted at 30 s: out of the endpoints at once, the stop signal after the 3 s preStop hook, then
    // it finishes what it holds, exits, and only then is it evicted and the drain done.
    const life = of(graceful.sim, 'web-0').filter((e) => e.at >= 30_000);
    expect(life.map((e) => e.type)).toEqual([
      'container.terminating',
      'container.unready',
      'container.draining',
      'container.drained',
      'container.evicted',
    ]);
    expect(life[0]).toMatchObject({ at: 30_000, evicted: DRAIN_REASON });
    expect(life[2]!.at).toBe(33_000);
    // Its last requests take a few 50 ms service times: far less than the 30 s grace period.
    expect(life[4]!.at).toBeLessThan(34_000);
    expect(life[4]).toMatchObject({ type: 'container.evicted', reason: DRAIN_REASON });
    expect(graceful.drain.completedAt).toBe(life[4]!.at);
    // Its replacement was created at the eviction, not at the exit, as the ReplicaSet controller does.
    const replacement = graceful.sim.events().find((e) => e.type === 'container.created' && e.container === 'web-3');
    expect(replacement?.at).toBe(30_000);
  });

  it('a container evicted while draining is not evicted twice, and the grace period bounds the wait', () => {
    const scenario = shop(true);
    // Work far longer than the grace period: the process is killed with what it holds when it ends.
    scenario.requests!.get!.serviceTime = { dist: 'constant', value: '60s' };
    scenario.services!.web!.template.terminationGracePeriod = '10s';
    const sim = createSimulation(scenario);
    sim.run('30s');
    const host = sim.container('web-0')!.host!.name;
    drainHost(sim, host);
    sim.run('35s');
    sim.evict(sim.container('web-0')!, 'again', { graceful: true });
    sim.run();
    const life = of(sim, 'web-0').filter((e) => e.at >= 30_000);
    expect(life.map((e) => [e.type, e.at])).toEqual([
      ['container.terminating', 30_000],
      ['container.unready', 30_000],
      ['container.draining', 33_000],
      ['container.evicted', 43_000],
    ]);
    // Killed at the end of its grace period: what it still held fails then (the 60 s requests overflow
    // every replica's queue meanwhile, too).
    const crashed = failedSince(sim, 30_000).filter((e) => e.type === 'request.failed' && e.cause === 'crashed');
    expect(crashed.length).toBeGreaterThan(0);
    expect(new Set(crashed.map((e) => e.at))).toEqual(new Set([43_000]));
  });

  it('the rebalancer evicts gracefully too', () => {
    const run = (graceful: boolean) => {
      const scenario = shop(graceful);
      scenario.services!.web!.template.antiAffinity = undefined;
      const sim = createSimulation(scenario);
      for (const host of ['node-1', 'node-2', 'node-3']) sim.setHostState(host, 'cordoned');
      sim.run('30s');
      // All three on node-0 (75% of its cpu); the others open now, empty.
      for (const host of ['node-1', 'node-2', 'node-3']) sim.setHostState(host, 'ready');
      const agent = rebalancer(sim, { every: '1h', until: 0 });
      const first = agent.run();
      sim.run();
      return { sim, moved: first.moved };
    };
    const abrupt = run(false);
    const graceful = run(true);
    expect(abrupt.moved).toEqual([{ container: 'web-0', from: 'node-0' }]);
    expect(graceful.moved).toEqual(abrupt.moved);
    expect(failedSince(abrupt.sim, 30_000).length).toBeGreaterThan(5);
    expect(failedSince(graceful.sim, 30_000)).toEqual([]);
    expect(of(graceful.sim, 'web-0').find((e) => e.type === 'container.evicted')).toMatchObject({
      reason: REBALANCE_REASON,
    });
  });

  it('availability counts a graceful eviction as an eviction whose replacement was scheduled, as an abrupt one', () => {
    const run = (graceful: boolean) => {
      const sim = createSimulation(shop(graceful));
      const availability = collectAvailability(sim);
      sim.run('30s');
      drainHost(sim, sim.container('web-0')!.host!.name);
      sim.run();
      return availability.report().services.web!;
    };
    for (const graceful of [false, true]) {
      expect(run(graceful)).toMatchObject({ evicted: 1, rescheduled: 1, availableAtEnd: 3, degradedSince: null });
    }
  });

  it('a host crash stays abrupt: no draining, and what its replica held is lost', () => {
    const sim = createSimulation({
      ...shop(true),
      requests: { get: { service: 'web', serviceTime: { dist: 'exponential', mean: '50ms' }, timeout: '2s' } },
    });
    sim.run('30s');
    const host = sim.container('web-0')!.host!.name;
    sim.crashHost(host);
    sim.run();
    expect(sim.events().some((e) => e.type === 'container.draining' || e.type === 'container.drained')).toBe(false);
    expect(of(sim, 'web-0').some((e) => e.type === 'container.lost')).toBe(true);
    expect(failedSince(sim, 30_000).length).toBeGreaterThan(5);
  });
});
