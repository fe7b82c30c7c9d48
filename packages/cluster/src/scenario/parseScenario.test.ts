import { ConfigError } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../simulation/Simulation.js';
import { simulationChecks } from '../simulation/simulationChecks.js';
import { LIMITS } from './fieldSchemas.js';
import { parseScenario, parseScenarioText, validate } from './parseScenario.js';
import { containerTemplateSchema } from './scenarioSchema.js';

/** Every issue of a bad scenario as `path: message`, in the order reported. */
function issues(parse: () => unknown): string[] {
  try {
    parse();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error('expected a ConfigError, but the scenario parsed');
}

const host = { name: 'a', capacity: { cpu: '4', memory: '8Gi' } };

describe('parseScenario', () => {
  it('applies defaults and converts units', () => {
    const s = parseScenario({
      hosts: [{ group: 'n', count: 2, capacity: { cpu: '1500m', memory: '2Gi' } }],
      containers: [{ name: 'c', requests: { cpu: 0.5 }, startup: '1m30s' }],
    });
    expect(s.hosts[0]).toMatchObject({ count: 2, capacity: { cpu: 1500, memory: 2048 }, maxContainers: 110 });
    // cpu: 0.5 is half a core, as in a Kubernetes manifest: 500 millicores.
    expect(s.containers[0]).toMatchObject({ requests: { cpu: 500 }, startup: 90_000, duration: Infinity, at: 0 });
    expect(s.scheduler).toEqual({
      strategy: 'kubernetes',
      queue: 'priority',
      initialBackoff: 1000,
      maxBackoff: 10_000,
      maxUnschedulableWait: 300_000,
    });
  });

  it('rejects unknown keys, naming the keys expected and a near miss', () => {
    expect(issues(() => parseScenario({ hosts: [{ ...host, capacty: {} }], servces: {} }))).toEqual([
      "hosts[0].capacty: unknown key 'capacty' (did you mean 'capacity'?); expected one of: group, name, count, capacity, gpus, maxContainers, labels, taints, hourlyCost",
      "servces: unknown key 'servces' (did you mean 'services'?); expected one of: name, description, seed, horizon, scheduler, extendedResources, hosts, images, services, jobs, containers, submission, streams, health, faults, failures, changes, requests, load, network, nodeGroups, clusterAutoscaler, provisioner, disruptionBudgets, functions",
    ]);
  });

  it('says what quantity was expected', () => {
    const bad = { hosts: [host, host, { name: 'c', capacity: { cpu: 'lots', memory: '4K', gpu: '1x' } }] };
    expect(issues(() => parseScenario(bad))).toEqual([
      "hosts[1].name: duplicate host name 'a'",
      "hosts[2].capacity.cpu: expected a quantity such as '500m' or '2', got 'lots'",
      "hosts[2].capacity.memory: unknown unit 'K' in '4K'; Kubernetes writes 1000 as 'k' and 1024 as 'Ki'",
      "hosts[2].capacity.gpu: unknown unit 'x' in '1x'",
    ]);
    // A value of the wrong type no longer hides the other problems of its record, nor the rules between parts.
    expect(
      issues(() => parseScenario({ hosts: [host, host, { name: 'c', capacity: { cpu: 'lots', gpu: true } }] })),
    ).toEqual([
      "hosts[1].name: duplicate host name 'a'",
      "hosts[2].capacity.cpu: expected a quantity such as '500m' or '2', got 'lots'",
      "hosts[2].capacity.gpu: expected a quantity such as '500m' or '2' (cpu), '512Mi' or '4Gi' (memory), or a number, got true",
    ]);
  });

  it('says what duration was expected', () => {
    const bad = { hosts: [host], horizon: 'soon', containers: [{ name: 'c', startup: -5, duration: true, at: '1x' }] };
    expect(issues(() => parseScenario(bad))).toEqual([
      "horizon: expected a duration such as '250ms', '10s', '5m' or '2h', got 'soon'",
      'containers[0].startup: expected a non-negative number of milliseconds, got -5',
      "containers[0].duration: expected 'forever' or a duration such as '250ms', '10s', '5m' or '2h', or a number of milliseconds, got true",
      "containers[0].at: expected a duration such as '250ms', '10s', '5m' or '2h', got '1x'",
    ]);
  });

  it('refuses negative and fractional replicas', () => {
    const bad = {
      hosts: [host],
      services: { web: { replicas: -1, template: {} }, api: { replicas: 1.5, template: {} } },
    };
    expect(issues(() => parseScenario(bad))).toEqual([
      'services.web.replicas: expected an integer from 0 to 1000000, got -1',
      'services.api.replicas: expected an integer from 0 to 1000000, got 1.5',
    ]);
  });

  it('refuses a billion hosts at once, without building them', () => {
    const group = { group: 'n', count: 1_000_000_000, capacity: { cpu: '1' } };
    const started = process.hrtime.bigint();
    expect(issues(() => createSimulation({ hosts: [group] }))).toEqual([
      'hosts[0].count: expected an integer from 1 to 1000000, got 1000000000',
    ]);
    // Two groups each within the limit are refused together.
    const half = { group: 'n', count: LIMITS.hosts, capacity: { cpu: '1' } };
    expect(issues(() => createSimulation({ hosts: [half, { ...half, group: 'm' }] }))).toEqual([
      'hosts: at most 1000000 hosts are supported in all, got 2000000',
    ]);
    expect(
      issues(() =>
        parseScenario({
          hosts: [host],
          services: { w: { replicas: 1e6, template: {} } },
          jobs: { j: { tasks: [{ count: 1e7 }] } },
        }),
      ),
    ).toEqual(['(root): at most 10000000 containers are supported in all, got 11000000']);
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(1000);
  });

  it("refuses '__proto__' keys at every level, as JSON.parse and YAML produce them", () => {
    const json = JSON.parse(
      '{"__proto__": {}, "hosts": [{"name": "a", "capacity": {"__proto__": 1}, "labels": {"__proto__": "x"}}],' +
        ' "services": {"__proto__": {"replicas": 1, "template": {}}}, "images": {"__proto__": {}}}',
    );
    expect(issues(() => parseScenario(json))).toEqual([
      "__proto__: '__proto__' is not allowed as a key",
      "hosts[0].capacity.__proto__: '__proto__' is not allowed as a key",
      "hosts[0].labels.__proto__: '__proto__' is not allowed as a key",
      "services.__proto__: '__proto__' is not allowed as a key",
      "images.__proto__: '__proto__' is not allowed as a key",
    ]);
    const yaml = 'hosts:\n  - name: a\n    capacity: {cpu: 1}\n    labels:\n      __proto__: x\n';
    expect(issues(() => parseScenarioText(yaml))).toEqual([
      "hosts[0].labels.__proto__: '__proto__' is not allowed as a key (line 5)",
    ]);
    expect(issues(() => parseScenario({ hosts: [{ ...host, labels: { constructor: 'x' } }] }))).toEqual([
      "hosts[0].labels.constructor: 'constructor' is not allowed as a name",
    ]);
  });

  it('refuses duplicate host names, including the names groups give their hosts', () => {
    const bad = {
      hosts: [
        { group: 'n', count: 3, capacity: {} },
        { name: 'n-2', capacity: {} },
        { group: 'n', capacity: {} },
        { name: 'x', capacity: {}, count: 2 },
        { capacity: {} },
      ],
    };
    expect(issues(() => parseScenario(bad))).toEqual([
      "hosts[1].name: duplicate host name 'n-2': the group 'n' has a host of that name",
      "hosts[2].group: duplicate group name 'n'",
      "hosts[3].count: a named host has count 1; use 'group' for 2 hosts",
      "hosts[4]: give a single host a 'name', or a group of hosts a 'group' name",
    ]);
  });

  it('refuses container names that services, jobs or other containers already use', () => {
    const bad = {
      hosts: [{ group: 'n', count: 2, capacity: {} }],
      services: { web: { replicas: 1, template: {} } },
      jobs: { web: { tasks: [{}] }, batch: { tasks: [{ count: 2 }, {}] } },
      containers: [{ name: 'web-9' }, { name: 'batch-2', host: 'n-2' }, { name: 'batch-3' }, { name: 'batch-3' }],
    };
    expect(issues(() => parseScenario(bad))).toEqual([
      "jobs.web: 'web' names both a service and a job; their containers would share names",
      "containers[0].name: container name 'web-9' is taken by a replica of service 'web'",
      "containers[1].name: container name 'batch-2' is taken by a task of job 'batch'",
      "containers[1].host: no host named 'n-2'",
      "containers[3].name: duplicate container name 'batch-3'",
    ]);
  });

  it('checks tolerations, affinity operators, limits and backoffs as Kubernetes does', () => {
    const bad = {
      hosts: [host],
      scheduler: { initialBackoff: '20s' },
      containers: [
        {
          name: 'c',
          requests: { cpu: '2' },
          limits: { cpu: '1' },
          tolerations: [{ value: 'x' }, { key: 'k', operator: 'Exists', value: 'v' }],
          affinity: {
            required: [
              { key: 'z', operator: 'In' },
              { key: 'n', operator: 'Gt', values: ['x'] },
            ],
          },
        },
      ],
    };
    expect(issues(() => parseScenario(bad))).toEqual([
      'scheduler.maxBackoff: maxBackoff (10000 ms) must be at least initialBackoff (20000 ms)',
      'containers[0].requests.cpu: the request (2000) exceeds the limit (1000); a request must be at most its limit',
      "containers[0].tolerations[0].key: a toleration without a key must use operator 'Exists' (it then tolerates every taint)",
      "containers[0].tolerations[1].value: operator 'Exists' matches any value; remove the value or use operator 'Equal'",
      "containers[0].affinity.required[0].values: operator 'In' needs at least one value",
      "containers[0].affinity.required[1].values: operator 'Gt' needs exactly one integer value, such as ['4']",
    ]);
  });

  it('lists several issues at once, in the order they appear in the input', () => {
    const bad = {
      seed: 1.5,
      hosts: [{ name: 'a', capacity: { cpu: 'x' }, taints: [{ key: 'k', effect: 'NoSchedul' }] }],
      scheduler: { queue: 'lifo', sampling: { percentage: 200 } },
      services: { web: { replicas: 1, template: { image: '' } } },
    };
    expect(issues(() => parseScenario(bad))).toEqual([
      'seed: expected an integer or text, got 1.5',
      "hosts[0].capacity.cpu: expected a quantity such as '500m' or '2', got 'x'",
      "hosts[0].taints[0].effect: expected one of 'NoSchedule', 'PreferNoSchedule', 'NoExecute', got 'NoSchedul' (did you mean 'NoSchedule'?)",
      "scheduler.queue: expected one of 'priority', 'fifo', 'drf', got 'lifo' (did you mean 'fifo'?)",
      'scheduler.sampling.percentage: expected a number <= 100, got 200',
      'services.web.template.image: expected a non-empty name',
    ]);
  });

  it("takes scheduler.gpuTies 'first' or 'permuted' and names the field of anything else", () => {
    const host = { name: 'a', capacity: { cpu: '4000m', memory: '8Gi' } };
    expect(parseScenario({ hosts: [host], scheduler: { gpuTies: 'permuted' } }).scheduler.gpuTies).toBe('permuted');
    expect(parseScenario({ hosts: [host] }).scheduler.gpuTies).toBeUndefined();
    expect(issues(() => parseScenario({ hosts: [host], scheduler: { gpuTies: 'random' } }))).toEqual([
      "scheduler.gpuTies: expected one of 'first', 'permuted', got 'random'",
    ]);
  });

  it('says what a scenario is when given something else', () => {
    expect(issues(() => parseScenario(null))).toEqual([
      "(root): expected a scenario: an object with a 'hosts' list, got null",
    ]);
    expect(issues(() => parseScenario({ hosts: [] }))).toEqual(['hosts: a scenario needs at least one host']);
    expect(issues(() => parseScenario({}))).toEqual(['hosts: expected a list of hosts, got nothing']);
  });

  it('takes a scenario without hosts when the caller adds streams that may add them (berth run --trace)', () => {
    expect(parseScenario({ hosts: [] }, 'scenario', { streamsAdded: true }).hosts).toEqual([]);
    expect(parseScenarioText('hosts: []\n', 'scenario', { streamsAdded: true }).hosts).toEqual([]);
    // Every other rule still holds.
    expect(
      issues(() => parseScenario({ hosts: [], scheduler: { strategy: '' } }, 'scenario', { streamsAdded: true })),
    ).toEqual(['scheduler.strategy: expected a non-empty name']);
  });

  it('validates a part on its own, with the path of where it belongs', () => {
    const result = validate(containerTemplateSchema, { requests: { cpu: 'lots' } }, ['services', 'web', 'template']);
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          path: 'services.web.template.requests.cpu',
          message: "expected a quantity such as '500m' or '2', got 'lots'",
          code: 'custom',
        },
      ],
    });
  });
});

describe('parseScenarioText', () => {
  it('reads YAML and JSON alike', () => {
    // A plain number is in Berth's unit: cpu 2 is 2 millicores; cores are written as text, '2'.
    const yaml = parseScenarioText("hosts:\n  - name: a\n    capacity: { cpu: '2', memory: 4Gi }\n");
    const json = parseScenarioText('{"hosts": [{"name": "a", "capacity": {"cpu": "2", "memory": "4Gi"}}]}');
    expect(yaml).toEqual(json);
    expect(yaml.hosts[0]?.capacity).toEqual({ cpu: 2000, memory: 4096 });
  });

  it('reports a syntax error with its line and column', () => {
    expect(issues(() => parseScenarioText('hosts:\n  - name: a\n   capacity: {}\n'))).toEqual([
      '(root): Sequence item without - indicator at line 3, column 1',
    ]);
  });

  it('refuses duplicate keys in YAML and JSON by path, line and column, with the other problems', () => {
    const hosts = "hosts: [{ name: a, capacity: { cpu: '1', memory: 1Gi } }]\n";
    expect(issues(() => parseScenarioText(`name: x\n${hosts}name: y\n`))).toEqual([
      'name: duplicate key (first at line 1); keys must be unique at line 3, column 1',
    ]);
    // JSON.parse would keep the last "replicas" in silence.
    const json =
      '{"hosts": [{"name": "a", "capacity": {"cpu": "1", "memory": "1Gi"}}],\n "services": {"web": {\n  "replicas": 1, "template": {}, "replicas": -1}}}';
    expect(issues(() => parseScenarioText(json))).toEqual([
      'services.web.replicas: duplicate key (first at line 3); keys must be unique at line 3, column 34',
      'services.web.replicas: expected an integer from 0 to 1000000, got -1 (line 3)',
    ]);
    expect(issues(() => parseScenarioText('hosts: []\nhosts: []\n'))).toEqual([
      'hosts: duplicate key (first at line 1); keys must be unique at line 2, column 1',
      'hosts: a scenario needs at least one host (line 2)',
    ]);
  });

  it('names the line of each validation issue', () => {
    const text =
      'hosts:\n  - name: a\n    capacity:\n      cpu: lots\nservices:\n  web: {replicas: -1, template: {}}\n';
    expect(issues(() => parseScenarioText(text))).toEqual([
      "hosts[0].capacity.cpu: expected a quantity such as '500m' or '2', got 'lots' (line 4)",
      'services.web.replicas: expected an integer from 0 to 1000000, got -1 (line 6)',
    ]);
  });

  it('refuses an alias bomb', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++)
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(', ')}]`,
      );
    expect(issues(() => parseScenarioText(bomb.join('\n')))).toEqual([
      '(root): Excessive alias count indicates a resource exhaustion attack',
    ]);
  });
});

describe("scheduler.scorers[].shape (RequestedToCapacityRatio's)", () => {
  const parse = (scorer: Record<string, unknown>) => () =>
    parseScenario({ hosts: [host], scheduler: { scorers: [scorer] } });
  const line = [
    { utilization: 0, score: 0 },
    { utilization: 100, score: 10 },
  ];

  it('accepts a shape on RequestedToCapacityRatio', () => {
    const s = parseScenario({
      hosts: [host],
      scheduler: { scorers: [{ name: 'RequestedToCapacityRatio', shape: line }] },
    });
    expect(s.scheduler.scorers?.[0]?.shape).toEqual(line);
  });

  it('requires one on RequestedToCapacityRatio and refuses one elsewhere', () => {
    expect(issues(parse({ name: 'RequestedToCapacityRatio' }))).toEqual([
      'scheduler.scorers[0].shape: RequestedToCapacityRatio needs a shape, e.g. [{ utilization: 0, score: 0 }, { utilization: 100, score: 10 }]',
    ]);
    expect(issues(parse({ name: 'LeastAllocated', shape: line }))).toEqual([
      "scheduler.scorers[0].shape: only RequestedToCapacityRatio takes a shape; 'LeastAllocated' does not",
    ]);
  });

  it("checks kube-scheduler's ranges and order, naming the point", () => {
    expect(
      issues(
        parse({
          name: 'RequestedToCapacityRatio',
          shape: [
            { utilization: 50, score: 1 },
            { utilization: 50, score: 2 },
          ],
        }),
      ),
    ).toEqual(['scheduler.scorers[0].shape[1].utilization: utilization values must increase: 50 follows 50']);
    expect(issues(parse({ name: 'RequestedToCapacityRatio', shape: [{ utilization: 101, score: 11 }] }))).toEqual([
      'scheduler.scorers[0].shape[0].utilization: expected an integer from 0 to 100, got 101',
      'scheduler.scorers[0].shape[0].score: expected an integer from 0 to 10, got 11',
    ]);
    expect(issues(parse({ name: 'RequestedToCapacityRatio', shape: [] }))).toEqual([
      'scheduler.scorers[0].shape: expected at least one point',
    ]);
  });
});

describe('settings that would loop at one instant are refused', () => {
  // Issue 15: both passed validation and then never let simulated time advance.
  it('a probe period of 0, and maxUnschedulableWait below 1 s', () => {
    const web = { replicas: 1, template: { probes: { liveness: { period: 0 }, readiness: { period: '0s' } } } };
    expect(
      issues(() => parseScenario({ scheduler: { maxUnschedulableWait: 0 }, hosts: [host], services: { web } })),
    ).toEqual([
      'scheduler.maxUnschedulableWait: expected at least 1000 ms (a container that fits nowhere is retried after this long), got 0',
      'services.web.template.probes.liveness.period: expected at least 1 ms (a probe period of 0 never lets time advance), got 0',
      'services.web.template.probes.readiness.period: expected at least 1 ms (a probe period of 0 never lets time advance), got 0',
    ]);
  });

  it('the smallest values allowed let a run end: a container that fits nowhere, a 1 ms liveness probe', () => {
    const sim = createSimulation({
      horizon: '10m',
      scheduler: { maxUnschedulableWait: '1s' },
      hosts: [host],
      services: { web: { replicas: 1, template: { probes: { liveness: { period: 1, timeout: 0 } } } } },
      containers: [{ name: 'big', requests: { cpu: '64' } }],
    });
    sim.run();
    expect(sim.now).toBe(600_000);
    expect(sim.container('big')!.phase).toBe('pending');
    expect(sim.container('web-0')!.phase).toBe('running');
  });
});

describe('numbers that overflow, and names that name nothing, are refused', () => {
  // Issue 15: these passed validation and failed at run time naming internal fields, or not at all.
  it('capacity, hourly cost and horizon beyond their limits', () => {
    const big = { name: 'b', capacity: { cpu: 1e308, memory: '1e305' }, hourlyCost: 1e308 };
    expect(issues(() => parseScenario({ horizon: `${'9'.repeat(400)}ms`, hosts: [big] }))).toEqual([
      "horizon: '9999999999999999999999999999999999999...' is too long: at most 1000000000000000 ms (about 31,700 years)",
      'hosts[0].capacity.cpu: 1e+308 is too large: at most 1000000000000 millicores of cpu',
      "hosts[0].capacity.memory: '1e305' is too large: at most 1000000000000 MiB of memory",
      'hosts[0].hourlyCost: expected a number <= 1000000000, got 1e+308',
    ]);
  });

  it('a container fault names a container the scenario creates', () => {
    const scenario = {
      hosts: [host],
      services: { web: { replicas: 1, template: {} } },
      jobs: { batch: { tasks: [{ count: 2 }] } },
      containers: [{ name: 'solo' }],
      faults: [
        { kind: 'container-crash', at: '1m', container: 'web-7' },
        { kind: 'hang', at: '1m', container: 'batch-1' },
        { kind: 'readiness-failure', at: '1m', container: 'solo', duration: '1m' },
        { kind: 'container-crash', at: '1m', container: 'nope' },
        { kind: 'hang', at: '1m', container: 'batch-2' },
      ],
    };
    const expected = "expected a standalone container, '<service>-<n>' or '<job>-<n>' of this scenario";
    expect(issues(() => parseScenario(scenario))).toEqual([
      `faults[3].container: no container named 'nope': ${expected}`,
      `faults[4].container: no container named 'batch-2': ${expected}`,
    ]);
  });
});

describe('one pass: the problems of each part and the rules between parts, together', () => {
  it('applies the rules to the valid parts while other parts are wrong, by line', () => {
    const text = [
      'hosts:',
      '  - { group: n, count: 2, capacity: { cpu: lots, memory: 4Gi } }',
      'services:',
      '  web: { replicas: 1, template: { startup: 1x } }',
      'changes:',
      '  - { at: 1m, service: wbe }',
      'faults:',
      '  - { kind: partition, at: 1m, host: n-2 }',
      '  - { kind: zone-outage, at: 1m, key: zone, value: a }',
      'scheduler: { strategy: nope }',
      '',
    ].join('\n');
    const check = simulationChecks();
    expect(issues(() => parseScenarioText(text, 'scenario', { check }))).toEqual([
      "hosts[0].capacity.cpu: expected a quantity such as '500m' or '2', got 'lots' (line 2)",
      "services.web.template.startup: expected a duration such as '250ms', '10s', '5m' or '2h', got '1x' (line 4)",
      "changes[0].service: no service named 'wbe' (line 6)",
      "faults[0].host: no host named 'n-2' (did you mean 'n-0'?) (line 8)",
      'faults[1].value: no host has the label zone=a (line 9)',
      expect.stringMatching(/^scheduler\.strategy: unknown strategy 'nope'; known: kubernetes, .* \(line 10\)$/),
    ]);
  });

  it("reports a caller naming a service's queue in the same pass, with the names a run resolves", () => {
    const scenario = {
      seed: [1],
      hosts: [host],
      services: { web: { replicas: 1, template: {}, serving: {} } },
      requests: {
        back: { service: 'web', serviceTime: { dist: 'constant', value: '1ms' } },
        page: {
          service: 'web',
          serviceTime: { dist: 'constant', value: '1ms' },
          calls: [{ request: 'back', balancing: 'shared-queue' }],
        },
      },
    };
    const found = issues(() => parseScenario(scenario, 'scenario', { check: simulationChecks() }));
    expect(found).toContain('seed: expected an integer or text, got a list of 1');
    expect(found).toContain(
      "requests.page.calls[0].balancing: 'shared-queue' is a queue in front of a service, not a caller's choice: set it as the service's serving.balancing",
    );
  });

  it('leaves out a rule that reads a part left out, rather than report what is not wrong', () => {
    // `web` is left out (its replicas are of the wrong type): the change naming it is not reported, nor the
    // fault on a replica of it; the host group `n` is left out: a fault on `n-1` is not reported either.
    const scenario = {
      hosts: [host, { group: 'n', count: 'two', capacity: { cpu: '1', memory: '1Gi' } }],
      services: { web: { replicas: 'one', template: {} } },
      changes: [{ at: '1m', service: 'web' }],
      faults: [
        { kind: 'container-crash', at: '1m', container: 'web-0' },
        { kind: 'host-crash', at: '1m', host: 'n-1' },
        { kind: 'host-crash', at: '1m', host: 'b' },
      ],
    };
    expect(issues(() => parseScenario(scenario))).toEqual([
      "hosts[1].count: expected an integer from 1 to 1000000, got 'two'",
      "services.web.replicas: expected an integer from 0 to 1000000, got 'one'",
      "faults[2].host: no host named 'b' (did you mean 'a'?)",
    ]);
  });

  it('maps the indexes of a list that lost entries back to the input', () => {
    const scenario = {
      hosts: [host],
      containers: [
        { name: 'x', requests: { cpu: {} } },
        { name: 'y', host: 'nowhere' },
      ],
    };
    expect(issues(() => parseScenario(scenario))).toEqual([
      "containers[0].requests.cpu: expected a quantity such as '500m' or '2' (cpu), '512Mi' or '4Gi' (memory), or a number, got an object",
      "containers[1].host: no host named 'nowhere'",
    ]);
  });

  it("refuses a rollout that could never start, and more than 100% unavailable, as Kubernetes' validation does", () => {
    const service = (rollout: object) => ({ hosts: [host], services: { web: { replicas: 2, template: {}, rollout } } });
    const never =
      'services.web.rollout.maxUnavailable: maxUnavailable may not be 0 when maxSurge is 0: the rollout could neither add nor remove a replica';
    expect(issues(() => parseScenario(service({ maxSurge: 0, maxUnavailable: 0 })))).toEqual([never]);
    expect(issues(() => parseScenario(service({ maxSurge: '0%', maxUnavailable: 0 })))).toEqual([never]);
    expect(issues(() => parseScenario(service({ maxUnavailable: '110%' })))).toEqual([
      "services.web.rollout.maxUnavailable: expected at most '100%', got '110%'",
    ]);
    // One of them 0 and the other at its default (25%) is fine, as in Kubernetes.
    expect(() => parseScenario(service({ maxSurge: 0 }))).not.toThrow();
    expect(() => parseScenario(service({ maxSurge: 0, maxUnavailable: 1 }))).not.toThrow();
  });

  it("createSimulation checks the scenario's names with its options, in the same pass", () => {
    const scenario = {
      hosts: [{ name: 'a', capacity: { cpu: 'x', memory: '1Gi' } }],
      scheduler: { strategy: 'mine', scorers: [{ name: 'LeastAlocated' }] },
    };
    expect(issues(() => createSimulation(scenario))).toEqual([
      "hosts[0].capacity.cpu: expected a quantity such as '500m' or '2', got 'x'",
      expect.stringMatching(/^scheduler\.strategy: unknown strategy 'mine'; known: kubernetes, /),
      expect.stringMatching(
        /^scheduler\.scorers\[0\]\.name: unknown scorer 'LeastAlocated' \(did you mean 'LeastAllocated'\?\); known: /,
      ),
    ]);
    // A strategy given as an option replaces the scenario's, whose names are then not read.
    const ok = { hosts: [host], scheduler: { strategy: 'mine' } };
    expect(() => createSimulation(ok, { strategy: 'best-fit' })).not.toThrow();
    expect(() => createSimulation(parseScenario(ok))).toThrow(
      /scheduler\.strategy: unknown strategy 'mine'|unknown strategy 'mine'/,
    );
  });

  it('rejects every number that overflows, quantities, durations and costs alike, never turning it into Infinity', () => {
    const template = {
      nodeGroups: [{ name: 'g', max: 2, hourlyCost: 1e308, template: { capacity: { cpu: '1e400' } } }],
    };
    const text = JSON.stringify({
      hosts: [{ name: 'a', capacity: { cpu: '4', memory: '1e310' } }],
      images: { big: { size: '1e400' } },
      services: {
        web: {
          replicas: 1,
          template: { requests: { cpu: '1e13' }, startup: '99999999999999d', probes: { liveness: { period: 1e17 } } },
          usage: { cpu: { shape: 'constant', value: '1e400' } },
        },
      },
      provisioner: { name: 'p', instanceTypes: [{ name: 't', capacity: { cpu: '1' }, hourlyCost: 1e300 }] },
      failures: [
        {
          model: 'host-failures',
          mtbf: { dist: 'exponential', mean: `${'9'.repeat(400)}h` },
          mttr: { dist: 'constant', value: 1 },
        },
      ],
      ...template,
    }).replace('"hourlyCost":1e+308', '"hourlyCost":1e400');
    expect(issues(() => parseScenarioText(text))).toEqual([
      "hosts[0].capacity.memory: '1e310' is too large: at most 1000000000000 MiB of memory (line 1)",
      "images.big.size: '1e400' is too large: at most 1000000000000 MiB of memory (line 1)",
      "services.web.template.requests.cpu: '1e13' is too large: at most 1000000000000 millicores of cpu (line 1)",
      "services.web.template.startup: '99999999999999d' is too long: at most 1000000000000000 ms (about 31,700 years) (line 1)",
      'services.web.template.probes.liveness.period: 100000000000000000 is too long: at most 1000000000000000 ms (about 31,700 years) (line 1)',
      "services.web.usage.cpu.value: '1e400' is too large: at most 1000000000000 millicores of cpu (line 1)",
      'provisioner.instanceTypes[0].hourlyCost: expected a number <= 1000000000, got 1e+300 (line 1)',
      "failures[0].mtbf.mean: '9999999999999999999999999999999999999...' is too long: at most 1000000000000000 ms (about 31,700 years) (line 1)",
      // JSON's 1e400 is read as Infinity, which is not a number a scenario may give.
      'nodeGroups[0].hourlyCost: expected a number, got Infinity (line 1)',
      "nodeGroups[0].template.capacity.cpu: '1e400' is too large: at most 1000000000000 millicores of cpu (line 1)",
    ]);
  });
});
