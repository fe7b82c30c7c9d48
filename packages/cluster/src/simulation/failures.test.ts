import { describe, expect, it } from 'vitest';
import type { ProbeSpec } from '../containers/Probe.js';
import { PROBE_DEFAULTS } from '../containers/Probe.js';
import type { ClusterEvent } from '../events/ClusterEvent.js';
import { NODE_HEALTH_PRESETS } from '../health/NodeLifecycle.js';
import type { ScenarioInput } from '../scenario/scenarioSchema.js';
import { createSimulation, type Simulation } from './Simulation.js';

const cluster: ScenarioInput = {
  seed: 3,
  scheduler: { strategy: 'first-fit' },
  hosts: [{ group: 'node', count: 3, capacity: { cpu: '4', memory: '8Gi' } }],
  images: { web: { pullTime: '12s' } },
  services: { web: { replicas: 2, template: { requests: { cpu: '1', memory: '1Gi' }, image: 'web', startup: '3s' } } },
};

function of(sim: Simulation, type: ClusterEvent['type']): ClusterEvent[] {
  return sim.events().filter((e) => e.type === type);
}

describe('a host dies (Kubernetes timings)', () => {
  it('marks the host not ready after the grace period and replaces its containers after the toleration', () => {
    const sim = createSimulation(cluster).run('2m');
    // first-fit put both replicas on node-0.
    expect(sim.container('web-0')!.host!.name).toBe('node-0');
    const crashAt = 120_000;
    sim.crashHost('node-0');
    sim.run('20m');
    const host = sim.cluster.hostsByName.get('node-0')!;
    const lastBeat = sim.nodeLifecycle.lastHeartbeat(host, crashAt);
    const notReady = of(sim, 'host.state').find((e) => e.type === 'host.state' && e.to === 'not-ready')!;
    // NotReady at the first 5 s monitor tick after the last heartbeat + 50 s of grace.
    expect(notReady.at).toBe((Math.floor((lastBeat + 50_000) / 5_000) + 1) * 5_000);
    expect(notReady.at - crashAt).toBeGreaterThan(40_000);
    expect(notReady.at - crashAt).toBeLessThanOrEqual(60_000);
    const evicted = of(sim, 'container.evicted');
    expect(evicted.map((e) => e.at)).toEqual([notReady.at + 300_000, notReady.at + 300_000]);
    // Replacements: scheduled at eviction, pulled (12 s) on a host without the image, started (3 s).
    const replacement = sim.container('web-2')!;
    expect(replacement.scheduledAt).toBe(notReady.at + 300_000);
    expect(replacement.startedAt).toBe(notReady.at + 300_000 + 12_000 + 3_000);
    expect(replacement.host!.name).not.toBe('node-0');
  });

  it('counts a lost container as unready only when the control plane notices', () => {
    const sim = createSimulation(cluster).run('2m');
    sim.crashHost('node-0');
    sim.run('10m');
    const lost = of(sim, 'container.lost');
    const unready = of(sim, 'container.unready');
    expect(lost.map((e) => e.at)).toEqual([120_000, 120_000]);
    const notReady = of(sim, 'host.state')[0]!;
    expect(unready.map((e) => e.at)).toEqual([notReady.at, notReady.at]);
  });

  it('follows Swarm timings with the swarm preset: down after about 15 s, replaced at once', () => {
    const sim = createSimulation(cluster, { nodeHealth: NODE_HEALTH_PRESETS.swarm }).run('2m');
    sim.crashHost('node-0');
    sim.run('5m');
    const notReady = of(sim, 'host.state')[0]!;
    expect(notReady.at - 120_000).toBeGreaterThan(10_000);
    expect(notReady.at - 120_000).toBeLessThanOrEqual(15_000);
    expect(of(sim, 'container.evicted')[0]!.at).toBe(notReady.at);
  });

  it('a host that recovers before the eviction gets its containers back, restarted', () => {
    const sim = createSimulation(cluster).run('2m');
    sim.crashHost('node-0', { recoverAfter: '90s' });
    sim.run('15m');
    expect(of(sim, 'container.evicted')).toHaveLength(0);
    expect(sim.container('web-0')!.phase).toBe('running');
    expect(sim.container('web-0')!.health.restarts).toBe(1);
    expect(sim.container('web-2')).toBeUndefined();
    const ready = of(sim, 'host.state').map((e) => (e.type === 'host.state' ? e.to : ''));
    expect(ready).toEqual(['not-ready', 'ready']);
  });

  it('a partition leaves the old containers running until it heals: split brain', () => {
    const sim = createSimulation(cluster).run('2m');
    sim.partitionHost('node-0', { healAfter: '10m' });
    sim.run('9m');
    // Evicted by the control plane and replaced, yet still running on the partitioned host.
    expect(sim.container('web-0')!.phase).toBe('evicted');
    expect(sim.container('web-0')!.health.alive).toBe(true);
    expect(sim.container('web-2')!.phase).toBe('running');
    sim.run('13m');
    expect(sim.container('web-0')!.health.alive).toBe(false);
    expect(of(sim, 'host.healed')).toHaveLength(1);
  });
});

const liveness: ProbeSpec = { ...PROBE_DEFAULTS, initialDelayMs: 5_000 };

describe('the kubelet', () => {
  it('restarts a hung container after initialDelay + failureThreshold × period (within one period)', () => {
    const sim = createSimulation({ seed: 1, hosts: [{ name: 'h', capacity: { cpu: '2', memory: '2Gi' } }] });
    const app = sim.submit({ ...baseSpec(sim), probes: { liveness } });
    sim.run('1s');
    expect(app.phase).toBe('running');
    sim.hangContainer('app');
    sim.run('2m');
    const crash = sim.events().find((e) => e.type === 'container.crashed')!;
    // Probes at 5 s, 15 s, 25 s (after start at 0); the third failure times out 1 s later.
    expect(crash.at).toBe(5_000 + 2 * 10_000 + 1_000);
    expect(crash.at).toBeLessThanOrEqual(liveness.initialDelayMs + liveness.failureThreshold * liveness.periodMs);
    expect(crash).toMatchObject({ reason: 'liveness probe failed', restarts: 1, restartIn: 10_000 });
    expect(app.phase).toBe('running');
  });

  it('backs off crash loops 10 s, 20 s, 40 s ... capped at 300 s', () => {
    const sim = createSimulation({ seed: 1, hosts: [{ name: 'h', capacity: { cpu: '2', memory: '2Gi' } }] });
    sim.submit(baseSpec(sim));
    const delays: number[] = [];
    sim.log.subscribe((e) => {
      // Listeners run inside the event; the crash is scheduled for the same instant instead.
      if (e.type === 'container.running') sim.env.schedule(0, () => sim.crashContainer('app'));
      if (e.type === 'container.crashed' && e.restartIn !== null) delays.push(e.restartIn);
    });
    sim.run('1h');
    expect(delays.slice(0, 7)).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000]);
  });

  it('holds readiness until the readiness probe passes after a slow start', () => {
    const sim = createSimulation({ seed: 1, hosts: [{ name: 'h', capacity: { cpu: '2', memory: '2Gi' } }] });
    sim.submit({ ...baseSpec(sim), warmupMs: 25_000, probes: { readiness: PROBE_DEFAULTS } });
    sim.run('2m');
    const ready = sim.events().find((e) => e.type === 'container.ready')!;
    // Readiness probes at 0, 10, 20, 30 s: the app answers from 25 s, so the 30 s probe passes.
    expect(ready.at).toBe(30_000);
  });

  it('a startup probe protects a slow start from the liveness probe', () => {
    const slow = { warmupMs: 45_000, probes: { liveness } };
    const killed = createSimulation({ seed: 1, hosts: [{ name: 'h', capacity: { cpu: '2', memory: '2Gi' } }] });
    killed.submit({ ...baseSpec(killed), ...slow });
    killed.run('2m');
    expect(killed.events().some((e) => e.type === 'container.crashed')).toBe(true);
    const saved = createSimulation({ seed: 1, hosts: [{ name: 'h', capacity: { cpu: '2', memory: '2Gi' } }] });
    saved.submit({
      ...baseSpec(saved),
      ...slow,
      probes: { liveness, startup: { ...PROBE_DEFAULTS, failureThreshold: 30 } },
    });
    saved.run('2m');
    expect(saved.events().some((e) => e.type === 'container.crashed')).toBe(false);
  });
});

function baseSpec(sim: Simulation) {
  const r = sim.resources;
  const requests = r.fromRecord({ cpu: 1000 });
  return {
    name: 'app',
    requests,
    nonZeroRequests: Float64Array.from([1000, 200, 0]),
    limits: null,
    priority: 0,
    labels: {},
    image: 'default',
    pullMs: 0,
    startupMs: 0,
    durationMs: Number.POSITIVE_INFINITY,
    service: undefined,
    job: undefined,
    tenant: 'default',
    tolerations: [],
    nodeSelector: {},
    affinity: [],
    preferredAffinity: [],
    antiAffinityKey: undefined,
    spread: [],
    pinnedHost: undefined,
    bestEffort: false,
    probes: {},
    warmupMs: 0,
    restartPolicy: 'Always' as const,
  };
}

describe('failover from the scenario', () => {
  it('reads probes, warm-up, health timings and scripted faults from the scenario', () => {
    const sim = createSimulation({
      seed: 2,
      scheduler: { strategy: 'first-fit' },
      health: { preset: 'swarm' },
      hosts: [{ group: 'node', count: 2, capacity: { cpu: '4', memory: '8Gi' } }],
      services: {
        web: {
          replicas: 1,
          template: {
            requests: { cpu: '1' },
            warmup: '25s',
            probes: { readiness: {}, liveness: { initialDelay: '30s' } },
          },
        },
      },
      faults: [{ kind: 'host-crash', at: '2m', host: 'node-0' }],
    });
    sim.run('5m');
    const events = sim.events();
    // Readiness probes at 0, 10, 20, 30 s; the app answers from 25 s.
    expect(events.find((e) => e.type === 'container.ready')?.at).toBe(30_000);
    const down = events.find((e) => e.type === 'host.state')!;
    // Swarm: down within 15 s of the last heartbeat, replaced at once.
    expect(down.at - 120_000).toBeLessThanOrEqual(15_000);
    expect(sim.container('web-1')!.host!.name).toBe('node-1');
    expect(sim.container('web-1')!.scheduledAt).toBe(down.at);
  });

  it('applies random host failures declared in the scenario, the same for every strategy', () => {
    const crashes = (strategy: string) =>
      createSimulation({
        seed: 11,
        scheduler: { strategy },
        horizon: '2d',
        hosts: [{ group: 'node', count: 5, capacity: { cpu: '4', memory: '8Gi' } }],
        services: { web: { replicas: 4, template: { requests: { cpu: '1' } } } },
        failures: [
          {
            model: 'host-failures',
            mtbf: { dist: 'exponential', mean: '12h' },
            mttr: { dist: 'constant', value: '20m' },
          },
        ],
      })
        .run()
        .events()
        .filter((e) => e.type === 'host.crashed')
        .map((e) => `${e.at} ${'host' in e ? e.host : ''}`);
    const a = crashes('first-fit');
    expect(a.length).toBeGreaterThan(3);
    expect(crashes('worst-fit')).toEqual(a);
  });
});

describe('the job controller', () => {
  it('reports a job complete when every task succeeded, counting retries of failed tasks', () => {
    const sim = createSimulation({
      seed: 1,
      hosts: [{ name: 'h', capacity: { cpu: '4', memory: '4Gi' } }],
      jobs: { batch: { submitAt: '10s', tasks: [{ count: 3, requests: { cpu: '1' }, duration: '1m' }] } },
    });
    sim.run('40s');
    sim.crashContainer('batch-1');
    sim.run('10m');
    // batch-1 failed at 40 s (restartPolicy Never); its retry ran 40 s → 100 s.
    expect(sim.events().find((e) => e.type === 'job.completed')).toEqual({
      at: 100_000,
      type: 'job.completed',
      job: 'batch',
      durationMs: 90_000,
      retries: 1,
    });
  });

  it('gives up after the backoff limit', () => {
    const sim = createSimulation({
      seed: 1,
      hosts: [{ name: 'h', capacity: { cpu: '4', memory: '4Gi' } }],
      jobs: { batch: { backoffLimit: 1, tasks: [{ requests: { cpu: '1' }, duration: '1m' }] } },
    });
    sim.log.subscribe((e) => {
      if (e.type === 'container.running') sim.env.schedule(0, () => sim.crashContainer(e.container));
    });
    sim.run('10m');
    expect(
      sim
        .events()
        .filter((e) => e.type === 'container.created')
        .map((e) => 'container' in e && e.container),
    ).toEqual(['batch-0', 'batch-0-retry1']);
    expect(sim.events().find((e) => e.type === 'job.failed')).toMatchObject({ job: 'batch', failures: 2 });
  });
});

describe('a host already silent stays on its eviction clock', () => {
  /** When each container of node-0 was evicted, after the faults `act` injects. */
  function evictions(act: (sim: Simulation) => void): string[] {
    const sim = createSimulation(cluster).run('1m');
    act(sim);
    sim.run('30m');
    return of(sim, 'container.evicted').map((e) => `${e.at} ${(e as { container: string }).container}`);
  }

  // Issue 15: crash at 60 s alone → evicted at 410 s; with a partition at 300 s → evicted at 650 s.
  it('a partition of a crashed host, or a crash of a partitioned one, does not restart it', () => {
    const crashOnly = evictions((sim) => sim.crashHost('node-0'));
    expect(crashOnly.length).toBeGreaterThan(0);
    const at = Number(crashOnly[0]!.split(' ')[0]);
    expect(at).toBeGreaterThan(350_000);
    expect(at).toBeLessThanOrEqual(60_000 + 60_000 + 300_000);
    expect(
      evictions((sim) => {
        sim.crashHost('node-0');
        sim.env.schedule(240_000, () => sim.partitionHost('node-0'));
      }),
    ).toEqual(crashOnly);
    const partitionOnly = evictions((sim) => sim.partitionHost('node-0'));
    expect(
      evictions((sim) => {
        sim.partitionHost('node-0');
        sim.env.schedule(240_000, () => sim.crashHost('node-0'));
      }),
    ).toEqual(partitionOnly);
  });

  it('a host that recovers but is not heard again before a new partition keeps its clock', () => {
    const crashOnly = evictions((sim) => sim.crashHost('node-0'));
    // Recovered at 200 s and cut off 1 ms later, before its next heartbeat: never heard in between.
    expect(
      evictions((sim) => {
        sim.crashHost('node-0');
        sim.env.schedule(200_000, () => sim.recoverHost('node-0'));
        sim.env.schedule(200_001, () => sim.partitionHost('node-0'));
      }),
    ).toEqual(crashOnly);
  });
});
