import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parseScenario } from './parseScenario.js';
import { scenarioJsonSchema } from './scenarioJsonSchema.js';

const committed = fileURLToPath(new URL('../../../../docs/scenario.schema.json', import.meta.url));
const reference = fileURLToPath(new URL('../../../../docs/reference/scenario.md', import.meta.url));

/** Every property name anywhere in a JSON Schema. */
function propertyNames(node: unknown, out = new Set<string>()): Set<string> {
  if (typeof node !== 'object' || node === null) return out;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' && typeof value === 'object' && value !== null) {
      for (const name of Object.keys(value)) out.add(name);
    }
    propertyNames(value, out);
  }
  return out;
}

// An editor checks files against the JSON Schema; Berth checks them with zod. The two must agree on
// everything the JSON Schema can express (cross-field rules, such as unique names, it cannot).
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
const check = ajv.compile(scenarioJsonSchema());

const valid: Record<string, unknown> = {
  'the quick start': {
    seed: 42,
    hosts: [
      { group: 'small', count: 3, capacity: { cpu: '2', memory: '8Gi' }, labels: { zone: 'a' } },
      { group: 'large', count: 2, capacity: { cpu: '8', memory: '32Gi' }, labels: { zone: 'b' } },
    ],
    images: { web: { pullTime: '8s' }, batch: { pullTime: '20s' } },
    services: {
      web: { replicas: 6, template: { requests: { cpu: '500m', memory: '1Gi' }, image: 'web', startup: '3s' } },
    },
    jobs: {
      report: {
        submitAt: '30s',
        tasks: [{ count: 24, requests: { cpu: '1', memory: '2Gi' }, image: 'batch', duration: '2m' }],
      },
    },
  },
  'every section': {
    name: 'all',
    description: 'every section once',
    seed: 'text seed',
    horizon: '1h30m',
    scheduler: {
      strategy: 'kubernetes',
      scorers: [{ name: 'LeastAllocated', weight: 2, resources: { cpu: 1, memory: 1 } }],
      sampling: { percentage: 50 },
      queue: 'drf',
      preemption: true,
      initialBackoff: 500,
      maxBackoff: '20s',
      maxUnschedulableWait: '1m',
    },
    hosts: [
      {
        name: 'gpu-a',
        capacity: { cpu: 16, memory: '64Gi', gpu: 2 },
        maxContainers: 20,
        labels: { zone: 'a' },
        taints: [{ key: 'gpu', value: 'true', effect: 'NoSchedule' }],
        hourlyCost: 2.5,
      },
    ],
    images: { trainer: { pullTime: '1m', size: '2Gi' } },
    containers: [
      {
        name: 'train',
        at: '5s',
        host: 'gpu-a',
        requests: { cpu: '4', memory: '16Gi', gpu: 1 },
        limits: { cpu: '8' },
        priority: 100,
        labels: { app: 'train' },
        image: 'trainer',
        duration: 'forever',
        tenant: 'research',
        tolerations: [{ key: 'gpu', operator: 'Exists' }],
        nodeSelector: { zone: 'a' },
        affinity: {
          required: [{ key: 'zone', operator: 'In', values: ['a'] }],
          preferred: [{ weight: 10, requirement: { key: 'zone', operator: 'Exists' } }],
        },
        antiAffinity: 'hostname',
        spread: [{ topologyKey: 'zone', maxSkew: 1, whenUnsatisfiable: 'ScheduleAnyway' }],
      },
    ],
  },
  'a balancing policy with parameters': {
    hosts: [{ name: 'a', capacity: { cpu: '4', memory: '8Gi' } }],
    services: {
      web: { replicas: 2, template: {}, serving: { balancing: { policy: 'least-request', choices: 3, bias: 0.5 } } },
      cache: { replicas: 2, template: {}, serving: { balancing: { policy: 'maglev', tableSize: 251 } } },
    },
  },
  'ports, weights and a service time from percentiles': {
    horizon: '1m',
    hosts: [{ name: 'a', capacity: { cpu: '4', memory: '8Gi' }, labels: { size: 'large' } }],
    services: {
      web: {
        replicas: 2,
        template: {},
        serving: {
          type: 'LoadBalancer',
          ports: [
            { name: 'http', port: 80, targetPort: 8080 },
            { name: 'https', port: 443, protocol: 'TCP', nodePort: 30_443 },
          ],
          balancing: 'weighted-round-robin',
          weights: [{ labels: { version: 'v2' }, hostLabels: { size: 'large' }, weight: 3 }],
        },
      },
    },
    requests: {
      get: {
        service: 'web',
        serviceTime: {
          dist: 'percentiles',
          points: [
            { p: 0, value: '2ms' },
            { p: 0.5, value: 20 },
            { p: 1, value: '0.4s' },
          ],
        },
      },
    },
    load: [
      { name: 'users', request: 'get', via: 'load-balancer', port: 443, arrivals: { process: 'poisson', rate: 5 } },
    ],
    network: { nodePortRange: '30000-32767' },
  },
};

const invalid: Record<string, unknown> = {
  'a port out of range': {
    hosts: [{ name: 'a', capacity: {} }],
    services: { w: { replicas: 1, template: {}, serving: { ports: [{ port: 70_000 }] } } },
  },
  'a percentile above 1': {
    hosts: [{ name: 'a', capacity: {} }],
    failures: [
      {
        model: 'container-crashes',
        mtbf: {
          dist: 'percentiles',
          points: [
            { p: 0, value: '1h' },
            { p: 99, value: '2h' },
          ],
        },
      },
    ],
  },
  'a weight of 0': {
    hosts: [{ name: 'a', capacity: {} }],
    services: { w: { replicas: 1, template: {}, serving: { weights: [{ weight: 0 }] } } },
  },
  'an unknown key': { hosts: [{ name: 'a', capacity: {} }], hots: [] },
  'a duration that is not one': { hosts: [{ name: 'a', capacity: {} }], horizon: 'soon' },
  'a quantity that is not one': { hosts: [{ name: 'a', capacity: { cpu: 'lots' } }] },
  'negative replicas': { hosts: [{ name: 'a', capacity: {} }], services: { w: { replicas: -1, template: {} } } },
  'a billion hosts': { hosts: [{ group: 'n', count: 1e9, capacity: {} }] },
  "a 'constructor' label": { hosts: [{ name: 'a', capacity: {}, labels: { constructor: 'x' } }] },
  "a '__proto__' label": JSON.parse('{"hosts": [{"name": "a", "capacity": {}, "labels": {"__proto__": "x"}}]}'),
  'no hosts': { hosts: [] },
  'a strategy that is not text': { hosts: [{ name: 'a', capacity: {} }], scheduler: { strategy: 3 } },
  'an unknown balancing policy with parameters': {
    hosts: [{ name: 'a', capacity: {} }],
    services: { w: { replicas: 1, template: {}, serving: { balancing: { policy: 'least-requests', choices: 3 } } } },
  },
  'least request with one choice': {
    hosts: [{ name: 'a', capacity: {} }],
    services: { w: { replicas: 1, template: {}, serving: { balancing: { policy: 'least-request', choices: 1 } } } },
  },
};

describe('docs/scenario.schema.json', () => {
  it('is up to date with the zod schema', () => {
    const expected = `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
    expect(
      readFileSync(committed, 'utf8') === expected,
      'docs/scenario.schema.json is out of date: run `pnpm run schema:update` and commit the result',
    ).toBe(true);
  });

  it('has every field documented in docs/reference/scenario.md', () => {
    const page = readFileSync(reference, 'utf8');
    const missing = [...propertyNames(scenarioJsonSchema())].filter((name) => !page.includes(`\`${name}\``));
    expect(missing, 'fields of the scenario schema that the reference page does not mention').toEqual([]);
  });

  it.each(Object.entries(valid))('accepts %s, as parseScenario does', (_, scenario) => {
    expect(() => parseScenario(scenario)).not.toThrow();
    expect(check(scenario), ajv.errorsText(check.errors)).toBe(true);
  });

  it.each(Object.entries(invalid))('refuses %s, as parseScenario does', (_, scenario) => {
    expect(() => parseScenario(scenario)).toThrow();
    expect(check(scenario)).toBe(false);
  });
});
