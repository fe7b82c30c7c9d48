import { describe, expect, it } from 'vitest';
import type { ClusterEvent } from '../events/ClusterEvent.js';
import type { ScenarioInput } from '../scenario/scenarioSchema.js';
import type { ClusterRuntime } from '../simulation/ClusterRuntime.js';
import { createSimulation } from '../simulation/Simulation.js';
import type { Controller } from './Controller.js';

const scenario: ScenarioInput = {
  seed: 4,
  hosts: [{ group: 'node', count: 3, capacity: { cpu: '4', memory: '8Gi' } }],
  services: { web: { replicas: 3, template: { requests: { cpu: '1', memory: '1Gi' }, startup: '2s' } } },
};

/** Evicts the first replica that starts running, once; counts what it hears. */
function evictFirst(): Controller & { readonly heard: number[] } {
  /** Per simulation: the events recorded before the controller started, plus those it heard since. */
  const heard: number[] = [];
  return {
    name: 'evict-first',
    heard,
    start(rt: ClusterRuntime) {
      let done = false;
      let count = rt.log.size;
      heard.push(count);
      const slot = heard.length - 1;
      return (event: ClusterEvent) => {
        heard[slot] = ++count;
        if (!done && event.type === 'container.running') {
          done = true;
          rt.evict(rt.container(event.container)!, 'evicted by a test controller');
        }
      };
    },
  };
}

describe('Controller', () => {
  it('hears each event after the simulation’s own controllers and before every observer', () => {
    const order: string[] = [];
    let before = -1;
    const sim = createSimulation(scenario, {
      onEvent: (e) => order.push(`observer ${e.type}`),
      controllers: [
        {
          name: 'watcher',
          start(rt) {
            before = rt.log.size;
            return (e) => {
              order.push(`controller ${e.type}`);
              // The service controller has already replaced an evicted replica when we hear of it.
              if (e.type === 'container.evicted')
                order.push(`replacement exists: ${rt.container('web-3') !== undefined}`);
            };
          },
        },
      ],
    });
    sim.run('10s');
    sim.evict(sim.container('web-0')!, 'test');
    const evicted = order.indexOf('controller container.evicted');
    expect(order.slice(evicted, evicted + 3)).toEqual([
      'controller container.evicted',
      'replacement exists: true',
      'observer container.evicted',
    ]);
    // The replacement's creation was recorded during the eviction's hearing, so everyone hears it next.
    expect(order[evicted + 3]).toBe('controller container.created');
    // Every event is heard once by each, in log order (the controller from the moment it started, when the
    // scenario's hosts and first containers were in the log already).
    const seen = (who: string) => order.filter((s) => s.startsWith(who)).map((s) => s.slice(who.length));
    expect(before).toBeGreaterThan(0);
    expect(seen('observer ')).toEqual(sim.events().map((e) => e.type));
    expect(seen('controller ')).toEqual(seen('observer ').slice(before));
  });

  it('acts through the runtime, and one controller object may serve two simulations', () => {
    const shared = evictFirst();
    const a = createSimulation(scenario, { controllers: [shared] }).run('1m');
    const b = createSimulation(scenario, { controllers: [shared] }).run('1m');
    const alone = createSimulation(scenario, { controllers: [evictFirst()] }).run('1m');
    expect(a.events()).toEqual(alone.events());
    expect(b.events()).toEqual(alone.events());
    const evictions = alone.events().filter((e) => e.type === 'container.evicted');
    expect(evictions).toEqual([
      {
        at: 2000,
        type: 'container.evicted',
        container: 'web-0',
        host: 'node-0',
        reason: 'evicted by a test controller',
      },
    ]);
    // Each simulation's copy kept its own count.
    expect(shared.heard).toEqual([a.log.size, b.log.size]);
  });

  it('stops hearing events when stopped; work it scheduled stays scheduled', () => {
    const sim = createSimulation(scenario);
    let heard = 0;
    let ticks = 0;
    const stop = sim.addController({
      name: 'counter',
      start(rt) {
        rt.env.schedule(30_000, () => ticks++);
        return () => heard++;
      },
    });
    sim.run('5s');
    const atStop = heard;
    expect(atStop).toBeGreaterThan(0);
    stop();
    sim.run('1m');
    expect(heard).toBe(atStop);
    expect(ticks).toBe(1);
  });
});
