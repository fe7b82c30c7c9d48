import { ConfigError } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import { Host } from '../hosts/Host.js';
import { ResourceCatalog } from '../resources/ResourceCatalog.js';
import { scenarioSchema } from '../scenario/scenarioSchema.js';
import { firstFit } from '../selectors/FitSelector.js';
import { resolveStrategy, type StrategyRequest } from './resolveStrategy.js';
import type { StrategyFactory } from './StrategyFactory.js';

const resources = new ResourceCatalog();
const hosts = [new Host(0, 'h', 'h', resources.fromRecord({ cpu: 1000, memory: 1024 }), 110, {}, [], 0)];

function request(scheduler: Record<string, unknown>, extra: Partial<StrategyRequest> = {}): StrategyRequest {
  const { scheduler: config } = scenarioSchema.parse({ hosts: [{ name: 'h', capacity: {} }], scheduler });
  return { config, resources, images: new Map(), hosts, ...extra };
}

const mine: StrategyFactory = () => ({ name: 'mine', filters: [], selector: firstFit(), preemption: false });

function issues(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('resolveStrategy', () => {
  it("builds the scenario's strategy, by default kubernetes", () => {
    expect(resolveStrategy(request({ strategy: 'best-fit' })).strategy.name).toBe('best-fit');
    expect(resolveStrategy(request({})).strategy.name).toBe('kubernetes');
  });

  it('takes a name from the options over the scenario, and a named custom strategy over a built-in one', () => {
    const chosen = request({ strategy: 'kubernetes' }, { strategy: 'best-fit', strategies: { 'best-fit': mine } });
    expect(resolveStrategy(chosen).strategy.name).toBe('mine');
  });

  it('uses a complete strategy as it is, without reading the scenario’s strategy or scorers', () => {
    const strategy = { name: 'given', filters: [], selector: firstFit(), preemption: true };
    const broken = request({ strategy: 'nope', scorers: [{ name: 'Nope' }] }, { strategy });
    expect(resolveStrategy(broken).strategy).toBe(strategy);
  });

  it('rejects an unknown strategy at scheduler.strategy, listing the known names', () => {
    expect(issues(() => resolveStrategy(request({ strategy: 'nope' }, { strategies: { mine } })))).toEqual([
      {
        path: 'scheduler.strategy',
        message: expect.stringMatching(/^unknown strategy 'nope'; known: kubernetes, kubernetes-1\.36, .*, mine$/),
      },
    ]);
    // Own names only: Object.prototype's members are not strategies.
    expect(issues(() => resolveStrategy(request({ strategy: 'toString' })))).toEqual([
      { path: 'scheduler.strategy', message: expect.stringMatching(/^unknown strategy 'toString'/) },
    ]);
  });

  it('rejects a strategy that cannot be built at scheduler, with the reason', () => {
    expect(issues(() => resolveStrategy(request({ scorers: [{ name: 'Nope' }] })))).toEqual([
      { path: 'scheduler', message: expect.stringMatching(/^unknown scorer 'Nope'; known: LeastAllocated, /) },
    ]);
  });

  it("builds RequestedToCapacityRatio with the entry's shape and resource weights", () => {
    const shape = [
      { utilization: 0, score: 0 },
      { utilization: 100, score: 10 },
    ];
    const built = resolveStrategy(
      request({ scorers: [{ name: 'RequestedToCapacityRatio', shape, resources: { cpu: 2, memory: 1 } }] }),
    );
    expect(built.strategy.name).toBe('kubernetes');
  });

  it.each(['fifo', 'priority', 'drf'])('builds the %s queue order', (queue) => {
    expect(resolveStrategy(request({ queue })).order.name).toBe(queue);
  });
});
