import { describe, expect, it } from 'vitest';
import type { ClusterEvent } from '../events/ClusterEvent.js';
import type { ScenarioInput } from '../scenario/scenarioSchema.js';
import { createSimulation } from '../simulation/Simulation.js';

type Scaled = Extract<ClusterEvent, { type: 'autoscaler.scaled' }>;

const MIN = 60_000;

/** Four replicas requesting 500m each, a cpu target of 50 %, and a total cpu demand that follows `steps`. */
function scenario(initial: string, steps: Array<{ at: string; value: string }>, extra: object = {}): ScenarioInput {
  return {
    hosts: [{ group: 'node', count: 4, capacity: { cpu: '8', memory: '16Gi' } }],
    services: {
      web: {
        replicas: 4,
        template: { requests: { cpu: '500m', memory: '256Mi' } },
        usage: { cpu: { shape: 'steps', initial, steps } },
        autoscaling: {
          minReplicas: 1,
          maxReplicas: 20,
          metrics: [{ resource: 'cpu', averageUtilization: 50 }],
          ...extra,
        },
      },
    },
  };
}

function scaled(events: readonly ClusterEvent[]): Scaled[] {
  return events.filter((e): e is Scaled => e.type === 'autoscaler.scaled');
}

describe('horizontalPodAutoscaler', () => {
  it('step response: demand doubles at 10m → 4 → 8 replicas at the first sync whose scrape window saw it (615 s), all ready at once', () => {
    // 1000m over 4 × 500m is 50 %: on target. From 10m, 2000m: 100 %, ratio 2 → ceil(2 × 4) = 8, which kube's
    // default scale-up policy (max of 4 pods and 100 % per 15 s) allows in one step. Scrapes every 15 s from 0:
    // the one at 615 s is the first whose window [600, 615] holds the new demand, and the sync at 615 s
    // runs after it.
    const sim = createSimulation(scenario('1', [{ at: '10m', value: '2' }]));
    sim.run(20 * MIN);
    const events = scaled(sim.events());
    expect(events.map((e) => [e.at, e.from, e.to, e.reason])).toEqual([[615_000, 4, 8, 'cpu above target']]);
    expect(events[0]!.metrics).toEqual([{ metric: 'cpu', current: 100, target: 50, replicas: 8 }]);
    const ready = sim.events().filter((e) => e.type === 'container.ready' && e.at >= 615_000);
    expect(ready.length).toBe(4);
    expect(sim.desired.services.web!.replicas).toBe(8);
  });

  it('no scale-down inside the 300 s stabilisation window: demand halves at 20m, the count drops only at 25m', () => {
    // The last recommendation of 8 is made at the sync of 1200 s (its scrape window [1185, 1200] still saw
    // 2000m); from 1215 s every recommendation is 4, but the window keeps the highest of the last 300 s:
    // the first sync whose window holds no 8 is at 1500 s.
    const sim = createSimulation(
      scenario('1', [
        { at: '10m', value: '2' },
        { at: '20m', value: '1' },
      ]),
    );
    sim.run(30 * MIN);
    const events = scaled(sim.events());
    expect(events.map((e) => [e.at, e.from, e.to])).toEqual([
      [615_000, 4, 8],
      [1_500_000, 8, 4],
    ]);
    expect(events[1]!.reason).toBe('all metrics below target');
  });

  it('with a 60 s scale-down window the same drop happens at 1260 s', () => {
    const sim = createSimulation(
      scenario(
        '1',
        [
          { at: '10m', value: '2' },
          { at: '20m', value: '1' },
        ],
        {
          behavior: { scaleDown: { stabilizationWindow: '60s' } },
        },
      ),
    );
    sim.run(30 * MIN);
    expect(scaled(sim.events()).map((e) => [e.at, e.from, e.to])).toEqual([
      [615_000, 4, 8],
      [1_260_000, 8, 4],
    ]);
  });

  it('the tolerance band holds the count still: demand moving within ±10 % of the target changes nothing', () => {
    // 1080m is 54 % (ratio 1.08), 920m is 46 % (0.92), 1040m 52 %: all within |1 − ratio| ≤ 0.1.
    const sim = createSimulation(
      scenario('1', [
        { at: '5m', value: '1080m' },
        { at: '10m', value: '920m' },
        { at: '15m', value: '1040m' },
      ]),
    );
    sim.run(30 * MIN);
    expect(scaled(sim.events())).toEqual([]);
    expect(sim.desired.services.web!.replicas).toBe(4);
  });

  it('a scale-up policy of 1 pod per minute climbs one replica per minute and names the limit', () => {
    const sim = createSimulation(
      scenario('1', [{ at: '10m', value: '2' }], {
        behavior: { scaleUp: { policies: [{ type: 'Pods', value: 1, period: '1m' }] } },
      }),
    );
    sim.run(20 * MIN);
    const events = scaled(sim.events());
    expect(events.map((e) => [e.at, e.from, e.to, e.limit])).toEqual([
      [615_000, 4, 5, 'ScaleUpLimit'],
      [675_000, 5, 6, 'ScaleUpLimit'],
      [735_000, 6, 7, 'ScaleUpLimit'],
      // 8 is what the calculator asks for now: the policy no longer bounds it.
      [795_000, 7, 8, 'DesiredWithinRange'],
    ]);
  });

  it('scales on requests per second per replica, measured from the requests served', () => {
    // 40 requests/s over 2 replicas is 20/s per replica; the target is 5/s: ratio 4 → 8, but the default
    // policy allows max(2 + 4 pods, 2 × 200 %) = 6 in the first 15 s. The first rate needs two scrapes of a
    // running replica (15 s and 30 s).
    const sim = createSimulation({
      seed: 7,
      horizon: '3m',
      hosts: [{ group: 'node', count: 4, capacity: { cpu: '8', memory: '16Gi' } }],
      services: {
        api: {
          replicas: 2,
          template: { requests: { cpu: '250m' } },
          serving: { concurrency: 4 },
          autoscaling: { maxReplicas: 10, metrics: [{ pods: 'requests-per-second', averageValue: 5 }] },
        },
      },
      requests: { get: { service: 'api', serviceTime: { dist: 'constant', value: '10ms' } } },
      load: [{ name: 'users', request: 'get', arrivals: { process: 'poisson', rate: 40 } }],
    });
    sim.run();
    const events = scaled(sim.events());
    // At 60 s the six replicas answered 6.79/s each over [45 s, 60 s] (40/s ÷ 6 = 6.67/s; ~600 Poisson arrivals
    // per window vary by about ±4 %): ratio 1.36 → ceil(6 × 1.36) = 9, one above the 8 the mean rate asks for.
    // Sampled rates overshoot; the 300 s scale-down window keeps the ninth for the rest of this run.
    expect(events.map((e) => [e.at, e.from, e.to, e.limit])).toEqual([
      [30_000, 2, 6, 'ScaleUpLimit'],
      [60_000, 6, 9, 'DesiredWithinRange'],
    ]);
    expect(events[0]!.metrics[0]!.current).toBeCloseTo(20, 0);
    expect(events.every((e) => e.reason === 'requests-per-second above target')).toBe(true);
  });

  it('a metrics delay makes the HPA act that much later: the scrape of 615 s is seen at 645 s', () => {
    const sim = createSimulation(scenario('1', [{ at: '10m', value: '2' }], { metricsDelay: '30s' }));
    sim.run(20 * MIN);
    expect(scaled(sim.events()).map((e) => [e.at, e.from, e.to])).toEqual([[645_000, 4, 8]]);
  });

  it('a coarser scrape makes it act later too: with a 60 s resolution the first window holding the step ends at 660 s', () => {
    // Scrapes at 0, 60, ..., 600, 660: the window [600, 660] is the first wholly after the step.
    const sim = createSimulation(scenario('1', [{ at: '10m', value: '2' }], { metricsResolution: '60s' }));
    sim.run(20 * MIN);
    expect(scaled(sim.events()).map((e) => [e.at, e.from, e.to])).toEqual([[660_000, 4, 8]]);
  });

  it('scales on memory against the request, and a new HPA waits its scale-down window before scaling down', () => {
    // Target 75 %. 1 GiB over 4 replicas of 512 Mi is 50 %: ratio 0.667 → ceil(2.67) = 3. A new HPA records
    // the current count (4) at its first sync, 15 s (kube's recordInitialRecommendation), so the 300 s
    // scale-down window holds 4 until that record leaves it: the scale-down comes at 315 s. Memory is read at the scrape, not averaged over a window, so the scrape at 600 s sees
    // the step at 10m: 3 GiB over 3 replicas is 200 %: ratio 2.67 → 8, but the default scale-up
    // policy allows max(3 + 4, 3 × 2) = 7; at the next sync 3 GiB over 7 is 85 % (memory has no readiness
    // rules: the new replicas count at once) → ceil(7 × 1.14) = 8.
    const sim = createSimulation({
      hosts: [{ group: 'node', count: 4, capacity: { cpu: '8', memory: '16Gi' } }],
      services: {
        web: {
          replicas: 4,
          template: { requests: { cpu: '100m', memory: '512Mi' } },
          usage: { memory: { shape: 'steps', initial: '1Gi', steps: [{ at: '10m', value: '3Gi' }] } },
          autoscaling: { maxReplicas: 20, metrics: [{ resource: 'memory', averageUtilization: 75 }] },
        },
      },
    });
    sim.run(12 * MIN);
    const events = scaled(sim.events());
    expect(events.map((e) => [e.at, e.from, e.to, e.limit])).toEqual([
      [315_000, 4, 3, 'DesiredWithinRange'],
      [600_000, 3, 7, 'ScaleUpLimit'],
      [615_000, 7, 8, 'DesiredWithinRange'],
    ]);
    expect(events[1]!.metrics).toEqual([{ metric: 'memory', current: 200, target: 75, replicas: 8 }]);
  });

  it('a new HPA over-provisioned from the start scales down only after its scale-down window, unless the window is 0', () => {
    // 4 replicas of 500m with 0.5 core of demand in all: 25 % against a 50 % target, ratio 0.5 → ceil(4 × 0.5) = 2. The first sync
    // (15 s) records 4 even though it has no cpu sample yet; the default 300 s window keeps 4 until the
    // sync of 315 s. With a 0 s window nothing is held: it scales down at the first sync with a sample (30 s).
    const held = createSimulation(scenario('500m', [{ at: '1h', value: '500m' }]));
    held.run(6 * MIN);
    expect(scaled(held.events()).map((e) => [e.at, e.from, e.to])).toEqual([[315_000, 4, 2]]);
    const free = createSimulation(
      scenario('500m', [{ at: '1h', value: '500m' }], { behavior: { scaleDown: { stabilizationWindow: '0s' } } }),
    );
    free.run(6 * MIN);
    expect(scaled(free.events()).map((e) => [e.at, e.from, e.to])).toEqual([[30_000, 4, 2]]);
  });

  it('records autoscaler.failed once while no replica has a cpu sample yet, and scales nothing meanwhile', () => {
    // Replicas take 40 s to start: at the syncs of 15 s and 30 s every pod is pending (ignored), so there is
    // no metric; the first cpu sample needs two scrapes of a running replica (45 s and 60 s).
    const input = scenario('1', [{ at: '1h', value: '1' }]);
    const web = input.services!.web!;
    const sim = createSimulation({
      ...input,
      services: { web: { ...web, template: { ...web.template, startup: '40s' } } },
    });
    sim.run(5 * MIN);
    const failed = sim.events().filter((e) => e.type === 'autoscaler.failed');
    expect(failed).toEqual([
      {
        at: 15_000,
        type: 'autoscaler.failed',
        service: 'web',
        reason: 'cpu: did not receive metrics for any ready pods',
      },
    ]);
    expect(scaled(sim.events())).toEqual([]);
  });

  it('refuses a mid-run change of the autoscaler or the usage model, naming the field', () => {
    const sim = createSimulation(scenario('1', [{ at: '10m', value: '2' }]));
    expect(() =>
      sim.update((d) => {
        (d.services.web as { autoscaling?: unknown }).autoscaling = { maxReplicas: 3 };
      }),
    ).toThrow(
      /'autoscaling' is read when the simulation starts and cannot be changed mid-run[\s\S]*services\.web\.autoscaling/,
    );
    // A change of the replicas alone is accepted, as `kubectl scale` is (the HPA takes over at its next sync).
    sim.update((d) => {
      d.services.web!.replicas = 6;
    });
    expect(sim.desired.services.web!.replicas).toBe(6);
  });

  it('the same seed gives the same scaling', () => {
    const run = () =>
      scaled(
        createSimulation(
          scenario('1', [
            { at: '10m', value: '2' },
            { at: '20m', value: '1' },
          ]),
        )
          .run(30 * MIN)
          .events(),
      );
    expect(run()).toEqual(run());
  });
});

describe('scale to zero', () => {
  it('scales from zero when requests wait, and back to zero once the queue stays empty for the window', () => {
    // The service starts with no replica. 300 requests arrive in the second minute, none after. A request
    // with no endpoint waits at the balancer (an activator) instead of failing; the HPA targets 2 requests
    // waiting in all (`value`), and from zero replicas kube's rule is ceil(waiting / target), bounded by the
    // default scale-up policy (max(0 + 4 pods, 0 × 200 %) = 4). With the burst over, the queue is empty and
    // every recommendation is 0: 5 minutes later (the scale-down window) the service is back at zero.
    const counts = [0, 300, ...Array.from({ length: 10 }, () => 0)];
    const sim = createSimulation({
      seed: 4,
      horizon: '12m',
      hosts: [{ group: 'node', count: 2, capacity: { cpu: '8', memory: '16Gi' } }],
      services: {
        api: {
          replicas: 0,
          template: { requests: { cpu: '250m' }, startup: '3s' },
          serving: { concurrency: 4 },
          autoscaling: { minReplicas: 0, maxReplicas: 5, metrics: [{ external: 'queue-length', value: 2 }] },
        },
      },
      requests: { get: { service: 'api', serviceTime: { dist: 'constant', value: '20ms' }, timeout: '30s' } },
      load: [{ name: 'users', request: 'get', arrivals: { process: 'counts', counts } }],
    });
    sim.run();
    const events = scaled(sim.events());
    const first = events[0]!;
    // The first scrape after the first arrival (60 s + a fraction) is at 75 s; the sync after it scales.
    expect(first).toMatchObject({ at: 75_000, from: 0, to: 4, limit: 'ScaleUpLimit' });
    const last = events.at(-1)!;
    expect(last.to).toBe(0);
    expect(last.reason).toBe('all metrics below target');
    // No recommendation above 0 may be younger than 300 s when the count drops to 0.
    expect(last.at).toBeGreaterThanOrEqual(first.at + 300_000);
    const users = sim.traffic().sources.users!;
    expect(users.succeeded).toBe(300);
    expect(users.failed['no-endpoint']).toBe(0);
    // The first request waited through the scrape (up to 15 s), the start-up (3 s) and the endpoint sync (1 s).
    expect(users.latency.max).toBeGreaterThan(15_000);
  });
});
