import { describe, expect, it } from 'vitest';
import type { ContainerSpec } from '../containers/Container.js';
import { GPU_STRATEGIES } from '../gpu/gpuStrategies.js';
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
  // One container asking for half a GPU: gpu-fgd learns its typical pods from the workload.
  workload: [
    { requests: Float64Array.of(4000, 8192), gpu: { milli: 500, count: 1, models: undefined } } as ContainerSpec,
  ],
};

describe('STRATEGIES', () => {
  it('lists the Kubernetes presets, then the heuristics, then the other presets, then the GPU policies (the order of error messages)', () => {
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
      ...Object.keys(GPU_STRATEGIES),
    ]);
  });

  it('is exactly the presets, the heuristics and the GPU policies, under their own names', () => {
    for (const name of Object.keys(HEURISTICS)) expect(Object.hasOwn(PRESETS, name)).toBe(false);
    for (const name of Object.keys(GPU_STRATEGIES))
      expect(Object.hasOwn({ ...PRESETS, ...HEURISTICS }, name)).toBe(false);
    expect(Object.keys(STRATEGIES)).toHaveLength(
      Object.keys(PRESETS).length + Object.keys(HEURISTICS).length + Object.keys(GPU_STRATEGIES).length,
    );
    for (const [name, factory] of [
      ...Object.entries(PRESETS),
      ...Object.entries(HEURISTICS),
      ...Object.entries(GPU_STRATEGIES),
    ]) {
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
