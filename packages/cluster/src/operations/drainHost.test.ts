import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../scenario/scenarioSchema.js';
import { createSimulation, type Simulation } from '../simulation/Simulation.js';
import { DRAIN_REASON, drainHost } from './drainHost.js';

// first-fit packs the three replicas onto node-0; a replacement on a fresh host pulls for 12 s and
// starts in 3 s; once the image is there, it starts in 3 s.
const cluster: ScenarioInput = {
  seed: 5,
  scheduler: { strategy: 'first-fit' },
  hosts: [{ group: 'node', count: 3, capacity: { cpu: '4', memory: '8Gi' } }],
  images: { web: { pullTime: '12s' } },
  services: { web: { replicas: 3, template: { requests: { cpu: '1', memory: '1Gi' }, image: 'web', startup: '3s' } } },
};

const T0 = 120_000;

function readyAt(sim: Simulation): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of sim.events()) if (e.type === 'container.ready') out.set(e.container, e.at);
  return out;
}

describe('drainHost', () => {
  it('with minAvailable 2 of 3, evicts one at a time, each once the previous replacement is ready', () => {
    const sim = createSimulation(cluster).run(T0);
    expect([...sim.cluster.containersOn(sim.cluster.hostsByName.get('node-0')!)].map((c) => c.name)).toEqual([
      'web-0',
      'web-1',
      'web-2',
    ]);
    const drain = drainHost(sim, 'node-0', { budgets: { web: { minAvailable: 2 } } });
    sim.run('10m');
    const evictions = drain.steps.filter((s) => s.type === 'evicted').map((s) => [s.at, s.container]);
    expect(evictions).toEqual([
      [T0, 'web-0'], // 3 ready, 2 required: one disruption allowed
      [T0 + 15_000, 'web-1'], // web-3 on node-1: pull 12 s + start 3 s
      [T0 + 18_000, 'web-2'], // web-4 on node-1: image present, start 3 s
    ]);
    const ready = readyAt(sim);
    expect(ready.get('web-3')).toBe(T0 + 15_000);
    expect(ready.get('web-4')).toBe(T0 + 18_000);
    expect(ready.get('web-5')).toBe(T0 + 21_000);
    expect(drain.steps.filter((s) => s.type === 'refused').map((s) => [s.at, s.container])).toEqual([
      [T0, 'web-1'],
      [T0, 'web-2'],
    ]);
    expect(drain.completedAt).toBe(T0 + 18_000);
    expect(drain.done.processed).toBe(true);
    expect(sim.cluster.hostsByName.get('node-0')!.state).toBe('down');
    const states = sim.events().filter((e) => e.type === 'host.state');
    expect(states.map((e) => (e.type === 'host.state' ? [e.at, e.to] : []))).toEqual([
      [T0, 'cordoned'],
      [T0 + 18_000, 'down'],
    ]);
    expect(sim.events().every((e) => e.type !== 'container.evicted' || e.reason === DRAIN_REASON)).toBe(true);
  });

  it('tells the event log: drain.started, each refusal once, drain.completed with its duration', () => {
    const sim = createSimulation(cluster).run(T0);
    drainHost(sim, 'node-0', { budgets: { web: { minAvailable: 2 } } });
    sim.run('10m');
    const told = sim
      .events()
      .filter((e) => e.type.startsWith('drain.') || e.type === 'eviction.refused')
      .map((e) => ({ ...e }));
    expect(told).toEqual([
      { at: T0, type: 'drain.started', host: 'node-0' },
      {
        at: T0,
        type: 'eviction.refused',
        container: 'web-1',
        service: 'web',
        reason: 'disruption budget: 2 ready, 2 required',
        by: 'drain',
      },
      {
        at: T0,
        type: 'eviction.refused',
        container: 'web-2',
        service: 'web',
        reason: 'disruption budget: 2 ready, 2 required',
        by: 'drain',
      },
      { at: T0 + 18_000, type: 'drain.completed', host: 'node-0', state: 'down', durationMs: 18_000 },
    ]);
  });

  it('never lets the ready count drop below minAvailable, and no host is over-committed', () => {
    const sim = createSimulation(cluster).run(T0);
    let ready = 3;
    let lowest = 3;
    sim.log.subscribe((e) => {
      const service =
        e.type === 'container.ready' || e.type === 'container.unready'
          ? sim.container(e.container)?.service
          : undefined;
      if (service !== 'web') return;
      ready += e.type === 'container.ready' ? 1 : -1;
      lowest = Math.min(lowest, ready);
      for (const h of sim.cluster.hosts)
        for (let r = 0; r < h.capacity.length; r++) expect(h.allocated[r]!).toBeLessThanOrEqual(h.capacity[r]!);
    });
    drainHost(sim, 'node-0', { budgets: { web: { maxUnavailable: '34%' } } }); // ceil(1.02) = 2 may be unavailable
    sim.run('10m');
    expect(lowest).toBe(1);
    expect(ready).toBe(3);
  });

  it('evicts everything at once without a budget, then uncordons with finalState: ready', () => {
    const sim = createSimulation(cluster).run(T0);
    const drain = drainHost(sim, 'node-0', { finalState: 'ready' });
    expect(drain.completedAt).toBe(T0);
    expect(drain.steps.map((s) => s.type)).toEqual(['cordoned', 'evicted', 'evicted', 'evicted', 'completed']);
    expect(sim.cluster.hostsByName.get('node-0')!.state).toBe('ready');
  });

  it('waits while minAvailable equals the replica count, and resumes when the service scales up', () => {
    const sim = createSimulation(cluster).run(T0);
    const drain = drainHost(sim, 'node-0', { budgets: { web: { minAvailable: 3 } } });
    sim.run('5m');
    expect(drain.completedAt).toBeNull();
    expect(sim.cluster.hostsByName.get('node-0')!.state).toBe('cordoned');
    sim.update((d) => {
      d.services.web!.replicas = 4;
    });
    sim.run('10m');
    // web-3 lands on node-1 at 5 m and is ready 15 s later: 4 ready, 3 required, so one may go;
    // each later replacement (image present) is ready 3 s after the eviction it replaces.
    const evictions = drain.steps.filter((s) => s.type === 'evicted').map((s) => s.at);
    expect(evictions).toEqual([315_000, 318_000, 321_000]);
    expect(drain.completedAt).toBe(321_000);
  });

  it('cancel stops a drain that a 100% budget blocks; the host stays cordoned', () => {
    const sim = createSimulation(cluster).run(T0);
    const drain = drainHost(sim, 'node-0', { budgets: { web: { minAvailable: '100%' } } });
    sim.run('5m');
    drain.cancel();
    sim.update((d) => {
      d.services.web!.replicas = 5;
    });
    sim.run('10m');
    expect(drain.completedAt).toBeNull();
    expect(drain.steps.map((s) => s.type)).toEqual(['cordoned', 'refused', 'refused', 'refused']);
    expect(sim.cluster.hostsByName.get('node-0')!.state).toBe('cordoned');
    const told = sim.events().filter((e) => e.type.startsWith('drain.'));
    expect(told).toEqual([
      { at: T0, type: 'drain.started', host: 'node-0' },
      { at: 300_000, type: 'drain.cancelled', host: 'node-0' },
    ]);
  });

  it('is deterministic: the same seed gives the same event log', () => {
    const run = () => {
      const sim = createSimulation(cluster).run(T0);
      drainHost(sim, 'node-0', { budgets: { web: { minAvailable: 2 } } });
      return sim.run('10m').events();
    };
    expect(run()).toEqual(run());
  });

  it('rejects bad arguments by name', () => {
    const sim = createSimulation(cluster);
    expect(() => drainHost(sim, 'nope')).toThrow(/host/);
    expect(() => drainHost(sim, 'node-0', { budgets: { web: { minAvailable: 1, maxUnavailable: 1 } } })).toThrow(
      /budgets\.web/,
    );
    expect(() => drainHost(sim, 'node-0', { budgets: { web: { minAvailable: 'half' } } })).toThrow(
      /budgets\.web\.minAvailable/,
    );
  });
});
