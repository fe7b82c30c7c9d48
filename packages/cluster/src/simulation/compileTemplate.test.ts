import { ConfigError } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import { compileTemplate, createContainerSpec } from './compileTemplate.js';
import { createSimulation } from './Simulation.js';

const scenario = {
  hosts: [{ group: 'node', count: 2, capacity: { cpu: '4', memory: '8Gi', gpu: 1 } }],
  images: { batch: { pullTime: '5s' } },
};

describe('compileTemplate', () => {
  it('makes the spec the scenario would make from the same template', () => {
    const sim = createSimulation({
      ...scenario,
      containers: [{ name: 'a', requests: { cpu: '500m', memory: '1Gi' }, image: 'batch', duration: '2m' }],
    });
    sim.run('1s');
    const fromScenario = sim.container('a')!.spec;
    const made = createContainerSpec(sim, 'a', {
      requests: { cpu: '500m', memory: '1Gi' },
      image: 'batch',
      duration: '2m',
    });
    expect({ ...made, requests: [...made.requests], nonZeroRequests: [...made.nonZeroRequests] }).toEqual({
      ...fromScenario,
      requests: [...fromScenario.requests],
      nonZeroRequests: [...fromScenario.nonZeroRequests],
    });
    // 500m cpu, 1024 MiB, no gpu; pull time from the image catalogue; 2 min in ms.
    expect([...made.requests]).toEqual([500, 1024, 0]);
    expect(made.pullMs).toBe(5000);
    expect(made.durationMs).toBe(120_000);
  });

  it('submits work later through sim.submit', () => {
    const sim = createSimulation(scenario);
    const batch = compileTemplate(sim, { requests: { cpu: '1', memory: '1Gi' } });
    sim.env.schedule(60_000, () => {
      for (let i = 0; i < 3; i++) sim.submit(batch.spec(`late-${i}`, { durationMs: 1000 * (i + 1) }));
    });
    sim.run('2m');
    expect(sim.counters.placed).toBe(3);
    expect(sim.container('late-2')!.phase).toBe('succeeded');
    expect(sim.container('late-2')!.spec.durationMs).toBe(3000);
  });

  it('overrides requests and priority per container, with the defaults of a missing request', () => {
    const sim = createSimulation(scenario);
    const t = compileTemplate(sim, { requests: { cpu: '2' } });
    const spec = t.spec('x', { requests: { memory: 300, gpu: 1 }, priority: 7 });
    expect([...spec.requests]).toEqual([2000, 300, 1]);
    expect([...spec.nonZeroRequests]).toEqual([2000, 300, 1]);
    expect(spec.priority).toBe(7);
    // The template itself asks for no memory: scoring counts kube-scheduler's 200 MiB default.
    expect([...t.spec('y').nonZeroRequests]).toEqual([2000, 200, 0]);
  });

  it('overrides the start-up time per container (a drawn one), and refuses a negative or infinite one', () => {
    const sim = createSimulation(scenario);
    const t = compileTemplate(sim, { requests: { cpu: '1' }, startup: '2s' });
    expect(t.spec('a').startupMs).toBe(2000);
    expect(t.spec('b', { startupMs: 350 }).startupMs).toBe(350);
    expect(() => t.spec('c', { startupMs: -1 })).toThrow(/expected a finite duration >= 0 ms, got -1\n.*startupMs/);
    expect(() => t.spec('d', { startupMs: Number.POSITIVE_INFINITY })).toThrow(/startupMs/);
  });

  it('rejects a bad template like the scenario does, naming every field', () => {
    const sim = createSimulation(scenario);
    const bad = () =>
      compileTemplate(sim, {
        requests: { cpu: 'lots', memory: '1Gi' },
        limits: { memory: '512Mi' },
        startup: -1,
      } as never);
    expect(bad).toThrow(ConfigError);
    const issues = (() => {
      try {
        bad();
      } catch (error) {
        return (error as ConfigError).issues.map((i) => i.path);
      }
      return [];
    })();
    // The memory request (1024 MiB) exceeds its limit (512 MiB), as Kubernetes forbids.
    expect(issues).toEqual(['template.requests.cpu', 'template.requests.memory', 'template.startup']);
    expect(() => compileTemplate(sim, { requests: { fpga: 1 } }, ['streams', 0, 'template'])).toThrow(
      /unknown resource 'fpga': the simulation's hosts have cpu, memory, gpu\n {4}→ at streams\[0\]\.template\.requests\.fpga/,
    );
  });

  it('rejects bad overrides by field', () => {
    const sim = createSimulation(scenario);
    const t = compileTemplate(sim, {});
    expect(() => t.spec('x', { durationMs: -1 })).toThrow(/expected a duration >= 0 ms, got -1\n {4}→ at durationMs/);
    expect(() => t.spec('x', { requests: { cpu: Number.NaN } })).toThrow(/→ at requests\.cpu/);
    expect(() => t.spec('x', { requests: { fpga: 1 } })).toThrow(/unknown resource 'fpga'/);
    expect(() => t.spec('')).toThrow(/expected a non-empty container name/);
  });
});
