import { describe, expect, it } from 'vitest';
import { ResourceCatalog } from '../resources/ResourceCatalog.js';
import { HEURISTICS } from './heuristics.js';
import { PRESETS } from './presets/presetCatalog.js';
import type { StrategyContext } from './StrategyFactory.js';
import { STRATEGIES } from './strategyCatalog.js';

const context: StrategyContext = {
  config: { strategy: 'x', queue: 'priority', initialBackoff: 1000, maxBackoff: 10_000, maxUnschedulableWait: 300_000 },
  resources: new ResourceCatalog(),
  sampler: undefined,
  scorers: undefined,
  images: new Map(),
};

describe('STRATEGIES', () => {
  it('lists the Kubernetes presets, then the heuristics, then the other presets (the order of error messages)', () => {
    const otherPresets = Object.keys(PRESETS).filter((name) => !name.startsWith('kubernetes'));
    expect(Object.keys(STRATEGIES)).toEqual([
      'kubernetes',
      'kubernetes-1.36',
      'least-allocated',
      'most-allocated',
      'balanced-allocation',
      'random',
      'power-of-two-choices',
      'first-fit',
      'best-fit',
      'worst-fit',
      'round-robin',
      ...otherPresets,
    ]);
  });

  it('is exactly the presets and the heuristics, under their own names', () => {
    for (const name of Object.keys(HEURISTICS)) expect(Object.hasOwn(PRESETS, name)).toBe(false);
    expect(Object.keys(STRATEGIES)).toHaveLength(Object.keys(PRESETS).length + Object.keys(HEURISTICS).length);
    for (const [name, factory] of [...Object.entries(PRESETS), ...Object.entries(HEURISTICS)]) {
      expect(STRATEGIES[name]).toBe(factory);
    }
  });

  it.each(Object.keys(STRATEGIES))('%s builds a fresh strategy, its selector named after it', (name) => {
    const a = STRATEGIES[name]!(context);
    const b = STRATEGIES[name]!(context);
    expect(a.name).toBe(name);
    // Explain records and error messages name the strategy; the selector must agree.
    expect(a.selector.name).toBe(name);
    expect(a.selector).not.toBe(b.selector);
  });
});
