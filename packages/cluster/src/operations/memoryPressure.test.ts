import { createRandom } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../scenario/scenarioSchema.js';
import { createSimulation, type Simulation } from '../simulation/Simulation.js';
import { fractionOfRequest } from './fractionOfRequest.js';
import { memoryLeak } from './memoryLeak.js';
import { MEMORY_PRESSURE_REASON, memoryPressure, OOM_KILLED } from './memoryPressure.js';
import { perServiceUsage } from './perServiceUsage.js';
import { randomWalkUsage } from './randomWalkUsage.js';

// Two 4 GiB hosts; node-1 starts cordoned so that all four 1 GiB replicas land on node-0, and is
// opened at 1 minute. web leaks: 1024 MiB × (1 + 0.5 per hour of running), limit 1536 MiB; batch
// steadily uses 0.9 × 1024 = 921.6 MiB and has a lower priority.
const cluster: ScenarioInput = {
  seed: 11,
  hosts: [{ group: 'node', count: 2, capacity: { cpu: '8', memory: '4Gi' } }],
  services: {
    web: { replicas: 2, template: { requests: { cpu: '1', memory: '1Gi' }, limits: { memory: '1536Mi' } } },
    batch: { replicas: 2, template: { requests: { cpu: '1', memory: '1Gi' }, priority: -10 } },
  },
};

function start(): Simulation {
  const sim = createSimulation(cluster);
  sim.setHostState('node-1', 'cordoned');
  sim.run('1m');
  sim.setHostState('node-1', 'ready');
  return sim;
}

const usage = () => perServiceUsage({ web: memoryLeak({ initial: 1, perHour: 0.5 }) }, fractionOfRequest(0.9));

describe('memoryPressure', () => {
  it('evicts the container furthest above its request once the host runs out, and it moves elsewhere', () => {
    const sim = start();
    expect(new Set([...sim.allContainers()].map((c) => c.host!.name))).toEqual(new Set(['node-0']));
    const agent = memoryPressure(sim, { usage: usage(), until: '3h' });
    sim.run('20m');
    // Usage on node-0 = 2 × 1024 × (1 + 0.5 h) + 2 × 921.6 = 3891.2 + 1024 h > 4096 once h > 0.2 (12 min);
    // at 12:00 it is exactly 4096 (not above), so the 12:10 check acts. Both web replicas exceed
    // their request by the same amount; batch does not exceed its own: web-0 (older) goes.
    expect(agent.actions).toHaveLength(1);
    const eviction = agent.actions[0]!;
    expect(eviction).toMatchObject({
      at: 730_000,
      type: 'evicted',
      container: 'web-0',
      host: 'node-0',
      capacityMiB: 4096,
    });
    expect(eviction.type === 'evicted' && eviction.hostUsageMiB).toBeCloseTo(3891.2 + (1024 * 730) / 3600, 6);
    const evicted = sim.events().find((e) => e.type === 'container.evicted')!;
    expect(evicted).toMatchObject({ at: 730_000, container: 'web-0', reason: MEMORY_PRESSURE_REASON });
    // The log tells the pressure first, with the usage that decided it.
    const pressure = sim.events().filter((e) => e.type === 'host.memoryPressure');
    expect(pressure).toEqual([
      {
        at: 730_000,
        type: 'host.memoryPressure',
        host: 'node-0',
        usageMiB: eviction.type === 'evicted' ? eviction.hostUsageMiB : -1,
        capacityMiB: 4096,
        victims: [{ container: 'web-0', usageMiB: eviction.usageMiB, requestMiB: 1024 }],
      },
    ]);
    expect(sim.events().indexOf(pressure[0]!)).toBe(sim.events().indexOf(evicted) - 2);
    // Its replacement goes to the emptier host (LeastAllocated) and starts its own leak from scratch.
    expect(sim.container('web-2')!.host!.name).toBe('node-1');
    expect(agent.hostUsage('node-0')).toBeCloseTo(1024 * (1 + (0.5 * 1200) / 3600) + 1843.2, 6);
  });

  it('OOM-kills a container whose usage passes its limit, at the first check after the crossing', () => {
    const sim = start();
    const agent = memoryPressure(sim, { usage: usage(), until: '3h' });
    sim.run('2h');
    const kills = agent.actions.filter((a) => a.type === 'oom-killed').map((a) => [a.at, a.container]);
    // 1024 × (1 + 0.5 h) > 1536 once h > 1. web-1 runs since 0 (killed at 1:00:10, restarted 10 s
    // later by CrashLoopBackOff); web-2 since 12:10, so 1:12:10 is exactly the limit and 1:12:20 acts.
    expect(kills).toEqual([
      [3_610_000, 'web-1'],
      [4_340_000, 'web-2'],
    ]);
    const told = sim.events().filter((e) => e.type === 'container.oomKilled');
    expect(told).toEqual(
      agent.actions.filter((a) => a.type === 'oom-killed').map((a) => ({ ...a, type: 'container.oomKilled' })),
    );
    expect(told.map((e) => e.type === 'container.oomKilled' && e.limitMiB)).toEqual([1536, 1536]);
    const crashed = sim.events().filter((e) => e.type === 'container.crashed');
    expect(crashed.map((e) => (e.type === 'container.crashed' ? [e.at, e.reason, e.restartIn] : []))).toEqual([
      [3_610_000, OOM_KILLED, 10_000],
      [4_340_000, OOM_KILLED, 10_000],
    ]);
  });

  it('never leaves a host using more than its capacity after a check, and no host is over-committed', () => {
    const sim = start();
    const rng = createRandom(99).stream('memory');
    const agent = memoryPressure(sim, { usage: randomWalkUsage(rng, { initial: 1, step: 0.1 }), until: '6h' });
    for (let t = 1; t <= 36; t++) {
      sim.run(t * 600_000 + 5_000); // just after a check
      for (const host of sim.cluster.hosts) {
        expect(agent.hostUsage(host.name)).toBeLessThanOrEqual(4096);
        for (let r = 0; r < host.capacity.length; r++)
          expect(host.allocated[r]!).toBeLessThanOrEqual(host.capacity[r]!);
      }
    }
    expect(agent.actions.length).toBeGreaterThan(0);
  });

  it('is deterministic: same seed, same actions and events', () => {
    const once = () => {
      const sim = start();
      const agent = memoryPressure(sim, {
        usage: randomWalkUsage(sim.random.stream('memory'), { step: 0.2 }),
        until: '3h',
      });
      sim.run('3h');
      return { actions: agent.actions, events: sim.events() };
    };
    expect(once()).toEqual(once());
  });

  it('does not keep sim.run() going when nothing else is scheduled and no horizon is set', () => {
    const sim = start();
    memoryPressure(sim, { usage: fractionOfRequest(0.5) });
    sim.run();
    expect(sim.now).toBe(70_000);
  });

  it('rejects bad arguments by name', () => {
    const sim = start();
    expect(() => memoryPressure(sim, { usage: fractionOfRequest(1), checkEvery: 0 })).toThrow(/checkEvery/);
    expect(() => memoryPressure(sim, { usage: fractionOfRequest(1), evictionThresholdMiB: -1 })).toThrow(
      /evictionThresholdMiB/,
    );
    expect(() => fractionOfRequest(-1)).toThrow(/fraction/);
  });
});
