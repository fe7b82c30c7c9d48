import { ConfigError } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../scenario/scenarioSchema.js';
import { createContainerSpec } from '../simulation/compileTemplate.js';
import { createSimulation } from '../simulation/Simulation.js';

type FunctionsInput = NonNullable<ScenarioInput['functions']>;

/** Two roomy hosts and the given function platform. */
function scenario(functions: FunctionsInput, horizon: string | number = '1h', seed = 1): ScenarioInput {
  return {
    seed,
    horizon,
    hosts: [{ group: 'node', count: 2, capacity: { cpu: '64', memory: '256Gi' } }],
    functions,
  };
}

function run(functions: FunctionsInput, horizon: string | number = '1h', seed = 1) {
  const sim = createSimulation(scenario(functions, horizon, seed), { eventLog: { keep: 'none' } });
  sim.run();
  return sim.functions()!;
}

describe('function platform: cold starts', () => {
  it('a cold start is placement + image pull + runtime start-up; the pull is skipped where the image is cached', () => {
    // Two invocations an hour apart with a 10-minute keep-alive: both cold. The first pulls the image
    // (2 s) and starts the runtime (300 ms); the second lands on a host that has the image (the
    // scheduler's ImageLocality prefers it) and only starts the runtime.
    const report = run(
      {
        platform: 'lambda',
        definitions: {
          thumb: {
            memory: 512,
            pull: '2s',
            startup: { dist: 'constant', value: '300ms' },
            handler: { dist: 'constant', value: '100ms' },
            invocations: { process: 'counts', counts: [1, 0, 1], every: '1h' },
          },
        },
      },
      '3h',
    );
    const f = report.functions.thumb!;
    expect(f.served).toBe(2);
    expect(f.cold).toBe(2);
    // Waits: 2,300 ms then 300 ms; handler time is reported apart.
    expect(f.coldStartWait.max).toBeCloseTo(2300, 6);
    expect(f.coldStartWait.mean).toBeCloseTo((2300 + 300) / 2, 6);
    expect(f.meanHandlerMs).toBe(100);
    expect(f.latency.mean).toBeCloseTo((2400 + 400) / 2, 6);
    expect(f.warmLatency.count).toBe(0);
  });

  it('counts the hosts used by function instances, from placement until unloaded: host-hours and the peak', () => {
    // The two instances of the test above live 2.3 s + 100 ms + 10 min and 0.3 s + 100 ms + 10 min, one
    // at a time: one host at most, for 1,202,800 ms in all.
    const report = run(
      {
        platform: 'lambda',
        keepAlive: { policy: 'fixed', ttl: '10m' },
        definitions: {
          thumb: {
            memory: 512,
            pull: '2s',
            startup: { dist: 'constant', value: '300ms' },
            handler: { dist: 'constant', value: '100ms' },
            invocations: { process: 'counts', counts: [1, 0, 1], every: '1h' },
          },
        },
      },
      '3h',
    );
    expect(report.hostsUsed.peak).toBe(1);
    expect(report.hostsUsed.hostHours * 3_600_000).toBeCloseTo(2_400 + 600_000 + 400 + 600_000, 3);
    expect(report.hostsUsed.mean).toBeCloseTo(1_202_800 / (3 * 3_600_000), 9);
    // Over time: means over 200 intervals of the 3-hour horizon, which average back to the run's means.
    const { overTime } = report;
    expect(overTime.sampleEvery).toBe(54_000);
    expect(overTime.hosts).toHaveLength(200);
    const average = (points: readonly { at: number; value: number }[]) =>
      points.reduce((sum, p, k) => sum + p.value * (p.at - (k === 0 ? 0 : points[k - 1]!.at)), 0) / points.at(-1)!.at;
    expect(average(overTime.hosts)).toBeCloseTo(report.hostsUsed.mean, 12);
    expect(average(overTime.instances)).toBeCloseTo(report.total.meanInstances, 12);
    expect(average(overTime.busy)).toBeCloseTo(report.total.meanBusyInstances, 12);
    expect(Math.max(...overTime.busy.map((p) => p.value))).toBeGreaterThan(0);
  });

  it('instances spread by least-allocated occupy more hosts than instances packed by most-allocated', () => {
    // About 10 busy instances at once (λ = 5/s × 2 s), each 1,769 MB and 1 vCPU, on 4 hosts of 16 cores.
    const hosts = (strategy: string) => {
      const sim = createSimulation(
        {
          seed: 3,
          horizon: '10m',
          scheduler: { strategy },
          hosts: [{ group: 'node', count: 4, capacity: { cpu: '16', memory: '64Gi' } }],
          functions: {
            platform: 'lambda',
            definitions: {
              f: {
                memory: 1769,
                handler: { dist: 'constant', value: '2s' },
                invocations: { process: 'poisson', rate: 5 },
              },
            },
          },
        },
        { eventLog: { keep: 'none' } },
      );
      sim.run();
      return sim.functions()!.hostsUsed;
    };
    const spread = hosts('least-allocated');
    const packed = hosts('most-allocated');
    expect(spread.peak).toBe(4);
    expect(packed.peak).toBeLessThan(spread.peak);
    expect(packed.hostHours).toBeLessThan(spread.hostHours);
  });

  it('P(cold) = e^(−λT) for one function with Poisson arrivals and a handler much shorter than the keep-alive T', () => {
    // λ = 1/min, T = 1 min, handler 1 ms: an invocation is cold when the idle time since the last one
    // ended exceeds T, i.e. with probability e^(−λ(T + 1 ms)) = e^(−1.0000167) ≈ 0.36787.
    const report = run(
      {
        platform: 'lambda',
        keepAlive: { policy: 'fixed', ttl: '1m' },
        definitions: {
          f: { handler: { dist: 'constant', value: 1 }, invocations: { process: 'poisson', rate: 1 / 60 } },
        },
      },
      '14d',
      7,
    );
    const f = report.functions.f!;
    const p = Math.exp(-(60_001 / 60_000));
    const se = Math.sqrt((p * (1 - p)) / f.served);
    expect(f.served).toBeGreaterThan(19_000);
    // Four standard errors: a false alarm about once in 16,000 seeds.
    expect(Math.abs(f.coldStartRatio - p)).toBeLessThan(4 * se);
    expect(f.maxInstances).toBeLessThanOrEqual(2);
  });

  it('a reference run: mean instances and idle memory-time as renewal-reward gives them, within 5%', () => {
    // One function, Poisson arrivals λ = 1/300 s, fixed keep-alive T = 10 min (λT = 2), handler S = 100 ms,
    // start-up c = 1 s, 2,048 MB, 42 days. Arrivals hardly overlap (λ(c + S) = 0.37%), so there is one
    // instance at most. After each invocation ends the instance idles until the next arrival or for T,
    // whichever is first: X ~ Exp(λ) from the end (Poisson arrivals are memoryless), so the idle time
    // per invocation is min(X, T), with E[min(X, T)] = (1 − e^(−λT))/λ, and the invocation is cold when
    // X > T, with probability e^(−λT). By the renewal-reward theorem (Ross, Introduction to Probability
    // Models, §7.4) the time-average of loaded instances is λ per second times the loaded time per
    // invocation:
    //   L = λ(S + c·e^(−λT)) + (1 − e^(−λT)) = 0.000333 + 0.000451 + 0.864665 = 0.865449,
    // and the memory held idle is 2 GB × H × (1 − e^(−λT)).
    const lambda = 1 / 300_000; // per ms
    const T = 600_000;
    const S = 100;
    const c = 1_000;
    const H = 42 * 86_400_000;
    const report = run(
      {
        platform: 'lambda',
        keepAlive: { policy: 'fixed', ttl: '10m' },
        definitions: {
          f: {
            memory: 2048,
            startup: { dist: 'constant', value: '1s' },
            handler: { dist: 'constant', value: '100ms' },
            invocations: { process: 'poisson', rate: 1 / 300 },
          },
        },
      },
      '42d',
      12,
    );
    const f = report.functions.f!;
    const kept = 1 - Math.exp(-lambda * T);
    const L = lambda * (S + c * Math.exp(-lambda * T)) + kept;
    const idleGbSeconds = (2 * H * kept) / 1000;
    // Standard error: the loaded time per invocation Y is min(X, T) plus at most 1.1 s, and the count of
    // invocations n is Poisson, so the relative error of their total is about sqrt(E[Y²]) / (sqrt(n) E[Y]),
    // with E[min(X, T)²] = 2(1 − e^(−λT)(1 + λT))/λ²: 1.26/sqrt(12,096) = 1.15% here, and 5% is 4.4 of them.
    // That is an upper bound: over a fixed horizon the count's own Poisson spread largely cancels in a
    // time average (seeds 12, 13, 14 are off by +0.06%, +0.13%, −0.09%).
    const n = lambda * H;
    const meanY = kept / lambda;
    const meanY2 = (2 * (1 - Math.exp(-lambda * T) * (1 + lambda * T))) / lambda ** 2;
    const se = Math.sqrt(meanY2) / (Math.sqrt(n) * meanY);
    expect(se).toBeLessThan(0.05 / 4);
    expect(f.maxInstances).toBeLessThanOrEqual(2);
    expect(Math.abs(f.meanInstances / L - 1)).toBeLessThan(0.05);
    expect(Math.abs(f.idleGbSeconds / idleGbSeconds - 1)).toBeLessThan(0.05);
    // And the provider's side: one host at a time, used exactly while the instance is loaded.
    expect(report.hostsUsed.mean).toBeCloseTo(f.meanInstances, 2);
  });

  it("Little's law: mean busy instances = arrival rate × mean handler time", () => {
    // λ = 50/s, E[S] = 100 ms → L = 5. The time average of an M/M/∞ occupancy over a horizon H has a
    // standard error of about sqrt(2 L E[S] / H) = sqrt(2 × 5 × 0.1 / 3600) ≈ 0.0167.
    const report = run(
      {
        platform: 'lambda',
        definitions: {
          api: { handler: { dist: 'exponential', mean: '100ms' }, invocations: { process: 'poisson', rate: 50 } },
        },
      },
      '1h',
      3,
    );
    const f = report.functions.api!;
    const se = Math.sqrt((2 * 5 * 0.1) / 3600);
    expect(Math.abs(f.meanBusyInstances - 5)).toBeLessThan(4 * se);
    expect(f.pending).toBeLessThanOrEqual(f.maxInstances);
  });
});

describe('function platform: instances are containers from a template', () => {
  it("an instance's spec is the one a scenario template with the function's memory, cpu share and image gives", () => {
    const sim = createSimulation(
      scenario({
        platform: 'lambda',
        definitions: {
          thumb: {
            memory: 512,
            pull: '2s',
            startup: { dist: 'constant', value: '300ms' },
            handler: { dist: 'constant', value: '100ms' },
            invocations: { process: 'counts', counts: [1], every: '1h' },
          },
        },
      }),
    );
    sim.run('1h');
    const made = sim.container('thumb@0')!.spec;
    // Lambda's cpu share: 512 MB × 1000 / 1769 = 289.4 → 289 millicores.
    const expected = createContainerSpec(
      { resources: sim.resources, scenario: { images: { thumb: { pullTime: 2000, size: 0 } } } },
      'thumb@0',
      {
        requests: { cpu: '289m', memory: '512Mi' },
        labels: { function: 'thumb' },
        image: 'thumb',
        duration: 'forever',
        restartPolicy: 'Never',
      },
      { startupMs: 300 },
    );
    expect(made).toEqual(expected);
    expect(made.pullMs).toBe(2000);
    expect(made.startupMs).toBe(300);
    expect(made.durationMs).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('function platform: warm reuse and pausing', () => {
  it('reuses an idle instance within its keep-alive and reports warm latency without the start-up', () => {
    const report = run(
      {
        platform: 'lambda',
        definitions: {
          f: {
            startup: { dist: 'constant', value: '1s' },
            handler: { dist: 'constant', value: '20ms' },
            invocations: { process: 'counts', counts: [1, 1, 1, 1], every: '1m' },
          },
        },
      },
      '5m',
    );
    const f = report.functions.f!;
    expect(f.served).toBe(4);
    expect(f.cold).toBe(1);
    expect(f.coldStarts).toBe(1);
    expect(f.warmLatency.max).toBe(20);
  });

  it('OpenWhisk pauses an instance idle for 10 s; a paused one resumes, warm, after the resume time', () => {
    const report = run(
      {
        platform: 'openwhisk',
        resume: '50ms',
        definitions: {
          f: {
            handler: { dist: 'constant', value: '10ms' },
            // One invocation a minute: each finds the instance paused (idle > 10 s) but loaded (< 10 min).
            invocations: { process: 'counts', counts: [1, 1, 1], every: '1m' },
          },
        },
      },
      '3m',
    );
    const f = report.functions.f!;
    expect(f.cold).toBe(1);
    expect(f.warmLatency.count).toBe(2);
    expect(f.warmLatency.max).toBeCloseTo(60, 6);
  });

  it('no keep-alive: every invocation that finds no instance starts cold', () => {
    const report = run(
      {
        platform: 'lambda',
        keepAlive: { policy: 'none' },
        definitions: {
          f: {
            handler: { dist: 'constant', value: '10ms' },
            invocations: { process: 'counts', counts: [3, 2], every: '1m' },
          },
        },
      },
      '2m',
    );
    expect(report.functions.f!.cold).toBe(5);
    expect(report.total.idleGbSeconds).toBe(0);
  });
});

describe('function platform: limits', () => {
  it('never runs more concurrent executions than the account allows; the rest are rejected (429)', () => {
    const sim = createSimulation(
      scenario(
        {
          platform: 'lambda',
          accountConcurrency: 10,
          definitions: {
            slow: { handler: { dist: 'constant', value: '1s' }, invocations: { process: 'poisson', rate: 30 } },
          },
        },
        '10m',
      ),
    );
    sim.run();
    const report = sim.functions()!;
    const f = report.functions.slow!;
    expect(report.maxConcurrency).toBe(10);
    expect(f.rejected).toBeGreaterThan(0);
    expect(f.served + f.rejected + f.failed + f.pending).toBe(f.arrived);
    expect(sim.events().filter((e) => e.type === 'invocation.rejected').length).toBe(f.rejected);
  });

  it('reserved concurrency caps a function and keeps its share from the others', () => {
    const report = run(
      {
        platform: 'lambda',
        accountConcurrency: 120,
        definitions: {
          capped: {
            reserved: 5,
            handler: { dist: 'constant', value: '1s' },
            invocations: { process: 'poisson', rate: 20 },
          },
          other: { handler: { dist: 'constant', value: '1s' }, invocations: { process: 'poisson', rate: 200 } },
        },
      },
      '5m',
    );
    expect(report.functions.capped!.maxInstances).toBeLessThanOrEqual(5);
    expect(report.functions.capped!.rejected).toBeGreaterThan(0);
    // The others share 120 − 5 = 115.
    expect(report.functions.other!.maxInstances).toBeLessThanOrEqual(115);
    expect(report.maxConcurrency).toBeLessThanOrEqual(120);
  });

  it('queues instead of rejecting with throttle: queue, and serves every invocation', () => {
    const report = run(
      {
        platform: 'lambda',
        accountConcurrency: 2,
        throttle: 'queue',
        definitions: {
          f: {
            handler: { dist: 'constant', value: '100ms' },
            invocations: { process: 'counts', counts: [600], every: '1m' },
          },
        },
      },
      '10m',
    );
    const f = report.functions.f!;
    expect(f.rejected).toBe(0);
    expect(f.throttled).toBeGreaterThan(0);
    expect(f.served).toBe(600);
    expect(report.maxConcurrency).toBe(2);
  });

  it("Lambda's scaling rate: at most 1,000 new environments per 10 s per function", () => {
    // 3,000 invocations within one second, each 30 s long: 1,000 start at once, the rest are refused
    // until tokens come back at 100 per second.
    const report = run(
      {
        platform: 'lambda',
        accountConcurrency: 10_000,
        definitions: {
          burst: {
            handler: { dist: 'constant', value: '30s' },
            timeout: '60s',
            invocations: { process: 'counts', counts: [3000], every: '1s' },
          },
        },
      },
      '1m',
    );
    const f = report.functions.burst!;
    // Within the first second: 1,000 from the bucket and up to 100 refilled.
    expect(f.coldStarts).toBeGreaterThanOrEqual(1000);
    expect(f.coldStarts).toBeLessThanOrEqual(1100);
    expect(f.rejected).toBe(3000 - f.coldStarts);
  });

  it('provisioned instances never cold-start and are billed whether used or not', () => {
    const report = run(
      {
        platform: 'lambda',
        definitions: {
          f: {
            memory: 1024,
            provisioned: 5,
            startup: { dist: 'constant', value: '1s' },
            handler: { dist: 'constant', value: '10ms' },
            // Arrivals after the instances are ready; 5 provisioned instances cover any 10 ms burst here.
            invocations: { process: 'counts', counts: [0, 60, 60, 60], every: '1m' },
          },
        },
      },
      '4m',
    );
    const f = report.functions.f!;
    expect(f.provisionedStarts).toBe(5);
    expect(f.coldStarts).toBe(0);
    expect(f.cold).toBe(0);
    // 5 × 1 GB × 240 s, billed as 300 s (rounded up to 5 min), at $0.0000041667 per GB-s, plus
    // 180 × (1 GB × 0.010 s × $0.0000097222 + $0.0000002).
    const expected = 5 * 300 * 0.0000041667 + 180 * (0.01 * 0.0000097222 + 0.2e-6);
    expect(f.cost).toBeCloseTo(expected, 12);
  });
});

describe('function platform: asynchronous invocations', () => {
  it('retries an async invocation whose handler times out twice (after 1 and 2 minutes), then fails it', () => {
    const sim = createSimulation(
      scenario(
        {
          platform: 'lambda',
          definitions: {
            slow: {
              mode: 'async',
              timeout: '3s',
              handler: { dist: 'constant', value: '5s' },
              invocations: { process: 'counts', counts: [1], every: '1s' },
            },
          },
        },
        '10m',
      ),
    );
    sim.run();
    const f = sim.functions()!.functions.slow!;
    expect(f.retries).toBe(2);
    expect(f.timeouts).toBe(3);
    expect(f.failed).toBe(1);
    const failure = sim.events().find((e) => e.type === 'invocation.failed');
    expect(failure).toMatchObject({ function: 'slow', cause: 'timeout', tries: 3 });
    // The first try arrives within the first second and fails 3 s later; the second 1 min after that
    // failure, the third 2 min after the second's: 3 + 60 + 3 + 120 + 3 = 189 s after the arrival.
    expect(failure!.at).toBeGreaterThanOrEqual(189_000);
    expect(failure!.at).toBeLessThan(190_000);
  });

  it('an async invocation over a limit waits in the queue and runs later instead of being refused', () => {
    const report = run(
      {
        platform: 'lambda',
        accountConcurrency: 1,
        definitions: {
          f: {
            mode: 'async',
            handler: { dist: 'constant', value: '500ms' },
            invocations: { process: 'counts', counts: [20], every: '1s' },
          },
        },
      },
      '1h',
    );
    const f = report.functions.f!;
    expect(f.rejected).toBe(0);
    expect(f.throttled).toBeGreaterThan(0);
    expect(f.served).toBe(20);
  });
});

describe('function platform: bad input', () => {
  const bad = (functions: unknown, horizon: string | null = '1h') => {
    try {
      const hosts = [{ name: 'h', capacity: { cpu: '1', memory: '1Gi' } }];
      createSimulation({ hosts, functions, ...(horizon === null ? {} : { horizon }) } as never);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error('expected a ConfigError');
  };
  const handler = { dist: 'constant', value: 1 };

  it('names the field and what was expected', () => {
    expect(bad({ platform: 'lambda', definitions: { f: { memory: 64, handler } } })).toContain(
      'functions.definitions.f.memory',
    );
    expect(bad({ platform: 'lambda', definitions: { f: { memory: 64, handler } } })).toContain(
      'expected 128 to 10240 MB on lambda, got 64',
    );
    expect(bad({ definitions: { f: { handler, invocations: { process: 'poisson', rate: -1 } } } })).toContain(
      'functions.definitions.f.invocations.rate',
    );
    expect(bad({ keepAlive: 'lru', definitions: { f: { handler } } })).toContain(
      "unknown keep-alive policy 'lru'; known: fixed, none, hybrid",
    );
    expect(bad({ platform: 'aws', definitions: {} })).toContain("unknown platform 'aws'");
    expect(bad({ definitions: { f: { handler, reserved: 950 } } })).toContain(
      'of which 100 must stay unreserved on lambda',
    );
    expect(bad({ definitions: { f: { handler, reserved: 2, provisioned: 3 } } })).toContain(
      'functions.definitions.f.provisioned',
    );
    expect(bad({ definitions: { f: { handler, concurrency: 4 } } })).toContain('expected 1 to 1 on lambda, got 4');
    expect(bad({ definitions: { f: { handler, timeout: '20m' } } })).toContain('at most 900000 ms on lambda');
    expect(bad({ definitions: { f: { handler, invocations: { process: 'poisson', rate: 1 } } } }, null)).toContain(
      'invocations need a horizon',
    );
    expect(bad({ keepAlive: { policy: 'hybrid', bin: '5h' }, definitions: { f: { handler } } })).toContain(
      'expected a positive bin width of at most the range (14400000 ms), got 18000000 ms\n    → at functions.keepAlive.bin',
    );
  });
});

describe('function platform: the hybrid policy and Knative in the simulation', () => {
  it('the hybrid policy learns a periodic function: pre-warms it just before each invocation, and wastes less memory', () => {
    // One invocation every 10 min (within a second). Fixed 4 h keeps the instance loaded all along; the
    // hybrid policy sees idle times of about 600 s (bins 9 and 10), unloads the instance after each
    // invocation and loads it again 9 × 60 s × 0.9 = 486 s later, so it is warm when the next arrives.
    const periodic = (keepAlive: FunctionsInput['keepAlive']) =>
      run(
        {
          platform: 'lambda',
          keepAlive,
          definitions: {
            cron: {
              startup: { dist: 'constant', value: '500ms' },
              handler: { dist: 'constant', value: '100ms' },
              invocations: {
                process: 'counts',
                counts: Array.from({ length: 36_000 }, (_, i) => (i % 600 === 0 ? 1 : 0)),
                every: '1s',
              },
            },
          },
        },
        '10h',
      ).functions.cron!;
    const hybrid = periodic({ policy: 'hybrid' });
    const fixed = periodic({ policy: 'fixed', ttl: '4h' });
    expect(hybrid.prewarms).toBeGreaterThan(40);
    expect(hybrid.cold).toBeLessThanOrEqual(5);
    expect(fixed.cold).toBe(1);
    expect(hybrid.idleGbSeconds).toBeLessThan(0.5 * fixed.idleGbSeconds);
  });

  it('Knative scales a revision to zero 30 s after demand stops, and the activator holds invocations meanwhile', () => {
    const sim = createSimulation(
      scenario(
        {
          platform: 'knative',
          definitions: {
            web: {
              concurrency: 10,
              startup: { dist: 'constant', value: '2s' },
              handler: { dist: 'constant', value: '100ms' },
              invocations: { process: 'on-off', rate: 200, meanOn: '2m', meanOff: '4m' },
            },
          },
        },
        '30m',
        5,
      ),
    );
    sim.run();
    const f = sim.functions()!.functions.web!;
    expect(f.served).toBe(f.arrived - f.pending);
    expect(f.rejected).toBe(0);
    // 200/s × 0.1 s = 20 in flight: target 7 per pod → about 3 pods while on, more while panicking.
    expect(f.maxInstances).toBeGreaterThanOrEqual(3);
    expect(f.coldStarts).toBeGreaterThan(3);
    // Pods were removed: the mean is well below the peak.
    expect(f.meanInstances).toBeLessThan(f.maxInstances / 2);
  });
});
