import type { RandomStream } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import {
  createSimulation,
  type EndpointView,
  joinIdleQueue,
  type LoadBalancingPolicy,
  type LoadBalancingPolicyFactory,
  maglev,
  randomPolicy,
  ringHash,
  type ScenarioInput,
} from '../src/index.js';

// Balancing policies at work in a simulation, watched through the policy interface: a policy of our own
// wraps a built-in one and notes what it saw and chose at each pick.

/** A factory for `inner`, calling `seen` before each pick (with the views as they are then) and `chose` after. */
function watched<S>(
  inner: () => LoadBalancingPolicy<S>,
  hooks: { seen?: (endpoints: readonly EndpointView[]) => void; chose: (key: number, chosen: EndpointView) => void },
): LoadBalancingPolicyFactory {
  return () => {
    const policy = inner();
    const wrapper: LoadBalancingPolicy<S> = {
      name: `watched ${policy.name}`,
      pick(endpoints: readonly EndpointView[], key: number, rng: RandomStream, state: S): number {
        hooks.seen?.(endpoints);
        const i = policy.pick(endpoints, key, rng, state);
        hooks.chose(key, endpoints[i]!);
        return i;
      },
    };
    if (policy.createState !== undefined) wrapper.createState = policy.createState.bind(policy);
    if (policy.endpointsChanged !== undefined) wrapper.endpointsChanged = policy.endpointsChanged.bind(policy);
    if (policy.idle !== undefined) wrapper.idle = policy.idle.bind(policy);
    return wrapper as LoadBalancingPolicy<unknown>;
  };
}

function cache(balancing: string, replicas: number): ScenarioInput {
  return {
    seed: 12,
    horizon: '2m',
    hosts: [{ group: 'node', count: 3, capacity: { cpu: '8', memory: '16Gi' } }],
    services: {
      cache: {
        replicas,
        template: { requests: { cpu: '500m', memory: '1Gi' } },
        serving: { concurrency: 4, balancing },
      },
    },
    requests: { get: { service: 'cache', serviceTime: { dist: 'exponential', mean: '5ms' } } },
    load: [{ name: 'clients', request: 'get', keys: 2000, arrivals: { process: 'poisson', rate: 400 } }],
  };
}

describe('consistent hashing in a running service', () => {
  it.each([
    // Maglev moves the leaver's keys, 1/5, and almost nothing else; Envoy's ring hash re-sizes the ring
    // for four replicas and moves about 30% (see ringHash.test.ts).
    ['maglev', 0.15, 0.25, () => maglev()],
    ['ring-hash', 0.2, 0.4, () => ringHash()],
  ])(
    '%s keeps each key on one replica, and a scale-down from 5 to 4 replicas moves %d to %d of the keys',
    (name, lo, hi, make) => {
      const before = new Map<number, Set<string>>();
      const after = new Map<number, Set<string>>();
      /** Where picks are noted; null while the data plane catches up with the scale-down. */
      let notes: Map<number, Set<string>> | null = before;
      const chose = (key: number, chosen: EndpointView) => {
        if (notes === null) return;
        const seen = notes.get(key) ?? new Set<string>();
        seen.add(chosen.name);
        notes.set(key, seen);
      };
      const sim = createSimulation(cache(name, 5), {
        balancing: { [name]: watched(make as () => LoadBalancingPolicy<unknown>, { chose }) },
      });
      sim.run('30s');
      sim.update((d) => {
        d.services.cache!.replicas = 4;
      });
      notes = null;
      const dropped = () =>
        sim.events().some((e) => e.type === 'endpoints.updated' && e.at > 30_000 && e.endpoints.length === 4);
      while (!dropped()) sim.step();
      notes = after;
      sim.run('60s');
      // Every key went to one replica while the endpoints stood still.
      for (const map of [before, after]) for (const [key, seen] of map) expect([key, seen.size]).toEqual([key, 1]);
      let both = 0;
      let moved = 0;
      for (const [key, seen] of before) {
        const later = after.get(key);
        if (later === undefined) continue;
        both += 1;
        if ([...seen][0] !== [...later][0]) moved += 1;
      }
      // 2,000 keys, about 12,000 requests in each phase: nearly every key is seen in both.
      expect(both).toBeGreaterThan(1900);
      expect(moved / both).toBeGreaterThan(lo);
      expect(moved / both).toBeLessThan(hi);
    },
  );
});

describe('join-idle-queue in a running service', () => {
  /** Picks made while some replica was idle, and how many of them went to a busy one. */
  function idleMisses(make: () => LoadBalancingPolicy<unknown>): { withIdle: number; toBusy: number; latency: number } {
    let idleExists = false;
    let withIdle = 0;
    let toBusy = 0;
    const balancing = {
      watched: watched(make, {
        seen: (endpoints) => {
          idleExists = endpoints.some((e) => e.active === 0);
        },
        chose: (_key, chosen) => {
          if (!idleExists) return;
          withIdle += 1;
          if (chosen.active > 0) toBusy += 1;
        },
      }),
    };
    const scenario = cache('watched', 5);
    scenario.services!.cache!.serving = { concurrency: 1, balancing: 'watched' };
    // 5 replicas of 5 ms at 700/s: ρ = 0.7.
    scenario.load![0]!.arrivals = { process: 'poisson', rate: 700 };
    const sim = createSimulation(scenario, { balancing }).run('30s');
    return { withIdle, toBusy, latency: sim.traffic().sources.clients!.latency.mean };
  }

  it('sends to an idle replica whenever there is one (it hears of each as it frees up)', () => {
    const jiq = idleMisses(joinIdleQueue as () => LoadBalancingPolicy<unknown>);
    expect(jiq.withIdle).toBeGreaterThan(10_000);
    expect(jiq.toBusy).toBe(0);
    // Random choice often sends to a busy replica while another idles, and requests wait longer.
    const random = idleMisses(randomPolicy as () => LoadBalancingPolicy<unknown>);
    expect(random.toBusy / random.withIdle).toBeGreaterThan(0.3);
    expect(jiq.latency).toBeLessThan(random.latency * 0.6);
  });
});
