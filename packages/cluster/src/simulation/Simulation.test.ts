import { ConfigError } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import { isFinished } from '../containers/Container.js';
import type { ScenarioInput } from '../scenario/scenarioSchema.js';
import { createSimulation } from './Simulation.js';

const small: ScenarioInput = {
  seed: 7,
  hosts: [{ group: 'node', count: 3, capacity: { cpu: '4', memory: '8Gi' } }],
  images: { web: { pullTime: '5s' } },
  services: {
    web: { replicas: 4, template: { requests: { cpu: '1', memory: '1Gi' }, image: 'web', startup: '2s' } },
  },
};

describe('Simulation', () => {
  it('places a service and walks each container through its phases', () => {
    const sim = createSimulation(small).run('1m');
    const snap = sim.snapshot();
    const phases = Object.values(snap.containers).map((c) => c.phase);
    expect(phases).toEqual(['running', 'running', 'running', 'running']);
    const types = sim
      .events()
      .filter((e) => 'container' in e && e.container === 'web-0')
      .map((e) => `${e.at} ${e.type}`);
    expect(types).toEqual([
      '0 container.created',
      '0 container.scheduled',
      '0 container.pulling',
      '5000 container.starting',
      '7000 container.running',
      '7000 container.ready',
    ]);
  });

  it('is deterministic: the same seed gives the same event log', () => {
    const a = createSimulation(small).run('1m').events();
    const b = createSimulation(small).run('1m').events();
    expect(b).toEqual(a);
  });

  it('reports a container that fits nowhere as an event, not an exception', () => {
    const sim = createSimulation({
      hosts: [{ group: 'node', count: 2, capacity: { cpu: '1', memory: '1Gi' } }],
      containers: [{ name: 'huge', requests: { cpu: '2' } }],
    }).run('1s');
    const rejected = sim.events().find((e) => e.type === 'placement.rejected');
    expect(rejected).toMatchObject({ container: 'huge', attempt: 1, reasons: { 'Insufficient cpu': 2 } });
    expect(sim.container('huge')?.phase).toBe('pending');
  });

  it('retries an unschedulable container when capacity frees up', () => {
    const sim = createSimulation({
      scheduler: { strategy: 'first-fit' },
      hosts: [{ name: 'only', capacity: { cpu: '1', memory: '1Gi' } }],
      containers: [
        { name: 'first', requests: { cpu: '1' }, duration: '30s' },
        { name: 'second', requests: { cpu: '1' }, at: '1s', duration: '10s' },
      ],
    }).run('2m');
    const second = sim.container('second')!;
    expect(second.phase).toBe('succeeded');
    // Freed at 30 s; the backoff after one attempt (1 s) has long passed, so it is retried at once.
    expect(second.scheduledAt).toBe(30_000);
  });

  it('changes the desired state with an immer recipe and logs the patch', () => {
    const sim = createSimulation(small).run('1m');
    sim.update((d) => {
      d.services.web!.replicas = 2;
    });
    sim.run('2m');
    const running = Object.values(sim.snapshot().containers).filter((c) => c.phase === 'running');
    expect(running.map((c) => c.name)).toEqual(['web-0', 'web-1']);
    expect(sim.events().find((e) => e.type === 'desired.changed')).toMatchObject({
      patches: [{ op: 'replace', path: 'services.web.replicas', value: 2 }],
    });
  });

  it('shares unchanged parts between successive snapshots and freezes them', () => {
    const sim = createSimulation(small).run('1m');
    const a = sim.snapshot();
    sim.run('90s');
    const b = sim.snapshot();
    expect(Object.isFrozen(b.hosts)).toBe(true);
    expect(b.hosts['node-0']).toBe(a.hosts['node-0']);
  });

  it('rejects a bad scenario with every issue by path', () => {
    expect(() =>
      createSimulation({
        hosts: [{ group: 'a', capacity: { cpu: 'lots', memory: '1Gi' } }],
        services: { web: { replicas: -1, template: {} } },
      } as ScenarioInput),
    ).toThrow(ConfigError);
    try {
      createSimulation({
        hosts: [{ group: 'a', capacity: { cpu: 'lots', memory: '1Gi' } }],
        services: { web: { replicas: -1, template: {} } },
      } as ScenarioInput);
    } catch (error) {
      const paths = (error as ConfigError).issues.map((i) => i.path);
      expect(paths).toEqual(['hosts[0].capacity.cpu', 'services.web.replicas']);
    }
  });
});

describe('Simulation.addHost', () => {
  it('places waiting containers on a host that joins, with every strategy index rebuilt', () => {
    for (const strategy of ['kubernetes', 'best-fit', 'first-fit', 'swarm-spread']) {
      const sim = createSimulation({
        scheduler: { strategy },
        hosts: [{ name: 'a', capacity: { cpu: '1', memory: '1Gi' } }],
        containers: [
          { name: 'one', requests: { cpu: '1' } },
          { name: 'two', requests: { cpu: '1' } },
        ],
      }).run('5s');
      expect(sim.container('two')!.phase).toBe('pending');
      sim.addHost({ name: 'b', capacity: { cpu: '2', memory: '2Gi' } });
      sim.run('1m');
      expect(sim.container('two')!.host?.name).toBe('b');
    }
  });

  it('rejects a duplicate name and unknown resources, naming the fields', () => {
    const sim = createSimulation({ hosts: [{ name: 'a', capacity: { cpu: '1', memory: '1Gi' } }] });
    expect(() => sim.addHost({ name: 'a', capacity: { cpu: '1', tpu: 2 } })).toThrow(
      /a host named 'a' exists[\s\S]*→ at name[\s\S]*resource 'tpu' is not in this simulation[\s\S]*→ at capacity.tpu/,
    );
  });
});

describe('strategy and scorer names', () => {
  it.each(['toString', 'hasOwnProperty', '__proto__'])(
    '%s is an unknown strategy, not a member of Object.prototype',
    (name) => {
      expect(() =>
        createSimulation({
          scheduler: { strategy: name },
          hosts: [{ name: 'a', capacity: { cpu: '1', memory: '1Gi' } }],
        }),
      ).toThrow(new RegExp(`scheduler.strategy|unknown strategy '${name.replace('_', '_')}'`));
    },
  );

  it('an unknown scorer name is reported', () => {
    expect(() =>
      createSimulation({
        scheduler: { scorers: [{ name: 'toString' }] },
        hosts: [{ name: 'a', capacity: { cpu: '1', memory: '1Gi' } }],
      }),
    ).toThrow(/unknown scorer 'toString'/);
  });
});

describe('long runs', () => {
  const churn: ScenarioInput = {
    seed: 4,
    hosts: [{ group: 'node', count: 2, capacity: { cpu: '4', memory: '8Gi' } }],
    services: { web: { replicas: 4, template: { requests: { cpu: '500m' }, duration: '2m' } } },
  };

  it('forgets finished containers with keepFinished: false, and runs the same', () => {
    const kept = createSimulation(churn).run('1h');
    const lean = createSimulation(churn, { keepFinished: false }).run('1h');
    expect(lean.events()).toEqual(kept.events());
    expect([...kept.allContainers()].length).toBeGreaterThan(100);
    expect([...lean.allContainers()].map((c) => c.name)).toEqual(
      [...kept.allContainers()].filter((c) => !isFinished(c.phase)).map((c) => c.name),
    );
    expect(Object.keys(lean.snapshot().containers)).toHaveLength(4);
  });

  it('hands every event to onEvent, from the first host on', () => {
    const seen: string[] = [];
    const sim = createSimulation(churn, { onEvent: (e) => seen.push(e.type), eventLog: { keep: 'none' } }).run('5m');
    expect(seen[0]).toBe('host.added');
    expect(seen).toHaveLength(sim.log.size);
  });
});

describe('Simulation order of reaction (docs/concepts/architecture.md)', () => {
  it('frees a host before anyone hears a container ended, and has its replacement created before observers hear it', () => {
    const checks: string[] = [];
    const sim = createSimulation(small, {
      onEvent: (e) => {
        if (e.type !== 'container.evicted') return;
        const host = sim.cluster.hostsByName.get(e.host)!;
        const holds = [...sim.cluster.containersOn(host)].some((c) => c.name === e.container);
        checks.push(`${e.container} still bound: ${holds}; replacement: ${sim.container('web-4')?.phase}`);
      },
    });
    sim.run('1m');
    sim.evict(sim.container('web-1')!, 'test');
    expect(checks).toEqual(['web-1 still bound: false; replacement: pending']);
  });

  it('has the launch under way when observers hear a container was scheduled', () => {
    const phases: string[] = [];
    const sim = createSimulation(small, {
      onEvent: (e) => {
        if (e.type === 'container.scheduled') phases.push(sim.container(e.container)!.phase);
      },
    });
    sim.run('1m');
    // The first replica on each host pulls the image; later ones find it pulling and wait for it.
    expect(phases).toEqual(['pulling', 'pulling', 'pulling', 'pulling']);
  });
});

/** Every issue of a ConfigError thrown by `act`, as `path: message`. */
function configIssues(act: () => unknown): string[] {
  try {
    act();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error('expected a ConfigError');
}

/** Running containers per service. */
function running(sim: ReturnType<typeof createSimulation>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of sim.allContainers())
    if (c.phase === 'running' && c.service) out[c.service] = (out[c.service] ?? 0) + 1;
  return out;
}

describe('update goes through the scenario schema and its limits', () => {
  // Issue 15: replicas 1e9 ran out of memory; maxSurge -1, scaleDown 'banana' and a service named
  // 'constructor' were taken as they were.
  it('refuses what the scenario would refuse, naming the path, and changes nothing', () => {
    const sim = createSimulation(small).run('1m');
    const before = sim.desired;
    expect(
      configIssues(() =>
        sim.update((d) => {
          d.services.web!.replicas = 1e9;
        }),
      ),
    ).toEqual(['services.web.replicas: expected an integer from 0 to 1000000, got 1000000000']);
    expect(
      configIssues(() =>
        sim.update((d) => {
          Object.assign(d.services.web!, { rollout: { maxSurge: -1 }, scaleDown: 'banana' });
        }),
      ),
    ).toEqual([
      'services.web.rollout.maxSurge: expected a number >= 0, got -1',
      "services.web.scaleDown: expected one of 'kubernetes', 'newest-first', 'oldest-first', got 'banana'",
    ]);
    expect(
      configIssues(() =>
        sim.update((d) => {
          Object.assign(d.services, { constructor: { replicas: 1, template: {} } });
        }),
      ),
    ).toEqual(["services.constructor: 'constructor' is not allowed as a name"]);
    expect(sim.desired).toBe(before);
    expect(running(sim.run('2m'))).toEqual({ web: 4 });
  });

  it('accepts a valid change, a new service included', () => {
    const sim = createSimulation(small).run('1m');
    sim.update((d) => {
      d.services.web!.replicas = 2;
      d.services.api = { replicas: 1, template: { requests: { cpu: '1' } } };
    });
    expect(running(sim.run('2m'))).toEqual({ web: 2, api: 1 });
  });
});

describe('the API checks what its caller passes', () => {
  // Issue 15: these threw raw TypeErrors or were taken as they were.
  it('names the argument and what was expected, never a TypeError', () => {
    const sim = createSimulation(small).run('1m');
    const web0 = sim.container('web-0')!;
    const cases: Array<[() => unknown, string]> = [
      [
        () => sim.setHostState('node-0', 'banana' as never),
        "state: expected one of 'ready', 'not-ready', 'cordoned', 'down', got 'banana'",
      ],
      [() => sim.setHostState(7 as never, 'ready'), 'host: no host named 7'],
      [
        () => sim.run({} as never),
        "until: expected a duration such as '250ms', '10s', '5m' or '2h', or a number of milliseconds, got object",
      ],
      [() => sim.run(-5), 'until: expected a non-negative number of milliseconds, got -5'],
      [
        () => sim.evict({} as never, 'x'),
        'container: expected a container of this simulation (sim.container(name)), got an object',
      ],
      [
        () => sim.stop(null as never, 'x'),
        'container: expected a container of this simulation (sim.container(name)), got null',
      ],
      [() => sim.evict(web0, 42 as never), 'reason: expected text, got 42'],
      [
        () => sim.crashHost('node-0', { recoverAfter: {} as never }),
        "recoverAfter: expected a duration such as '250ms', '10s', '5m' or '2h', or a number of milliseconds, got object",
      ],
      [
        () => sim.failReadiness('web-0', null as never),
        "duration: expected a duration such as '250ms', '10s', '5m' or '2h', or a number of milliseconds, got null",
      ],
      [() => sim.update('banana' as never), "recipe: expected a function, got 'banana'"],
      [() => sim.runUntil(undefined as never), 'condition: expected a function, got nothing'],
      [() => sim.addController({} as never), 'controller: expected an object with start(runtime), got an object'],
      [() => sim.addHost(null as never), '(root): expected an object, got null'],
      [
        () => sim.addHost({ name: 'n9', capacity: { cpu: '1e400' }, hourlyCost: 1e308 }),
        "capacity.cpu: '1e400' is too large: at most 1000000000000 millicores of cpu",
      ],
      [() => sim.submit(null as never), '(root): expected a container spec, got object'],
    ];
    for (const [act, issue] of cases) expect(configIssues(act)[0]).toBe(issue);
    // The other simulation's container is refused too.
    const other = createSimulation(small).run('1m').container('web-0')!;
    expect(configIssues(() => sim.evict(other, 'x'))).toEqual([
      "container: expected a container of this simulation (sim.container(name)), got container 'web-0' of another simulation",
    ]);
    expect(sim.run('2m').cluster.hostsByName.get('node-0')!.state).toBe('ready');
  });

  it('checks a container spec given to submit as a scenario container is checked', () => {
    const sim = createSimulation(small);
    const good = {
      name: 'c',
      requests: new Float64Array(sim.resources.size),
      nonZeroRequests: new Float64Array(sim.resources.size),
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
      bestEffort: true,
      probes: {},
      warmupMs: 0,
      restartPolicy: 'Always' as const,
    };
    expect(sim.submit(good).name).toBe('c');
    expect(
      configIssues(() =>
        sim.submit({
          ...good,
          name: 'constructor',
          requests: new Float64Array([Number.POSITIVE_INFINITY, 0, 0].slice(0, sim.resources.size)),
          nonZeroRequests: new Float64Array(1 + sim.resources.size),
          durationMs: -1,
          restartPolicy: 'Sometimes' as never,
          probes: {
            liveness: { periodMs: 0, timeoutMs: 1000, initialDelayMs: 0, failureThreshold: 0, successThreshold: 1 },
          },
        }),
      ),
    ).toEqual([
      "name: expected a name of 1 to 253 characters, got 'constructor'",
      'requests[0]: expected a quantity from 0 to 1000000000000, got Infinity',
      `nonZeroRequests: expected a Float64Array of ${sim.resources.size} quantities (one per resource of the simulation), got an object`,
      'durationMs: expected ms from 0 to 1000000000000000 or Infinity, got -1',
      "restartPolicy: expected one of 'Always', 'OnFailure', 'Never', got 'Sometimes'",
      'probes.liveness.periodMs: expected ms from 1 to 1000000000000000, got 0',
      'probes.liveness.failureThreshold: expected an integer from 1 to 1000, got 0',
    ]);
  });
});
