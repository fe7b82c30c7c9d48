import { describe, expect, it } from 'vitest';
import { isFinished } from '../containers/Container.js';
import { PROBE_DEFAULTS } from '../containers/Probe.js';
import type { ScenarioInput } from '../scenario/scenarioSchema.js';
import { createSimulation, type Simulation } from '../simulation/Simulation.js';
import { resolveCount } from './DeploymentController.js';

const scenario = (replicas: number): ScenarioInput => ({
  seed: 5,
  hosts: [{ group: 'node', count: 4, capacity: { cpu: '8', memory: '16Gi' } }],
  images: { 'web:1': { pullTime: '5s' }, 'web:2': { pullTime: '5s' } },
  services: {
    web: { replicas, template: { requests: { cpu: '500m', memory: '512Mi' }, image: 'web:1', startup: '2s' } },
  },
});

/** Watches ready and live counts of the service after every event. */
function watch(sim: Simulation) {
  const seen = { minReady: Number.POSITIVE_INFINITY, maxLive: 0 };
  sim.log.subscribe(() => {
    let ready = 0;
    let live = 0;
    for (const c of sim.allContainers()) {
      if (c.service !== 'web' || isFinished(c.phase) || c.phase === 'terminating') continue;
      live += 1;
      if (c.health.ready) ready += 1;
    }
    seen.minReady = Math.min(seen.minReady, ready);
    seen.maxLive = Math.max(seen.maxLive, live);
  });
  return seen;
}

describe('rolling updates', () => {
  it('resolves counts and percentages as Kubernetes rounds them', () => {
    // maxSurge 25% of 10 = 2.5 → 3 (up); maxUnavailable 25% of 10 → 2 (down).
    expect(resolveCount('25%', 10, Math.ceil)).toBe(3);
    expect(resolveCount('25%', 10, Math.floor)).toBe(2);
    expect(resolveCount(1, 10, Math.floor)).toBe(1);
    expect(() => resolveCount('lots', 10, Math.floor)).toThrow(/percentage/);
  });

  it('never drops below replicas − maxUnavailable ready nor exceeds replicas + maxSurge', () => {
    const sim = createSimulation(scenario(8)).run('1m');
    const seen = watch(sim);
    sim.update((d) => {
      d.services.web!.template = { ...d.services.web!.template, image: 'web:2' };
    });
    sim.run('10m');
    // 8 replicas: maxSurge ceil(2) = 2, maxUnavailable floor(2) = 2.
    expect(seen.minReady).toBeGreaterThanOrEqual(8 - 2);
    expect(seen.maxLive).toBeLessThanOrEqual(8 + 2);
    const done = sim.events().find((e) => e.type === 'rollout.completed');
    expect(done).toMatchObject({ service: 'web', revision: 1 });
    const running = [...sim.allContainers()].filter((c) => c.phase === 'running');
    expect(running).toHaveLength(8);
    expect(running.every((c) => c.image === 'web:2')).toBe(true);
    expect(sim.rolloutStatus('web')).toEqual({ revision: 1, rolling: false });
  });

  it('gates progress on readiness: a new revision that never gets ready stalls after the deadline', () => {
    const sim = createSimulation(scenario(4)).run('1m');
    // Make every new replica fail its readiness probe forever.
    sim.log.subscribe((e) => {
      if (e.type !== 'container.created') return;
      const c = sim.container(e.container)!;
      Object.assign(c.spec, { probes: { readiness: PROBE_DEFAULTS }, warmupMs: Number.POSITIVE_INFINITY });
    });
    sim.update((d) => {
      d.services.web!.template = { ...d.services.web!.template, image: 'web:2' };
    });
    sim.run('30m');
    expect(sim.events().some((e) => e.type === 'rollout.completed')).toBe(false);
    const stalled = sim.events().find((e) => e.type === 'rollout.stalled')!;
    expect(stalled.at).toBeGreaterThanOrEqual(60_000 + 600_000);
    // The old revision still serves: at most maxUnavailable (1 of 4) was taken down.
    const oldReady = [...sim.allContainers()].filter((c) => c.image === 'web:1' && c.health.ready);
    expect(oldReady.length).toBeGreaterThanOrEqual(3);
  });

  it('rolls back to the previous template', () => {
    const sim = createSimulation(scenario(4)).run('1m');
    sim.update((d) => {
      d.services.web!.template = { ...d.services.web!.template, image: 'web:2' };
    });
    sim.run('5m');
    sim.rollback('web');
    sim.run('10m');
    const running = [...sim.allContainers()].filter((c) => c.phase === 'running');
    expect(running.map((c) => c.image)).toEqual(['web:1', 'web:1', 'web:1', 'web:1']);
    expect(sim.events().filter((e) => e.type === 'rollout.completed')).toHaveLength(2);
  });

  it('a paused service does not roll', () => {
    const sim = createSimulation(scenario(4)).run('1m');
    sim.update((d) => {
      d.services.web!.paused = true;
      d.services.web!.template = { ...d.services.web!.template, image: 'web:2' };
    });
    sim.run('5m');
    expect([...sim.allContainers()].filter((c) => c.image === 'web:2')).toHaveLength(0);
    sim.update((d) => {
      d.services.web!.paused = false;
    });
    sim.run('10m');
    expect([...sim.allContainers()].filter((c) => c.image === 'web:2' && c.phase === 'running')).toHaveLength(4);
  });
});

describe('scale-down policies', () => {
  it.each([
    ['kubernetes', ['web-0', 'web-1']],
    ['newest-first', ['web-0', 'web-1']],
    ['oldest-first', ['web-2', 'web-3']],
  ] as const)('%s keeps %j', (policy, kept) => {
    const sim = createSimulation(scenario(4)).run('1m');
    sim.update((d) => {
      d.services.web!.scaleDown = policy;
      d.services.web!.replicas = 2;
    });
    sim.run('2m');
    const running = [...sim.allContainers()].filter((c) => c.phase === 'running').map((c) => c.name);
    expect(running).toEqual(kept);
  });
});

describe('changes in the scenario', () => {
  it('rolls a service to a new image at the given time', () => {
    const sim = createSimulation({ ...scenario(4), changes: [{ at: '2m', service: 'web', image: 'web:2' }] }).run(
      '10m',
    );
    const started = sim.events().find((e) => e.type === 'rollout.started')!;
    expect(started.at).toBe(120_000);
    expect([...sim.allContainers()].filter((c) => c.phase === 'running').map((c) => c.image)).toEqual([
      'web:2',
      'web:2',
      'web:2',
      'web:2',
    ]);
  });

  it('names an unknown service', () => {
    expect(() => createSimulation({ ...scenario(1), changes: [{ at: 0, service: 'api', replicas: 2 }] })).toThrow(
      /no service named 'api'[\s\S]*changes\[0\]\.service/,
    );
  });
});
