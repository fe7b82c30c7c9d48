import { ConfigError } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../scenario/scenarioSchema.js';
import { createSimulation } from '../simulation/Simulation.js';

/** Three replicas of `web`, one request at a time each, 100/s of `get` (10 ms of work on average). */
function web(overrides: Partial<ScenarioInput> = {}, balancing = 'random'): ScenarioInput {
  return {
    seed: 3,
    horizon: '2m',
    hosts: [{ group: 'node', count: 3, capacity: { cpu: '8', memory: '16Gi' } }],
    services: {
      web: { replicas: 3, template: { requests: { cpu: '1', memory: '1Gi' } }, serving: { balancing } },
    },
    requests: { get: { service: 'web', serviceTime: { dist: 'exponential', mean: '10ms' } } },
    load: [{ name: 'users', request: 'get', arrivals: { process: 'poisson', rate: 100 } }],
    ...overrides,
  };
}

describe('TrafficController', () => {
  it('waits for the data plane: requests before the first endpoint sync fail with no-endpoint', () => {
    const sim = createSimulation(web()).run();
    const users = sim.traffic().sources.users!;
    const synced = sim.events().find((e) => e.type === 'endpoints.updated')!;
    // The replicas are ready at 0; the proxies learn of them one propagation delay (1 s) later.
    expect(synced).toEqual({
      at: 1000,
      type: 'endpoints.updated',
      service: 'web',
      endpoints: ['web-0', 'web-1', 'web-2'],
    });
    const failures = sim.events().filter((e) => e.type === 'request.failed');
    expect(failures.length).toBe(users.failed['no-endpoint']);
    expect(failures.every((e) => e.at < 1000 && e.type === 'request.failed' && e.cause === 'no-endpoint')).toBe(true);
    // About 100 arrive in that second.
    expect(failures.length).toBeGreaterThan(60);
    expect(failures.length).toBeLessThan(140);
  });

  it('accounts for every request: sent = succeeded + failed + in flight', () => {
    const sim = createSimulation(web());
    for (const until of ['10s', '30s', '2m']) {
      sim.run(until);
      for (const figures of [sim.traffic().sources.users!, sim.traffic().requests.get!]) {
        const failed = Object.values(figures.failed).reduce((a, b) => a + b, 0);
        expect(figures.succeeded + failed + figures.inFlight).toBe(figures.sent);
        expect(figures.inFlight).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('round robin spreads requests exactly evenly', () => {
    const sim = createSimulation(web({}, 'round-robin')).run();
    const served = Object.values(sim.traffic().services.web!.served);
    expect(Math.max(...served) - Math.min(...served)).toBeLessThanOrEqual(1);
    expect(sim.traffic().services.web!.imbalance).toBeLessThan(1.001);
  });

  it('a crash under load fails what the replica held, then sends to the stale endpoint until the proxies hear', () => {
    const sim = createSimulation(web({}, 'round-robin'));
    sim.run('30s');
    sim.crashContainer('web-0');
    const crashAt = sim.now;
    sim.run('1m');
    const failures = sim.events().filter((e) => e.type === 'request.failed' && e.at >= crashAt);
    const causes = failures.map((e) => (e.type === 'request.failed' ? e.cause : ''));
    // What web-0 held (at most one in service plus its queue) failed at the crash.
    const crashed = failures.filter((e) => e.type === 'request.failed' && e.cause === 'crashed');
    expect(crashed.every((e) => e.at === crashAt)).toBe(true);
    // Then every third request still went to web-0 and was refused, until the data plane dropped it one
    // propagation delay after it became unready (the crash), and not after.
    const dropped = sim
      .events()
      .find((e) => e.type === 'endpoints.updated' && e.at > crashAt && !e.endpoints.includes('web-0'))!;
    expect(dropped.at).toBe(crashAt + 1000);
    const stale = failures.filter((e) => e.type === 'request.failed' && e.cause === 'stale-endpoint');
    expect(stale.every((e) => e.at >= crashAt && e.at < dropped.at)).toBe(true);
    // About 100/s × 1 s / 3 = 33 of them (Poisson: within 4 standard deviations, ±23).
    expect(stale.length).toBeGreaterThan(10);
    expect(stale.length).toBeLessThan(57);
    expect(causes.every((c) => c === 'crashed' || c === 'stale-endpoint')).toBe(true);
    // CrashLoopBackOff restarts it after 10 s; it is an endpoint again one propagation delay later.
    const back = sim.events().find((e) => e.type === 'endpoints.updated' && e.at > dropped.at)!;
    expect(back).toMatchObject({ at: crashAt + 10_000 + 1000, endpoints: ['web-1', 'web-2', 'web-0'] });
  });

  it('retries what fails, within the retry budget, and counts the retries', () => {
    // A queue of 1 overflows often at this load: 3 replicas serving 40 ms requests at 100/s (ρ = 1.33).
    const overloaded = web({
      requests: {
        get: {
          service: 'web',
          serviceTime: { dist: 'exponential', mean: '40ms' },
          retry: { attempts: 2 },
        },
      },
    });
    overloaded.services!.web!.serving = { queue: 1, balancing: 'random' };
    const sim = createSimulation(overloaded).run();
    const users = sim.traffic().sources.users!;
    expect(users.retries).toBeGreaterThan(0);
    expect(users.failed['queue-full']).toBeGreaterThan(0);
    // Without retries, more requests fail.
    const plain = structuredClone(overloaded);
    delete plain.requests!.get!.retry;
    const without = createSimulation(plain).run().traffic().sources.users!;
    expect(without.retries).toBe(0);
    expect(without.failed['queue-full']).toBeGreaterThan(users.failed['queue-full']);
  });

  it('times out requests its replicas are too slow for', () => {
    const slow = web({
      requests: { get: { service: 'web', serviceTime: { dist: 'constant', value: '50ms' }, timeout: '30ms' } },
    });
    const sim = createSimulation(slow).run('20s');
    const users = sim.traffic().sources.users!;
    expect(users.succeeded).toBe(0);
    expect(users.failed.timeout).toBeGreaterThan(1000);
    const timeouts = sim.events().filter((e) => e.type === 'request.failed' && e.cause === 'timeout');
    expect(timeouts.length).toBe(users.failed.timeout);
  });

  it('a slow dependency shows up in its caller’s latency', () => {
    const graph = (dbMean: string): ScenarioInput =>
      web({
        services: {
          web: { replicas: 3, template: { requests: { cpu: '1', memory: '1Gi' } }, serving: { concurrency: 8 } },
          db: { replicas: 2, template: { requests: { cpu: '1', memory: '1Gi' } }, serving: { concurrency: 8 } },
        },
        requests: {
          get: { service: 'web', serviceTime: { dist: 'constant', value: '5ms' }, calls: ['lookup'] },
          lookup: { service: 'db', serviceTime: { dist: 'constant', value: dbMean } },
        },
      });
    const fast = createSimulation(graph('2ms')).run().traffic();
    const slow = createSimulation(graph('40ms')).run().traffic();
    // Constant times, light load: the caller's latency is its own work plus the call's.
    expect(fast.sources.users!.latency.p50).toBeCloseTo(7, 0);
    expect(slow.sources.users!.latency.p50).toBeCloseTo(45, 0);
    expect(slow.requests.lookup!.succeeded).toBe(slow.sources.users!.succeeded);
  });

  it('persistent connections defeat random balancing: each stays on the replica it was opened to', () => {
    const spread = (connections: number) =>
      web({
        services: {
          web: { replicas: 10, template: { requests: { cpu: '100m', memory: '128Mi' } }, serving: { concurrency: 4 } },
        },
        load: [{ name: 'users', request: 'get', connections, arrivals: { process: 'poisson', rate: 100 } }],
      });
    const perRequest = createSimulation(spread(0)).run().traffic().services.web!;
    const persistent = createSimulation(spread(2)).run().traffic().services.web!;
    // A new connection per request spreads over all ten; two long-lived connections reach at most two.
    expect(Object.values(perRequest.served).filter((n) => n > 0)).toHaveLength(10);
    expect(perRequest.imbalance).toBeLessThan(1.2);
    expect(Object.values(persistent.served).filter((n) => n > 0).length).toBeLessThanOrEqual(2);
    expect(persistent.imbalance).toBeGreaterThanOrEqual(5);
  });

  it('a load balancer with externalTrafficPolicy Local loads replicas by node; Cluster evens them out at the cost of a hop', () => {
    // first-fit fills node-0's three cpus before node-1: three replicas there, one on node-1.
    const uneven = (policy: 'Local' | 'Cluster'): ScenarioInput => ({
      seed: 5,
      horizon: '2m',
      scheduler: { strategy: 'first-fit' },
      hosts: [
        { name: 'node-0', capacity: { cpu: '3', memory: '16Gi' } },
        { name: 'node-1', capacity: { cpu: '3', memory: '16Gi' } },
      ],
      services: {
        web: {
          replicas: 4,
          template: { requests: { cpu: '1', memory: '1Gi' } },
          serving: { concurrency: 8, externalTrafficPolicy: policy },
        },
      },
      requests: { get: { service: 'web', serviceTime: { dist: 'constant', value: '10ms' } } },
      load: [{ name: 'users', request: 'get', via: 'load-balancer', arrivals: { process: 'poisson', rate: 200 } }],
      network: { hop: '2ms' },
    });
    const local = createSimulation(uneven('Local')).run();
    const placed = [...local.cluster.hosts].map((h) => local.cluster.containersOn(h).size);
    expect(placed).toEqual([3, 1]);
    const localFigures = local.traffic();
    const alone = [...local.cluster.containersOn(local.cluster.hostsByName.get('node-1')!)][0]!.name;
    // Half the traffic goes to each node: the lone replica on node-1 serves as much as the three on node-0.
    expect(localFigures.services.web!.served[alone]! / localFigures.sources.users!.succeeded).toBeCloseTo(0.5, 1);
    expect(localFigures.sources.users!.latency.max).toBeLessThan(10.01);
    const cluster = createSimulation(uneven('Cluster')).run().traffic();
    expect(cluster.services.web!.imbalance).toBeLessThan(1.1);
    // Some requests enter by the other node and pay the 2 ms hop: about half of them.
    expect(cluster.sources.users!.latency.max).toBeCloseTo(12, 1);
    expect(cluster.sources.users!.latency.mean).toBeGreaterThan(10.5);
    expect(cluster.sources.users!.latency.mean).toBeLessThan(11.5);
  });

  it('closed-loop users: throughput follows the interactive response time law X = N / (R + Z)', () => {
    const users = (count: number): ScenarioInput =>
      web({
        services: { web: { replicas: 1, template: { requests: { cpu: '1', memory: '1Gi' } } } },
        requests: { get: { service: 'web', serviceTime: { dist: 'exponential', mean: '10ms' } } },
        load: [{ name: 'users', request: 'get', clients: { count, thinkTime: { dist: 'exponential', mean: '90ms' } } }],
        horizon: '10m',
      });
    for (const count of [1, 5, 20]) {
      const sim = createSimulation(users(count)).run();
      const figures = sim.traffic().sources.users!;
      // Measured over the whole run but the first second (before the endpoint is known).
      const seconds = (600_000 - 1000) / 1000;
      const x = figures.succeeded / seconds;
      const r = figures.latency.mean / 1000;
      expect(x * (r + 0.09)).toBeCloseTo(count, 0);
      // One server: never more than 100 requests/s, and the response time grows once it saturates.
      expect(x).toBeLessThan(101);
    }
  });

  it('a call can be balanced by its caller’s proxy: an ingress tier in front of the service', () => {
    const ingress = web({
      services: {
        ingress: {
          replicas: 2,
          template: { requests: { cpu: '500m', memory: '256Mi' } },
          serving: { concurrency: 64 },
        },
        web: { replicas: 4, template: { requests: { cpu: '1', memory: '1Gi' } }, serving: { concurrency: 1 } },
      },
      requests: {
        edge: {
          service: 'ingress',
          serviceTime: { dist: 'constant', value: '0.2ms' },
          calls: [{ request: 'get', balancing: 'round-robin' }],
        },
        get: { service: 'web', serviceTime: { dist: 'exponential', mean: '10ms' } },
      },
      load: [{ name: 'users', request: 'edge', arrivals: { process: 'poisson', rate: 200 } }],
    });
    const figures = createSimulation(ingress).run().traffic();
    // The ingress balances web per request, round robin: exactly even, though web's own policy is random.
    const served = Object.values(figures.services.web!.served);
    expect(Math.max(...served) - Math.min(...served)).toBeLessThanOrEqual(1);
    expect(figures.requests.get!.succeeded).toBe(figures.sources.users!.succeeded);
  });

  it('a rolling update drops no request when replicas drain (preStop and a grace period), and some when they stop at once', () => {
    const rollout = (graceful: boolean): ScenarioInput => {
      const template = {
        requests: { cpu: '1', memory: '1Gi' },
        image: 'web:1',
        ...(graceful ? { preStop: '3s', terminationGracePeriod: '30s' } : {}),
      };
      return web({
        horizon: '3m',
        services: { web: { replicas: 4, template, serving: { concurrency: 4 } } },
        requests: { get: { service: 'web', serviceTime: { dist: 'exponential', mean: '50ms' } } },
        load: [{ name: 'users', request: 'get', arrivals: { process: 'poisson', rate: 200 } }],
        changes: [{ at: '1m', service: 'web', image: 'web:2' }],
      });
    };
    const failedAfter = (sim: ReturnType<typeof createSimulation>) =>
      sim.events().filter((e) => e.type === 'request.failed' && e.at >= 60_000);
    const abrupt = createSimulation(rollout(false)).run();
    const graceful = createSimulation(rollout(true)).run();
    for (const sim of [abrupt, graceful]) {
      expect(sim.events().some((e) => e.type === 'rollout.completed')).toBe(true);
    }
    // Stopped at once: what an old replica held fails, and the proxies keep sending to it for a second.
    const lost = failedAfter(abrupt);
    expect(lost.length).toBeGreaterThan(20);
    expect(new Set(lost.map((e) => (e.type === 'request.failed' ? e.cause : '')))).toEqual(
      new Set(['crashed', 'stale-endpoint']),
    );
    // Drained: each old replica leaves the endpoints, serves 3 s more while the proxies catch up, then
    // finishes what it holds and exits.
    expect(failedAfter(graceful)).toEqual([]);
    const drained = graceful.events().filter((e) => e.type === 'container.drained');
    expect(drained.length).toBeGreaterThan(0);
    const draining = graceful.events().filter((e) => e.type === 'container.draining');
    expect(draining).toHaveLength(4);
    for (const e of draining) {
      const started = graceful
        .events()
        .find((t) => t.type === 'container.terminating' && 'container' in t && t.container === e.container)!;
      expect(e.at - started.at).toBe(3000);
    }
  });

  it('requests hanging at a dead host stay outstanding there, so least-request steers away from it', () => {
    const hostDies = (balancing: string): ScenarioInput => ({
      ...web({}, balancing),
      horizon: '3m',
      hosts: [{ group: 'node', count: 3, capacity: { cpu: '1', memory: '16Gi' } }],
      requests: { get: { service: 'web', serviceTime: { dist: 'exponential', mean: '10ms' }, timeout: '1s' } },
      faults: [{ at: '1m', kind: 'host-crash', host: 'node-0' }],
    });
    const random = createSimulation(hostDies('random')).run().traffic().sources.users!;
    const p2c = createSimulation(hostDies('least-request')).run().traffic().sources.users!;
    // Until the node is NotReady (about 50 s) a third of random's requests hang there and time out.
    // least-request sees them outstanding, so it only sends there when both of its two samples are that
    // replica (1/9 of picks, Envoy samples with replacement): about a third of random's timeouts.
    expect(random.failed.timeout).toBeGreaterThan(1000);
    expect(p2c.failed.timeout / random.failed.timeout).toBeGreaterThan(0.25);
    expect(p2c.failed.timeout / random.failed.timeout).toBeLessThan(0.4);
  });

  it('rejects bad traffic in the scenario, naming each field', () => {
    const bad = web({
      requests: {
        get: { service: 'nope', serviceTime: { dist: 'exponential', mean: '10ms' }, calls: ['a'] },
        a: { service: 'web', serviceTime: { dist: 'exponential', mean: '1ms' }, calls: ['b'] },
        b: { service: 'web', serviceTime: { dist: 'exponential', mean: '1ms' }, calls: ['a', 'ghost'] },
      },
      load: [
        { name: 'users', request: 'get', arrivals: { process: 'poisson', rate: -5 } },
        { name: 'users', request: 'missing', arrivals: { process: 'poisson', rate: 5 } },
      ],
    });
    bad.services!.web!.serving = { concurrency: 0 };
    let error: unknown;
    try {
      createSimulation(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const paths = (error as ConfigError).issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['services.web.serving.concurrency', 'load[0].arrivals.rate']));
    const afterParse = web({
      requests: {
        get: { service: 'nope', serviceTime: { dist: 'exponential', mean: '10ms' }, calls: ['a'] },
        a: { service: 'web', serviceTime: { dist: 'exponential', mean: '1ms' }, calls: ['b'] },
        b: { service: 'web', serviceTime: { dist: 'exponential', mean: '1ms' }, calls: ['a', 'ghost'] },
      },
      load: [
        { name: 'users', request: 'get', arrivals: { process: 'poisson', rate: 5 } },
        { name: 'users', request: 'missing', arrivals: { process: 'poisson', rate: 5 } },
      ],
    });
    let crossError: unknown;
    try {
      createSimulation(afterParse);
    } catch (e) {
      crossError = e;
    }
    expect((crossError as ConfigError).issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      "requests.get.service: no service named 'nope'",
      'requests.a.calls: calls go round in a cycle: a → b → a',
      "requests.b.calls[1]: no request type named 'ghost'",
      "load[1].name: duplicate load source name 'users'",
      "load[1].request: no request type named 'missing'",
    ]);
    const queuedCall = web({
      services: {
        web: { replicas: 1, template: { requests: { cpu: '1', memory: '1Gi' } } },
        db: { replicas: 1, template: { requests: { cpu: '1', memory: '1Gi' } } },
      },
      requests: {
        get: {
          service: 'web',
          serviceTime: { dist: 'constant', value: '1ms' },
          calls: [{ request: 'lookup', balancing: 'shared-queue' }],
        },
        lookup: { service: 'db', serviceTime: { dist: 'constant', value: '1ms' } },
      },
    });
    expect(() => createSimulation(queuedCall)).toThrow(
      /a queue in front of a service.*\n.*at requests\.get\.calls\[0\]\.balancing/,
    );
    const endless = web();
    delete endless.horizon;
    expect(() => createSimulation(endless)).toThrow(/load needs a horizon/);
    let policyError: unknown;
    try {
      createSimulation(web({}, 'telepathy'));
    } catch (e) {
      policyError = e;
    }
    expect((policyError as ConfigError).issues).toEqual([
      {
        path: 'services.web.serving.balancing',
        message:
          "unknown balancing policy 'telepathy'; known: random, round-robin, weighted-round-robin, least-connections, least-request, join-shortest-queue, join-idle-queue, ring-hash, maglev, shared-queue",
        code: 'custom',
      },
    ]);
  });
});
