import { ConfigError } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../simulation/Simulation.js';
import { parseScenario } from './parseScenario.js';
import { isExtendedResourceName } from './resourceNames.js';

function issues(input: unknown): string[] {
  try {
    parseScenario(input);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error('expected a ConfigError, but the scenario parsed');
}

const host = { name: 'a', capacity: { cpu: '4', memory: '8Gi' } };
const declare = (name: string) =>
  `declare extended resources in the scenario's extendedResources (extendedResources: [${name}]), or name them as Kubernetes does ('example.com/${name}')`;

describe('resource names', () => {
  it('refuses an unknown name in every resource map, suggesting the name meant', () => {
    const t = { requests: { cpus: '1' }, limits: { memroy: '1Gi' } };
    const scenario = {
      hosts: [{ name: 'a', capacity: { cpu: '4', memory: '8Gi', GPU: 1 } }],
      services: { web: { replicas: 1, template: t } },
      jobs: { batch: { tasks: [t] } },
      containers: [{ name: 'c', ...t }],
      streams: [
        {
          name: 's',
          arrivals: { process: 'poisson', rate: 1 },
          template: t,
          sizes: [{ weight: 1, requests: { memoyr: '1Gi' } }],
        },
      ],
      changes: [{ at: '1m', service: 'web', template: t }],
      nodeGroups: [{ name: 'g', min: 0, max: 2, template: { capacity: { cpu: '4', fpga: 1 } } }],
      scheduler: { scorers: [{ name: 'LeastAllocated', resources: { cpu: 1, memry: 1 } }] },
    };
    const cpus = `unknown resource 'cpus'; did you mean 'cpu'? Or ${declare('cpus')}`;
    const memroy = `unknown resource 'memroy'; did you mean 'memory'? Or ${declare('memroy')}`;
    expect(issues(scenario)).toEqual([
      `hosts[0].capacity.GPU: unknown resource 'GPU'; did you mean 'gpu'? Or ${declare('GPU')}`,
      `services.web.template.requests.cpus: ${cpus}`,
      `services.web.template.limits.memroy: ${memroy}`,
      `jobs.batch.tasks[0].requests.cpus: ${cpus}`,
      `jobs.batch.tasks[0].limits.memroy: ${memroy}`,
      `containers[0].requests.cpus: ${cpus}`,
      `containers[0].limits.memroy: ${memroy}`,
      `streams[0].template.requests.cpus: ${cpus}`,
      `streams[0].template.limits.memroy: ${memroy}`,
      `streams[0].sizes[0].requests.memoyr: unknown resource 'memoyr'; did you mean 'memory'? Or ${declare('memoyr')}`,
      `changes[0].template.requests.cpus: ${cpus}`,
      `changes[0].template.limits.memroy: ${memroy}`,
      `nodeGroups[0].template.capacity.fpga: unknown resource 'fpga': ${declare('fpga')}`,
      `scheduler.scorers[0].resources.memry: unknown resource 'memry'; did you mean 'memory'? Or ${declare('memry')}`,
    ]);
  });

  it("accepts Berth's names, Kubernetes' standard ones, domain/name extended resources and declared ones", () => {
    const scenario = parseScenario({
      extendedResources: ['fpga'],
      hosts: [
        {
          name: 'a',
          capacity: {
            cpu: '4',
            memory: '8Gi',
            gpu: 1,
            'ephemeral-storage': '100Gi',
            'hugepages-2Mi': '1Gi',
            'example.com/foo': 4,
            fpga: 2,
          },
        },
      ],
      containers: [{ name: 'c', requests: { fpga: 1, 'example.com/foo': 1 } }],
    });
    expect(Object.keys(scenario.hosts[0]!.capacity)).toHaveLength(7);
    // A declared resource nothing names yet is still one the simulation knows, after the others.
    const sim = createSimulation({ extendedResources: ['tpu'], hosts: [host] });
    expect(sim.resources.names).toEqual(['cpu', 'memory', 'gpu', 'tpu']);
  });

  it('refuses a built-in or repeated declaration', () => {
    expect(issues({ extendedResources: ['cpu', 'fpga', 'fpga'], hosts: [host] })).toEqual([
      "extendedResources[0]: 'cpu' is built in: remove it from the list",
      "extendedResources[2]: 'fpga' is declared twice",
    ]);
  });

  // kubernetes/pkg/apis/core/helper/helpers.go, IsExtendedResourceName and IsNativeResource.
  it.each([
    ['example.com/foo', true],
    ['nvidia.com/gpu', true],
    ['intel.com/foo_bar.2', true],
    ['foo', false],
    ['kubernetes.io/foo', false],
    ['requests.example.com/foo', false],
    ['Example.com/foo', false],
    ['example.com/', false],
    ['example.com/-foo', false],
    [`example.com/${'x'.repeat(64)}`, false],
  ])("isExtendedResourceName('%s') is %s, as in Kubernetes", (name, expected) => {
    expect(isExtendedResourceName(name)).toBe(expected);
  });
});
