import { ConfigError } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../simulation/Simulation.js';
import { parseScenario, parseScenarioText } from './parseScenario.js';
import type { Scenario, ScenarioInput } from './scenarioSchema.js';
import { SUSPICIOUS_QUANTITY, scenarioWarnings } from './scenarioWarnings.js';

const hosts: ScenarioInput['hosts'] = [{ group: 'n', count: 2, capacity: { cpu: '8', memory: '32Gi' } }];

function paths(scenario: ScenarioInput | Scenario): string[] {
  return scenarioWarnings(scenario).map((w) => `${w.path}: ${w.message}`);
}

describe('scenarioWarnings', () => {
  it('warns about memory under 1 MiB, naming the field and what was meant', () => {
    const scenario: ScenarioInput = {
      hosts,
      services: { web: { replicas: 1, template: { requests: { cpu: '500m', memory: 512 } } } },
    };
    expect(scenarioWarnings(scenario)).toEqual([
      {
        path: 'services.web.template.requests.memory',
        message: "512 is 512 bytes; did you mean '512Mi'?",
        code: SUSPICIOUS_QUANTITY,
      },
    ]);
  });

  it('warns about cpu above 1,000 cores', () => {
    expect(paths({ hosts: [{ name: 'a', capacity: { cpu: 4000, memory: '16Gi' } }] })).toEqual([
      "hosts[0].capacity.cpu: 4000 is 4,000 cores, more than any machine has; did you mean '4000m'?",
    ]);
  });

  it('warns about an image size under 1 MiB', () => {
    expect(paths({ hosts, images: { app: { pullTime: '5s', size: 400 } } })).toEqual([
      "images.app.size: 400 is 400 bytes; did you mean '400Mi'?",
    ]);
  });

  it('checks every place a scenario writes a quantity', () => {
    const scenario: ScenarioInput = {
      hosts: [{ name: 'a', capacity: { cpu: '8', memory: 100 } }],
      services: {
        web: {
          replicas: 1,
          template: { requests: { cpu: 2000 }, limits: { memory: 256 } },
          usage: {
            cpu: { shape: 'steps', initial: 1500, steps: [{ at: '1m', value: 3000 }] },
            memory: { shape: 'diurnal', mean: 64, amplitude: 0.5 },
          },
          autoscaling: { maxReplicas: 3, metrics: [{ resource: 'memory', averageValue: 200 }] },
        },
      },
      jobs: { batch: { tasks: [{ requests: { memory: 10 }, duration: '1m' }] } },
      containers: [{ name: 'c', requests: { cpu: 1200 } }],
      streams: [
        {
          name: 's',
          arrivals: { process: 'poisson', rate: 1 },
          template: { requests: { memory: 20 } },
          sizes: [{ weight: 1, requests: { cpu: 5000 } }],
          limit: 1,
        },
      ],
      changes: [{ at: '1m', service: 'web', template: { requests: { memory: 30 } } }],
      requests: { get: { service: 'web', serviceTime: { dist: 'constant', value: '10ms' }, cpu: 1001 } },
      nodeGroups: [{ name: 'pool', template: { capacity: { cpu: 1e4, memory: '8Gi' } }, max: 2 }],
      provisioner: { instanceTypes: [{ name: 'm', capacity: { cpu: '4', memory: 40 }, hourlyCost: 0.1 }] },
      functions: { definitions: { f: { cpu: 3000, handler: { dist: 'constant', value: '10ms' } } } },
    };
    expect(scenarioWarnings(scenario).map((w) => w.path)).toEqual([
      'hosts[0].capacity.memory',
      'services.web.template.requests.cpu',
      'services.web.template.limits.memory',
      'services.web.usage.cpu.initial',
      'services.web.usage.cpu.steps[0].value',
      'services.web.usage.memory.mean',
      'services.web.autoscaling.metrics[0].averageValue',
      'jobs.batch.tasks[0].requests.memory',
      'containers[0].requests.cpu',
      'streams[0].template.requests.memory',
      'streams[0].sizes[0].requests.cpu',
      'changes[0].template.requests.memory',
      'requests.get.cpu',
      'nodeGroups[0].template.capacity.cpu',
      'provisioner.instanceTypes[0].capacity.memory',
      'functions.definitions.f.cpu',
    ]);
  });

  it('says nothing about a scenario written with units, or about counts', () => {
    expect(
      paths({
        hosts: [{ name: 'a', capacity: { cpu: '16', memory: '64Gi', gpu: 4000 } }],
        services: { web: { replicas: 2, template: { requests: { cpu: 0.5, memory: '512Mi' } } } },
        images: { app: { size: '300Mi' } },
      }),
    ).toEqual([]);
  });

  it('reads the input of a parsed scenario, and a warning is not an error; from text, with its line', () => {
    const text = 'hosts:\n  - name: a\n    capacity: { cpu: 2000, memory: 4Gi }\n';
    const parsed = parseScenarioText(text);
    expect(parsed.hosts[0]?.capacity.cpu).toBe(2_000_000);
    expect(paths(parsed)).toEqual([
      "hosts[0].capacity.cpu: 2000 is 2,000 cores, more than any machine has; did you mean '2000m'? (line 3)",
    ]);
    expect(paths(parseScenario({ hosts: [{ name: 'a', capacity: { memory: 64 } }] }))).toEqual([
      "hosts[0].capacity.memory: 64 is 64 bytes; did you mean '64Mi'?",
    ]);
  });

  it('a simulation lists them, and refuses to start with them when strict', () => {
    const scenario: ScenarioInput = {
      hosts,
      services: { web: { replicas: 1, template: { requests: { memory: 256 } } } },
    };
    const sim = createSimulation(scenario);
    expect(sim.warnings.map((w) => w.path)).toEqual(['services.web.template.requests.memory']);
    expect(sim.run('1m').container('web-0')?.phase).toBe('running');
    expect(() => createSimulation(scenario, { strict: true })).toThrow(ConfigError);
    expect(() => createSimulation(scenario, { strict: true })).toThrow(
      /Invalid scenario \(strict\) \(1 issue\):\n {2}✖ 256 is 256 bytes; did you mean '256Mi'\?\n {4}→ at services\.web\.template\.requests\.memory/,
    );
    expect(createSimulation({ hosts }, { strict: true }).warnings).toEqual([]);
  });
});
